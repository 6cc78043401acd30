package io.edgefleet.engine.query;

import java.util.Locale;
import java.util.Optional;

/** The built-in functions. Names are case-insensitive; some have a second spelling. */
public enum QueryFunction {
  IS_DEFINED("IS_DEFINED", null, Kind.TYPE_TEST),
  IS_NULL("IS_NULL", null, Kind.TYPE_TEST),
  IS_STRING("IS_STRING", null, Kind.TYPE_TEST),
  IS_NUMBER("IS_NUMBER", null, Kind.TYPE_TEST),
  IS_BOOL("IS_BOOL", null, Kind.TYPE_TEST),
  IS_OBJECT("IS_OBJECT", null, Kind.TYPE_TEST),
  IS_PRIMITIVE("IS_PRIMITIVE", null, Kind.TYPE_TEST),
  IS_ARRAY("IS_ARRAY", null, Kind.TYPE_TEST),
  STARTS_WITH("STARTSWITH", "STARTS_WITH", Kind.TEXT_TEST),
  ENDS_WITH("ENDSWITH", "ENDS_WITH", Kind.TEXT_TEST),
  CONTAINS("CONTAINS", null, Kind.TEXT_TEST);

  /** How a function uses its arguments. */
  public enum Kind {
    /** One argument, a property path; always TRUE or FALSE. */
    TYPE_TEST,
    /** Two string arguments; UNDEFINED unless both are strings. */
    TEXT_TEST
  }

  private final String canonicalName;
  private final String alias;
  private final Kind kind;

  QueryFunction(String canonicalName, String alias, Kind kind) {
    this.canonicalName = canonicalName;
    this.alias = alias;
    this.kind = kind;
  }

  /** The name the canonical form uses, e.g. {@code STARTSWITH}. */
  public String canonicalName() {
    return canonicalName;
  }

  public Kind kind() {
    return kind;
  }

  /** How many arguments the function takes. */
  public int arity() {
    return kind == Kind.TYPE_TEST ? 1 : 2;
  }

  /** The function with this name (any case, either spelling), if there is one. */
  public static Optional<QueryFunction> named(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (QueryFunction function : values()) {
      if (function.canonicalName.equals(upper) || upper.equals(function.alias)) {
        return Optional.of(function);
      }
    }
    return Optional.empty();
  }

  /** Every accepted name, for error messages. */
  static String knownNames() {
    StringBuilder names = new StringBuilder();
    for (QueryFunction function : values()) {
      if (names.length() > 0) {
        names.append(", ");
      }
      names.append(function.canonicalName);
      if (function.alias != null) {
        names.append('/').append(function.alias);
      }
    }
    return names.toString();
  }
}

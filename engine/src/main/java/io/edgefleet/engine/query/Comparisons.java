package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The comparison rules, producing {@link Ordering} codes. Strings compare ordinally (by UTF-16 code
 * unit, as {@link String#compareTo}); numbers by value ({@link Numbers}); booleans are only equal
 * or not; null equals null and differs from every other value; anything else, including any object
 * or array, cannot be compared.
 */
final class Comparisons {

  private Comparisons() {}

  /** A JSON value (not missing) against a literal, for any operator. */
  static int compare(JsonNode value, LiteralValue literal) {
    switch (literal.kind) {
      case TEXT:
        if (value.isTextual()) {
          return Ordering.sign(value.textValue().compareTo(literal.text));
        }
        break;
      case NUMBER:
        if (value.isNumber()) {
          return Numbers.compare(value, literal);
        }
        break;
      case BOOL:
        if (value.isBoolean()) {
          return value.booleanValue() == literal.bool ? Ordering.SAME : Ordering.DIFFERENT;
        }
        break;
      default:
        return value.isNull() ? Ordering.SAME : Ordering.DIFFERENT;
    }
    return value.isNull() ? Ordering.DIFFERENT : Ordering.INCOMPARABLE;
  }

  /**
   * Like {@link #compare(JsonNode, LiteralValue)} but only for {@code =} and {@code !=}: unequal
   * strings give DIFFERENT, which lets strings be compared with {@link String#equals}.
   */
  static int equality(JsonNode value, LiteralValue literal) {
    if (literal.kind == LiteralValue.Kind.TEXT && value.isTextual()) {
      return value.textValue().equals(literal.text) ? Ordering.EQUAL : Ordering.DIFFERENT;
    }
    return compare(value, literal);
  }

  /** A string value (not missing) against a literal, for any operator. */
  static int compare(String value, LiteralValue literal) {
    return switch (literal.kind) {
      case TEXT -> Ordering.sign(value.compareTo(literal.text));
      case NULL -> Ordering.DIFFERENT;
      default -> Ordering.INCOMPARABLE;
    };
  }

  /** A string value against a literal, for {@code =} and {@code !=} only. */
  static int equality(String value, LiteralValue literal) {
    if (literal.kind == LiteralValue.Kind.TEXT) {
      return value.equals(literal.text) ? Ordering.EQUAL : Ordering.DIFFERENT;
    }
    return compare(value, literal);
  }

  /** Two JSON values (neither missing), for any operator. */
  static int compare(JsonNode left, JsonNode right) {
    if (left.isNull() || right.isNull()) {
      return left.isNull() && right.isNull() ? Ordering.SAME : Ordering.DIFFERENT;
    }
    if (left.isTextual() && right.isTextual()) {
      return Ordering.sign(left.textValue().compareTo(right.textValue()));
    }
    if (left.isNumber() && right.isNumber()) {
      return Numbers.compare(left, right);
    }
    if (left.isBoolean() && right.isBoolean()) {
      return left.booleanValue() == right.booleanValue() ? Ordering.SAME : Ordering.DIFFERENT;
    }
    return Ordering.INCOMPARABLE;
  }
}

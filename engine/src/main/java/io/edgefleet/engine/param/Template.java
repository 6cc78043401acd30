package io.edgefleet.engine.param;

import io.edgefleet.engine.query.QueryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A string of a deployment that holds placeholders or the {@code $${} escape, parsed once. Parts
 * are literal text ({@link String}) and {@link Placeholder}s, in order.
 *
 * <p>Syntax: {@code ${deviceId}}, {@code ${tags.<path>}}, {@code ${properties.reported.<path>}};
 * a path is keys separated by dots. {@code $${} writes a literal {@code ${}. Any other {@code ${}
 * is an error with its column.
 */
public final class Template {

  private static final String REPORTED_PREFIX = "properties.reported.";
  private static final String TAGS_PREFIX = "tags.";

  private final String text;
  private final List<Object> parts;

  private Template(String text, List<Object> parts) {
    this.text = text;
    this.parts = List.copyOf(parts);
  }

  /**
   * Whether {@code text} needs parsing: it contains {@code ${} (a placeholder or the escape). A
   * string without it is used as it is.
   */
  public static boolean applies(String text) {
    return text != null && text.contains("${");
  }

  /**
   * Parses {@code text}.
   *
   * @throws QueryException for a malformed placeholder, with its column
   */
  public static Template parse(String text) throws QueryException {
    List<Object> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          throw QueryException.problem(
              text, i, "'${' is not closed by '}' (write '$${' for a literal '${')");
        }
        Placeholder placeholder = placeholder(text, i, text.substring(i + 2, close));
        if (literal.length() > 0) {
          parts.add(literal.toString());
          literal.setLength(0);
        }
        parts.add(placeholder);
        i = close + 1;
      } else {
        literal.append(text.charAt(i));
        i++;
      }
    }
    if (literal.length() > 0) {
      parts.add(literal.toString());
    }
    return new Template(text, parts);
  }

  private static Placeholder placeholder(String text, int at, String reference)
      throws QueryException {
    if (reference.equals("deviceId")) {
      return new Placeholder(Placeholder.Root.DEVICE_ID, List.of());
    }
    Placeholder.Root root;
    String path;
    if (reference.startsWith(TAGS_PREFIX)) {
      root = Placeholder.Root.TAGS;
      path = reference.substring(TAGS_PREFIX.length());
    } else if (reference.startsWith(REPORTED_PREFIX)) {
      root = Placeholder.Root.REPORTED;
      path = reference.substring(REPORTED_PREFIX.length());
    } else {
      throw QueryException.problem(
          text,
          at,
          "unknown placeholder '${"
              + reference
              + "}': use ${deviceId}, ${tags.<path>} or ${properties.reported.<path>} (or '$${'"
              + " for a literal '${')");
    }
    List<String> keys = Arrays.asList(path.split("\\.", -1));
    for (String key : keys) {
      if (key.isEmpty() || !validKey(key)) {
        throw QueryException.problem(
            text,
            at,
            "placeholder '${"
                + reference
                + "}' has an empty or malformed key: keys are separated by single dots and hold"
                + " no spaces, quotes, '$' or '{'");
      }
    }
    return new Placeholder(root, keys);
  }

  private static boolean validKey(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isWhitespace(c) || c == '$' || c == '{' || c == '"' || c == '\'') {
        return false;
      }
    }
    return true;
  }

  /** The text as written in the deployment. */
  public String text() {
    return text;
  }

  /** Literal text ({@link String}) and {@link Placeholder}s in order. */
  public List<Object> parts() {
    return parts;
  }

  /** The placeholders, in order. */
  public List<Placeholder> placeholders() {
    return parts.stream()
        .filter(Placeholder.class::isInstance)
        .map(Placeholder.class::cast)
        .toList();
  }

  /**
   * The placeholder when the template is exactly one placeholder and nothing else (a typed value in
   * a module twin), otherwise null.
   */
  public Placeholder single() {
    return parts.size() == 1 && parts.get(0) instanceof Placeholder p ? p : null;
  }

  @Override
  public String toString() {
    return text;
  }
}

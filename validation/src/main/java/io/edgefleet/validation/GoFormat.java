package io.edgefleet.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Locale;

/** Prints values the way Go's fmt does in API server messages ({@code %v}, {@code %q}). */
final class GoFormat {

  private GoFormat() {}

  /** Go's {@code strconv.Quote}: double quotes, backslash escapes, printable Unicode kept. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case 0x07 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 0x0b -> b.append("\\v");
                default -> {
                  if (c < 0x20 || c == 0x7f) {
                    b.append(String.format(Locale.ROOT, "\\x%02x", c));
                  } else if (isPrintable(c)) {
                    b.appendCodePoint(c);
                  } else if (c < 0x10000) {
                    b.append(String.format(Locale.ROOT, "\\u%04x", c));
                  } else {
                    b.append(String.format(Locale.ROOT, "\\U%08x", c));
                  }
                }
              }
            });
    return b.append('"').toString();
  }

  private static boolean isPrintable(int c) {
    int t = Character.getType(c);
    return t != Character.CONTROL
        && t != Character.FORMAT
        && t != Character.UNASSIGNED
        && t != Character.PRIVATE_USE
        && t != Character.SURROGATE
        && t != Character.LINE_SEPARATOR
        && t != Character.PARAGRAPH_SEPARATOR
        && (t != Character.SPACE_SEPARATOR || c == ' ');
  }

  /** Go's {@code %v} of a float64: shortest digits, exponent form from 1e+06 up and below 1e-04. */
  static String float64(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal v = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exp = v.precision() - v.scale() - 1;
    if (exp >= -4 && exp < 6) {
      return v.toPlainString();
    }
    String digits = v.unscaledValue().abs().toString();
    StringBuilder b = new StringBuilder();
    if (v.signum() < 0) {
      b.append('-');
    }
    b.append(digits.charAt(0));
    if (digits.length() > 1) {
      b.append('.').append(digits, 1, digits.length());
    }
    b.append('e').append(exp < 0 ? '-' : '+');
    int a = Math.abs(exp);
    if (a < 10) {
      b.append('0');
    }
    return b.append(a).toString();
  }

  /** A JSON value as Go prints the decoded value with {@code %v}/{@code %q} in a field error. */
  static String value(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "null";
    }
    if (v.isTextual()) {
      return quote(v.textValue());
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return Long.toString(v.longValue());
    }
    if (v.isNumber()) {
      return float64(v.doubleValue());
    }
    if (v.isBoolean()) {
      return Boolean.toString(v.booleanValue());
    }
    // Go would print a map or slice with %#v; JSON is the readable equivalent.
    return v.toString();
  }
}

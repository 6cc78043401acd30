package io.edgefleet.validation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** Go's {@code time.ParseDuration} syntax, e.g. {@code 1h30m}, {@code 1.5s}, {@code 300ms}. */
final class GoDuration {

  private static final Map<String, Long> NANOS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoDuration() {}

  static Duration parse(String s) {
    String t = s;
    boolean negative = false;
    if (t.startsWith("-") || t.startsWith("+")) {
      negative = t.startsWith("-");
      t = t.substring(1);
    }
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    if (t.isEmpty()) {
      throw new IllegalArgumentException("invalid duration " + s);
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < t.length()) {
      int start = i;
      while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
        i++;
      }
      if (start == i) {
        throw new IllegalArgumentException("invalid duration " + s);
      }
      BigDecimal number = new BigDecimal(t.substring(start, i));
      int unitStart = i;
      while (i < t.length() && !Character.isDigit(t.charAt(i)) && t.charAt(i) != '.') {
        i++;
      }
      Long unit = NANOS.get(t.substring(unitStart, i));
      if (unit == null) {
        throw new IllegalArgumentException("invalid duration " + s);
      }
      total = total.add(number.multiply(BigDecimal.valueOf(unit)));
    }
    long nanos = total.longValueExact();
    return Duration.ofNanos(negative ? -nanos : nanos);
  }
}

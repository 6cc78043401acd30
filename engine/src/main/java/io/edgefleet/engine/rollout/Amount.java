package io.edgefleet.engine.rollout;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A count, or a percentage of the devices a change affects.
 *
 * @param value the count, or the percentage (1 to 100)
 * @param percent whether {@code value} is a percentage
 */
public record Amount(int value, boolean percent) {

  private static final Pattern FORM = Pattern.compile("([0-9]{1,7})(%?)");

  /** Parses "5" or "10%". */
  public static Amount parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is neither a count (e.g. 5) nor a percentage (e.g. 10%)");
    }
    int value = Integer.parseInt(m.group(1));
    boolean percent = !m.group(2).isEmpty();
    if (value < 1 || (percent && value > 100)) {
      throw new IllegalArgumentException(
          "'" + text + "' must be a count of 1 or more or a percentage from 1% to 100%");
    }
    return new Amount(value, percent);
  }

  /** The number of devices: a count as it is, a percentage of {@code total} rounded up, >= 1. */
  public long of(long total) {
    if (!percent) {
      return value;
    }
    return Math.max(1, (total * value + 99) / 100);
  }

  @Override
  public String toString() {
    return value + (percent ? "%" : "");
  }
}

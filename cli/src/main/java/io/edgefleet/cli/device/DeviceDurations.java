package io.edgefleet.cli.device;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Token lifetimes: {@code 3600s}, {@code 90m}, {@code 720h}, {@code 30d}. Pure. */
final class DeviceDurations {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(s|m|h|d)");

  private DeviceDurations() {}

  static Duration parse(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration: a number and s, m, h or d, e.g. 720h");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    if (d.toSeconds() < 600) {
      throw new IllegalArgumentException(
          "a token lifetime must be at least 10 minutes (the API server's minimum)");
    }
    return d;
  }
}

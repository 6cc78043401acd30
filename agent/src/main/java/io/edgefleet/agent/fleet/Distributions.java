package io.edgefleet.agent.fleet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Value distributions for simulated devices, written {@code key=spec[,key=spec...]}: {@code
 * building=1..20} (an integer range, inclusive), {@code roomtype=conference|office|lab} (one of the
 * choices), or a single value. Each device draws every key once, uniformly.
 */
public final class Distributions {

  private static final Pattern RANGE = Pattern.compile("(-?\\d+)\\.\\.(-?\\d+)");

  private final Map<String, List<String>> choices;

  private Distributions(Map<String, List<String>> choices) {
    this.choices = choices;
  }

  /** No keys. */
  public static Distributions none() {
    return new Distributions(Map.of());
  }

  /**
   * Parses specs, each {@code key=spec} or several separated by commas.
   *
   * @throws IllegalArgumentException with what is wrong
   */
  public static Distributions parse(Collection<String> specs) {
    Map<String, List<String>> choices = new LinkedHashMap<>();
    for (String spec : specs) {
      for (String part : spec.split(",")) {
        String item = part.trim();
        if (item.isEmpty()) {
          continue;
        }
        int eq = item.indexOf('=');
        if (eq <= 0 || eq == item.length() - 1) {
          throw new IllegalArgumentException(
              "'" + item + "' must be key=a..b, key=x|y|z or key=value");
        }
        String key = item.substring(0, eq).trim();
        String values = item.substring(eq + 1).trim();
        choices.put(key, values(key, values));
      }
    }
    return new Distributions(choices);
  }

  private static List<String> values(String key, String spec) {
    Matcher range = RANGE.matcher(spec);
    if (range.matches()) {
      long from = Long.parseLong(range.group(1));
      long to = Long.parseLong(range.group(2));
      if (to < from || to - from > 1_000_000) {
        throw new IllegalArgumentException(
            key + "=" + spec + ": a range goes up, with at most a million values");
      }
      List<String> values = new ArrayList<>();
      for (long v = from; v <= to; v++) {
        values.add(Long.toString(v));
      }
      return values;
    }
    List<String> values = new ArrayList<>();
    for (String choice : spec.split("\\|", -1)) {
      if (choice.isBlank()) {
        throw new IllegalArgumentException(key + "=" + spec + ": an empty choice");
      }
      values.add(choice.trim());
    }
    return values;
  }

  /** Whether there are no keys. */
  public boolean isEmpty() {
    return choices.isEmpty();
  }

  /** The keys, in the order given. */
  public List<String> keys() {
    return List.copyOf(choices.keySet());
  }

  /** One device's values, drawn from {@code random}. */
  public Map<String, String> draw(Random random) {
    Map<String, String> values = new LinkedHashMap<>();
    choices.forEach((key, options) -> values.put(key, options.get(random.nextInt(options.size()))));
    return values;
  }
}

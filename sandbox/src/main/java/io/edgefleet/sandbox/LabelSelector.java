package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A label selector as the API server reads it: equality ({@code a=b}, {@code a==b}, {@code a!=b}),
 * sets ({@code a in (x,y)}, {@code a notin (x,y)}) and existence ({@code a}, {@code !a}). The mock
 * store ignores set-based requirements, so the sandbox filters lists and watches itself.
 */
final class LabelSelector {

  private static final Pattern SET =
      Pattern.compile("\\s*([^\\s!=()]+)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*");
  private static final Pattern EQUALS =
      Pattern.compile("\\s*([^\\s!=()]+)\\s*(==|=|!=)\\s*(\\S*)\\s*");
  private static final Pattern EXISTS = Pattern.compile("\\s*(!?)\\s*([^\\s!=()]+)\\s*");

  private final List<Predicate<JsonNode>> requirements;
  private final String text;

  private LabelSelector(String text, List<Predicate<JsonNode>> requirements) {
    this.text = text;
    this.requirements = List.copyOf(requirements);
  }

  /** Everything matches. */
  static LabelSelector everything() {
    return new LabelSelector("", List.of());
  }

  /**
   * Parses a selector.
   *
   * @throws IllegalArgumentException when it does not parse
   */
  static LabelSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return everything();
    }
    List<Predicate<JsonNode>> requirements = new ArrayList<>();
    for (String part : split(selector)) {
      Matcher set = SET.matcher(part);
      Matcher equals = EQUALS.matcher(part);
      Matcher exists = EXISTS.matcher(part);
      if (set.matches()) {
        String key = set.group(1);
        Set<String> values = Set.copyOf(values(set.group(3)));
        boolean in = set.group(2).equals("in");
        requirements.add(
            labels -> {
              JsonNode v = labels.get(key);
              boolean member = v != null && values.contains(v.asText());
              return in ? member : !member;
            });
      } else if (equals.matches()) {
        String key = equals.group(1);
        String value = equals.group(3);
        boolean negated = equals.group(2).equals("!=");
        requirements.add(
            labels -> {
              JsonNode v = labels.get(key);
              boolean same = v != null && v.asText().equals(value);
              return negated ? !same : same;
            });
      } else if (exists.matches()) {
        String key = exists.group(2);
        boolean negated = !exists.group(1).isEmpty();
        requirements.add(labels -> negated != labels.has(key));
      } else {
        throw new IllegalArgumentException("unable to parse requirement: " + part.trim());
      }
    }
    return new LabelSelector(selector, requirements);
  }

  /** Whether the object's {@code metadata.labels} match. */
  boolean matches(JsonNode object) {
    JsonNode labels = object.path("metadata").path("labels");
    for (Predicate<JsonNode> r : requirements) {
      if (!r.test(labels)) {
        return false;
      }
    }
    return true;
  }

  boolean isEverything() {
    return requirements.isEmpty();
  }

  @Override
  public String toString() {
    return text;
  }

  private static List<String> split(String selector) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : selector.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  private static List<String> values(String list) {
    List<String> values = new ArrayList<>();
    for (String v : list.split(",")) {
      if (!v.isBlank()) {
        values.add(v.trim());
      }
    }
    return values;
  }
}

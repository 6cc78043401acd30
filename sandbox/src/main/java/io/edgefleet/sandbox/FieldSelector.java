package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field selector: {@code path=value}, {@code path==value} or {@code path!=value} requirements,
 * comma-separated, where path is a dotted field path such as {@code metadata.name} or {@code
 * involvedObject.name}. A missing field compares as the empty string.
 */
final class FieldSelector {

  private record Requirement(String[] path, boolean negated, String value) {}

  private final List<Requirement> requirements;

  private FieldSelector(List<Requirement> requirements) {
    this.requirements = List.copyOf(requirements);
  }

  static FieldSelector everything() {
    return new FieldSelector(List.of());
  }

  /**
   * Parses a selector.
   *
   * @throws IllegalArgumentException when a requirement has no operator
   */
  static FieldSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return everything();
    }
    List<Requirement> requirements = new ArrayList<>();
    for (String part : selector.split(",")) {
      String p = part.trim();
      int ne = p.indexOf("!=");
      int eq = p.indexOf('=');
      if (ne > 0) {
        requirements.add(
            new Requirement(
                p.substring(0, ne).trim().split("\\."), true, p.substring(ne + 2).trim()));
      } else if (eq > 0) {
        int valueAt = p.startsWith("==", eq) ? eq + 2 : eq + 1;
        requirements.add(
            new Requirement(
                p.substring(0, eq).trim().split("\\."), false, p.substring(valueAt).trim()));
      } else {
        throw new IllegalArgumentException("invalid field selector requirement: " + p);
      }
    }
    return new FieldSelector(requirements);
  }

  boolean matches(JsonNode object) {
    for (Requirement r : requirements) {
      JsonNode n = object;
      for (String p : r.path()) {
        n = n.path(p);
      }
      String actual = n.isValueNode() ? n.asText() : "";
      if (actual.equals(r.value()) == r.negated()) {
        return false;
      }
    }
    return true;
  }
}

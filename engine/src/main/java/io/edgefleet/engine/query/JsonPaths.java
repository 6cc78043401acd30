package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Walks pre-split paths through JSON objects without allocating. */
final class JsonPaths {

  private JsonPaths() {}

  /**
   * Path segments ready for lookups. They are interned because Jackson interns the field names it
   * parses: a lookup with the identical string object skips {@link String#equals} inside the hash
   * map, which on a large fleet saves a memory access per step.
   */
  static String[] segments(List<String> segments) {
    String[] interned = new String[segments.size()];
    for (int i = 0; i < interned.length; i++) {
      interned[i] = segments.get(i).intern();
    }
    return interned;
  }

  /** The value of field {@code name} of {@code parent}, or null (one step of {@link #walk}). */
  static JsonNode child(JsonNode parent, String name) {
    if (!(parent instanceof ObjectNode)) {
      return null;
    }
    JsonNode node = parent.get(name);
    return node == null || node.isMissingNode() ? null : node;
  }

  /**
   * The value at {@code segments} below {@code root}, or null when any step is missing or not an
   * object (arrays are not indexed). Paths up to three levels deep are unrolled: the JIT compiles
   * straight-line code for them, which on large fleets is markedly faster than the loop.
   */
  static JsonNode walk(JsonNode root, String[] segments) {
    switch (segments.length) {
      case 0:
        return root == null || root.isMissingNode() ? null : root;
      case 1:
        return child(root, segments[0]);
      case 2:
        return child(child(root, segments[0]), segments[1]);
      case 3:
        return child(child(child(root, segments[0]), segments[1]), segments[2]);
      default:
        JsonNode node = root;
        for (String segment : segments) {
          node = child(node, segment);
        }
        return node;
    }
  }
}

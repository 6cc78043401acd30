package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Walks pre-split paths through JSON objects without allocating. */
final class JsonPaths {

  private JsonPaths() {}

  /**
   * The value at {@code segments} below {@code root}, or null when any step is missing or not an
   * object (arrays are not indexed).
   */
  static JsonNode walk(JsonNode root, String[] segments) {
    JsonNode node = root;
    for (String segment : segments) {
      if (!(node instanceof ObjectNode)) {
        return null;
      }
      node = node.get(segment);
    }
    return node == null || node.isMissingNode() ? null : node;
  }
}

package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A copy of a tree that shares every node it does not change: only the ancestors of what is set are
 * copied, so the merged configuration is never modified.
 */
final class PathCopy {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ObjectNode root;
  private final Set<JsonNode> copied = Collections.newSetFromMap(new IdentityHashMap<>());

  PathCopy(ObjectNode original) {
    this.root = JSON.objectNode().setAll(original);
    copied.add(root);
  }

  ObjectNode root() {
    return root;
  }

  void set(List<Object> path, JsonNode value) {
    JsonNode parent = root;
    for (int i = 0; i < path.size() - 1; i++) {
      JsonNode child = get(parent, path.get(i));
      if (!copied.contains(child)) {
        child = shallowCopy(child);
        copied.add(child);
        put(parent, path.get(i), child);
      }
      parent = child;
    }
    put(parent, path.get(path.size() - 1), value);
  }

  private static JsonNode get(JsonNode parent, Object key) {
    return key instanceof Integer index ? parent.get(index) : parent.get((String) key);
  }

  private static void put(JsonNode parent, Object key, JsonNode value) {
    if (key instanceof Integer index) {
      ((ArrayNode) parent).set(index, value);
    } else {
      ((ObjectNode) parent).set((String) key, value);
    }
  }

  private static JsonNode shallowCopy(JsonNode node) {
    if (node instanceof ObjectNode object) {
      return JSON.objectNode().setAll(object);
    }
    return JSON.arrayNode().addAll((ArrayNode) node);
  }
}

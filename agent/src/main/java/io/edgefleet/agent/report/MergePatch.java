package io.edgefleet.agent.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON merge patch (RFC 7386) that turns what the API server holds into what the agent wants to
 * report, and nothing more. At the top level only the keys the agent reports are considered (other
 * reported properties are left alone); below them the agent's value is the whole truth, so keys it
 * no longer has (a removed module) are sent as null.
 */
public final class MergePatch {

  /** Numbers compare by value (200 == 200L == 200.0), everything else as JSON. */
  private static final Comparator<JsonNode> SAME =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private MergePatch() {}

  /**
   * The patch from {@code current} to {@code desired}; empty when nothing differs.
   *
   * @param current the reported properties the server holds (null means none)
   * @param desired what the agent reports
   */
  public static ObjectNode diff(ObjectNode current, ObjectNode desired) {
    return diff(current == null ? JsonNodeFactory.instance.objectNode() : current, desired, true);
  }

  /** Whether two JSON values are the same (numbers by value). */
  public static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.equals(SAME, b);
  }

  private static ObjectNode diff(ObjectNode current, ObjectNode desired, boolean top) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> entry : desired.properties()) {
      String key = entry.getKey();
      JsonNode want = entry.getValue();
      JsonNode have = current.get(key);
      if (want.isObject() && have != null && have.isObject()) {
        ObjectNode sub = diff((ObjectNode) have, (ObjectNode) want, false);
        if (!sub.isEmpty()) {
          patch.set(key, sub);
        }
      } else if (!same(have, want)) {
        patch.set(key, want.deepCopy());
      }
    }
    if (!top) {
      for (Iterator<String> names = current.fieldNames(); names.hasNext(); ) {
        String key = names.next();
        // a key held as null is already gone (an API server that keeps merge-patch nulls, as
        // fabric8's mock does, would otherwise be sent the same null on every report)
        if (!desired.has(key) && !current.get(key).isNull()) {
          patch.putNull(key);
        }
      }
    }
    return patch;
  }

  /** Applies {@code patch} to a copy of {@code target} (RFC 7386). */
  public static ObjectNode apply(ObjectNode target, ObjectNode patch) {
    ObjectNode result = target == null ? JsonNodeFactory.instance.objectNode() : target.deepCopy();
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        result.remove(entry.getKey());
      } else if (value.isObject()) {
        JsonNode existing = result.get(entry.getKey());
        result.set(
            entry.getKey(), apply(existing instanceof ObjectNode o ? o : null, (ObjectNode) value));
      } else {
        result.set(entry.getKey(), value.deepCopy());
      }
    }
    return result;
  }
}

package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.Iterator;
import java.util.Map;

/**
 * The patch formats the sandbox applies itself, so that every write is stored as a whole object
 * after validation: JSON merge patch (RFC 7386), JSON patch (RFC 6902), and strategic merge patch
 * for built-in kinds.
 *
 * <p>Strategic merge patch is what kubectl sends for built-in kinds ({@code apply}, {@code label},
 * {@code annotate}, {@code edit}, {@code patch} without {@code --type}). The sandbox applies it as
 * a JSON merge patch that also understands the patch directives ({@code $patch}, {@code
 * $setElementOrder/...}, {@code $deleteFromPrimitiveList/...}, {@code $retainKeys}) and merges the
 * few lists of the served built-in kinds that have a merge key: {@code metadata.ownerReferences}
 * (by uid), {@code metadata.finalizers} (as a set) and a ServiceAccount's {@code secrets} (by
 * name). Every other list is replaced, which is what the API server does for lists without a merge
 * strategy.
 */
final class Patches {

  /** List merge strategies by field path (dot-separated, from the object's root). */
  private static final Map<String, String> MERGE_KEYS =
      Map.of("metadata.ownerReferences", "uid", "secrets", "name");

  private static final String PRIMITIVE_SET = "metadata.finalizers";

  private Patches() {}

  /** RFC 7386: objects merge, {@code null} removes, everything else replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : Json.NODES.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
      }
    }
    return result;
  }

  /**
   * RFC 6902.
   *
   * @throws PatchFailed when an operation does not apply
   */
  static JsonNode jsonPatch(JsonNode target, JsonNode patch) {
    if (!patch.isArray()) {
      throw new PatchFailed("a JSON patch must be a list of operations");
    }
    try {
      return JsonPatch.apply(patch, target);
    } catch (RuntimeException e) {
      throw new PatchFailed(e.getMessage());
    }
  }

  /** A strategic merge patch on a built-in kind (see the class comment for what is supported). */
  static JsonNode strategicMergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      throw new PatchFailed("a strategic merge patch must be a JSON object");
    }
    JsonNode merged =
        mergeObject(
            target.isObject() ? (ObjectNode) target.deepCopy() : Json.NODES.objectNode(),
            (ObjectNode) patch,
            "");
    return merged == null ? Json.NODES.objectNode() : merged;
  }

  private static JsonNode mergeObject(ObjectNode target, ObjectNode patch, String path) {
    String directive = patch.path("$patch").asText("");
    if (directive.equals("delete")) {
      return null;
    }
    if (directive.equals("replace")) {
      ObjectNode replaced = patch.deepCopy();
      replaced.remove("$patch");
      return replaced;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode value = e.getValue();
      if (name.startsWith("$deleteFromPrimitiveList/")) {
        String field = name.substring("$deleteFromPrimitiveList/".length());
        if (target.get(field) instanceof ArrayNode list && value.isArray()) {
          ArrayNode kept = Json.NODES.arrayNode();
          for (JsonNode item : list) {
            if (!contains((ArrayNode) value, item)) {
              kept.add(item);
            }
          }
          target.set(field, kept);
        }
        continue;
      }
      if (name.startsWith("$")) {
        continue; // $setElementOrder/..., $retainKeys (ordering and union hints)
      }
      String fieldPath = path.isEmpty() ? name : path + "." + name;
      JsonNode current = target.get(name);
      if (value.isNull()) {
        target.remove(name);
      } else if (value.isObject() && current instanceof ObjectNode currentObject) {
        JsonNode merged = mergeObject(currentObject, (ObjectNode) value, fieldPath);
        if (merged == null) {
          target.remove(name);
        } else {
          target.set(name, merged);
        }
      } else if (value.isObject()) {
        JsonNode merged = mergeObject(Json.NODES.objectNode(), (ObjectNode) value, fieldPath);
        if (merged != null) {
          target.set(name, merged);
        }
      } else if (value.isArray()) {
        target.set(name, mergeList(current, (ArrayNode) value, fieldPath));
      } else {
        target.set(name, value.deepCopy());
      }
    }
    JsonNode retain = patch.get("$retainKeys");
    if (retain instanceof ArrayNode keys) {
      for (Iterator<String> names = target.fieldNames(); names.hasNext(); ) {
        if (!contains(keys, Json.NODES.textNode(names.next()))) {
          names.remove();
        }
      }
    }
    return target;
  }

  private static ArrayNode mergeList(JsonNode current, ArrayNode patch, String path) {
    ArrayNode result = Json.NODES.arrayNode();
    for (JsonNode item : patch) {
      if (item.isObject() && "replace".equals(item.path("$patch").asText())) {
        ArrayNode replaced = Json.NODES.arrayNode();
        for (JsonNode i : patch) {
          if (!i.has("$patch")) {
            replaced.add(i.deepCopy());
          }
        }
        return replaced;
      }
    }
    String key = MERGE_KEYS.get(path);
    if (key != null && current instanceof ArrayNode existing) {
      existing.forEach(i -> result.add(i.deepCopy()));
      for (JsonNode item : patch) {
        if (!item.isObject()) {
          continue;
        }
        int at = indexOf(result, key, item.path(key));
        if ("delete".equals(item.path("$patch").asText())) {
          if (at >= 0) {
            result.remove(at);
          }
        } else if (at >= 0) {
          JsonNode merged = mergeObject((ObjectNode) result.get(at), (ObjectNode) item, path);
          result.set(at, merged);
        } else {
          ObjectNode added = item.deepCopy();
          added.remove("$patch");
          result.add(added);
        }
      }
      return result;
    }
    if (path.equals(PRIMITIVE_SET) && current instanceof ArrayNode existing) {
      existing.forEach(result::add);
      for (JsonNode item : patch) {
        if (!contains(result, item)) {
          result.add(item);
        }
      }
      return result;
    }
    patch.forEach(i -> result.add(i.deepCopy()));
    return result;
  }

  private static int indexOf(ArrayNode list, String key, JsonNode value) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).path(key).equals(value)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(ArrayNode list, JsonNode value) {
    for (JsonNode n : list) {
      if (n.equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** A patch that cannot be applied to the object. */
  static final class PatchFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PatchFailed(String message) {
      super(message);
    }
  }
}

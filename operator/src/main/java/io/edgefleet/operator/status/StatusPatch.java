package io.edgefleet.operator.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Set;
import java.util.TreeSet;

/**
 * The request that writes the status fields the operator owns, and only those. Pure: {@link
 * StatusPatcher} sends it.
 *
 * <p>When the object has a status, a JSON Patch with one {@code add} per owned field (which
 * replaces the value, arrays included) and an {@code add null} + {@code remove} pair for an owned
 * field that is not wanted (which succeeds whether or not the field is there, so a value someone
 * else wrote, or one the cached copy could not read, is removed too). When it has none yet, a JSON
 * merge patch creates it.
 *
 * @param type how the body patches
 * @param body the request body
 */
public record StatusPatch(PatchType type, String body) {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * The patch that makes the status show {@code wanted}.
   *
   * @param hasStatus whether the object has a status (from the operator's cache)
   * @param wanted the desired status as JSON
   * @param ownedFields the status fields the operator owns on this kind
   * @throws IllegalArgumentException when {@code wanted} holds a field the operator does not own
   */
  public static StatusPatch of(boolean hasStatus, ObjectNode wanted, Set<String> ownedFields) {
    wanted
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!ownedFields.contains(name)) {
                throw new IllegalArgumentException(
                    "status field " + name + " is not owned by the operator");
              }
            });
    if (!hasStatus) {
      ObjectNode body = JSON.objectNode();
      body.set("status", wanted);
      return new StatusPatch(PatchType.JSON_MERGE, body.toString());
    }
    ArrayNode operations = JSON.arrayNode();
    for (String field : new TreeSet<>(ownedFields)) {
      String path = "/status/" + field;
      if (wanted.has(field)) {
        operations.addObject().put("op", "add").put("path", path).set("value", wanted.get(field));
      } else {
        // also when the cached copy lacks it: someone else may have written it
        operations.addObject().put("op", "add").put("path", path).putNull("value");
        operations.addObject().put("op", "remove").put("path", path);
      }
    }
    return new StatusPatch(PatchType.JSON, operations.toString());
  }
}

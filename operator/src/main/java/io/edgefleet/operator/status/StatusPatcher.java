package io.edgefleet.operator.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the status fields the operator owns, and only those: fields it does not own (a device's
 * {@code reported}, written by its agent) are never sent, so they are never overwritten, whoever
 * wrote last.
 *
 * <p>When the object has a status, the write is a JSON Patch with one {@code add} per owned field
 * (which replaces the value, arrays included) and an {@code add null} + {@code remove} pair for an
 * owned field that is not wanted (which succeeds whether or not the field is there, so a value
 * someone else wrote, or one the cached copy could not read, is removed too). When it has none yet,
 * a JSON merge patch creates it. No optimistic lock: the operator's fields are its own.
 */
public final class StatusPatcher {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final KubernetesClient client;
  private final KubernetesSerialization serialization;
  private final OperatorMetrics metrics;

  public StatusPatcher(KubernetesClient client, OperatorMetrics metrics) {
    this.client = client;
    this.serialization = client.getKubernetesSerialization();
    this.metrics = metrics;
  }

  /**
   * Writes {@code desired} onto {@code resource}, touching only {@code ownedFields}.
   *
   * @param current the status the operator last saw (from its cache), or null
   * @return the resource as the API server returned it
   */
  public <R extends HasMetadata> R patch(
      R resource, Object current, Object desired, Set<String> ownedFields) {
    ObjectNode wanted = serialization.convertValue(desired, ObjectNode.class);
    wanted
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!ownedFields.contains(name)) {
                throw new IllegalArgumentException(
                    "status field " + name + " is not owned by the operator");
              }
            });
    var status = client.resource(resource).subresource("status");
    R patched;
    if (current == null) {
      ObjectNode body = JSON.objectNode();
      body.set("status", wanted);
      patched = status.patch(PatchContext.of(PatchType.JSON_MERGE), body.toString());
    } else {
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
      patched = status.patch(PatchContext.of(PatchType.JSON), operations.toString());
    }
    metrics.apiWrite(resource.getKind(), "patch-status");
    return patched;
  }
}

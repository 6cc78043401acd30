package io.edgefleet.operator.status;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Iterator;
import java.util.Set;

/**
 * Writes the status fields the operator owns with a JSON merge patch on the status subresource.
 * Fields it does not own (a device's {@code reported}, written by its agent) are never sent, so
 * they can never be overwritten, whoever wrote last. Owned fields that became empty are sent as
 * null, which removes them.
 */
public final class StatusPatcher {

  private final KubernetesClient client;
  private final KubernetesSerialization serialization;
  private final OperatorMetrics metrics;

  public StatusPatcher(KubernetesClient client, OperatorMetrics metrics) {
    this.client = client;
    this.serialization = client.getKubernetesSerialization();
    this.metrics = metrics;
  }

  /**
   * Patches {@code status} onto {@code resource}, touching only {@code ownedFields}.
   *
   * @return the resource as the API server returned it
   */
  public <R extends HasMetadata> R patch(R resource, Object status, Set<String> ownedFields) {
    ObjectNode statusNode = JsonNodeFactory.instance.objectNode();
    ObjectNode given = serialization.convertValue(status, ObjectNode.class);
    for (String field : ownedFields) {
      statusNode.set(
          field, given.has(field) ? given.get(field) : JsonNodeFactory.instance.nullNode());
    }
    for (Iterator<String> names = given.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!ownedFields.contains(name)) {
        throw new IllegalArgumentException(
            "status field " + name + " is not owned by the operator");
      }
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("status", statusNode);
    R patched =
        client
            .resource(resource)
            .subresource("status")
            .patch(PatchContext.of(PatchType.JSON_MERGE), body.toString());
    metrics.apiWrite(resource.getKind(), "patch-status");
    return patched;
  }
}

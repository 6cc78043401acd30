package io.edgefleet.operator.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Set;

/**
 * Writes the status fields the operator owns, and only those: fields it does not own (a device's
 * {@code reported}, written by its agent) are never sent, so they are never overwritten, whoever
 * wrote last. What is sent is {@link StatusPatch}'s. No optimistic lock: the operator's fields are
 * its own.
 */
public final class StatusPatcher implements StatusWriter {

  private final KubernetesClient client;
  private final KubernetesSerialization serialization;
  private final OperatorMetrics metrics;

  public StatusPatcher(KubernetesClient client, OperatorMetrics metrics) {
    this.client = client;
    this.serialization = client.getKubernetesSerialization();
    this.metrics = metrics;
  }

  @Override
  public <R extends HasMetadata> R write(
      R resource, Object current, Object desired, Set<String> ownedFields, Context<R> context) {
    R patched = patch(resource, current, desired, ownedFields);
    context
        .eventSourceRetriever()
        .getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(resource), patched, resource);
    return patched;
  }

  /**
   * Writes {@code desired} onto {@code resource}, touching only {@code ownedFields} (no controller
   * is told).
   *
   * @param current the status the operator last saw (from its cache), or null
   * @return the resource as the API server returned it
   */
  public <R extends HasMetadata> R patch(
      R resource, Object current, Object desired, Set<String> ownedFields) {
    StatusPatch patch =
        StatusPatch.of(
            current != null, serialization.convertValue(desired, ObjectNode.class), ownedFields);
    R patched =
        client
            .resource(resource)
            .subresource("status")
            .patch(PatchContext.of(patch.type()), patch.body());
    metrics.apiWrite(resource.getKind(), "patch-status");
    return patched;
  }
}

package io.edgefleet.agent.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.EditReplacePatchable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;

/**
 * A device's reported properties in its EdgeDevice: read with a GET of the one object, written with
 * a JSON merge patch of {@code status.reported} on its status subresource. Needs exactly {@code
 * get} on the EdgeDevice and {@code patch} on its {@code status}.
 */
public final class EdgeDeviceReportedStore implements ReportedStore {

  private final Resource<EdgeDevice> device;
  private final EditReplacePatchable<EdgeDevice> status;
  private final String where;

  public EdgeDeviceReportedStore(KubernetesClient client, String namespace, String name) {
    this.where = namespace + "/" + name;
    this.device = client.resources(EdgeDevice.class).inNamespace(namespace).withName(name);
    // a resource built from an object (name only) patches without reading the object first
    EdgeDevice named = new EdgeDevice();
    named.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    this.status =
        client
            .resources(EdgeDevice.class)
            .inNamespace(namespace)
            .resource(named)
            .subresource("status");
  }

  @Override
  public ObjectNode read() {
    EdgeDevice current = device.get();
    if (current == null) {
      throw new KubernetesClientException("EdgeDevice " + where + " does not exist", 404, null);
    }
    return reported(current);
  }

  @Override
  public ObjectNode patch(ObjectNode reportedPatch) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("status").set("reported", reportedPatch);
    EdgeDevice patched = status.patch(PatchContext.of(PatchType.JSON_MERGE), body.toString());
    return patched == null ? null : reported(patched);
  }

  /** An EdgeDevice's {@code status.reported} as an object (empty when it has none). */
  public static ObjectNode reported(EdgeDevice device) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (device.getStatus() != null && device.getStatus().getReported() != null) {
      for (Map.Entry<String, JsonNode> entry : device.getStatus().getReported().entrySet()) {
        node.set(
            entry.getKey(),
            entry.getValue() == null ? JsonNodeFactory.instance.nullNode() : entry.getValue());
      }
    }
    return node;
  }
}

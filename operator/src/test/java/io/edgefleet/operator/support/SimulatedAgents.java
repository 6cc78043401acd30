package io.edgefleet.operator.support;

import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;

/**
 * The agents of a test namespace's devices, answering only when told to: each reports the version
 * its ConfigMap holds, with code 500 when the manifest names an image containing {@code broken} (it
 * would not start) and 200 otherwise.
 */
public final class SimulatedAgents {

  private final KubernetesClient client;
  private final Fleet fleet;

  public SimulatedAgents(KubernetesClient client, Fleet fleet) {
    this.client = client;
    this.fleet = fleet;
  }

  /** Every agent whose ConfigMap holds a version it has not reported yet reports it now. */
  public int respond() {
    Map<String, String> reported = new HashMap<>();
    for (EdgeDevice device :
        client.resources(EdgeDevice.class).inNamespace(fleet.namespace()).list().getItems()) {
      var status = device.getStatus();
      var version =
          status == null || status.getReported() == null
              ? null
              : status.getReported().get("lastDesiredVersion");
      reported.put(device.getMetadata().getName(), version == null ? null : version.asText());
    }
    int answered = 0;
    for (ConfigMap cm :
        client
            .configMaps()
            .inNamespace(fleet.namespace())
            .withLabel(GeneratedObjects.COMPONENT_LABEL, GeneratedObjects.CONFIGURATION_COMPONENT)
            .list()
            .getItems()) {
      String device = cm.getMetadata().getOwnerReferences().get(0).getName();
      String version = cm.getData().get(GeneratedObjects.DESIRED_VERSION_KEY);
      if (version == null || version.equals(reported.get(device))) {
        continue;
      }
      int code = cm.getData().get(GeneratedObjects.MANIFEST_KEY).contains("broken") ? 500 : 200;
      fleet.report(
          device,
          "{\"lastDesiredVersion\":\""
              + version
              + "\",\"lastDesiredStatus\":{\"code\":"
              + code
              + "}}");
      answered++;
    }
    return answered;
  }

  /** How many ConfigMaps of the namespace hold a manifest containing {@code text}. */
  public long holding(String text) {
    return client
        .configMaps()
        .inNamespace(fleet.namespace())
        .withLabel(GeneratedObjects.COMPONENT_LABEL, GeneratedObjects.CONFIGURATION_COMPONENT)
        .list()
        .getItems()
        .stream()
        .filter(cm -> cm.getData().get(GeneratedObjects.MANIFEST_KEY).contains(text))
        .count();
  }
}

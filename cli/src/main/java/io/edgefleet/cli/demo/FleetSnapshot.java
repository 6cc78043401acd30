package io.edgefleet.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the cluster says about a namespace's devices and deployments at one moment. */
record FleetSnapshot(Map<String, Device> devices, Map<String, Deployment> deployments) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A device: what its status and its ConfigMap say. */
  record Device(
      String name,
      String base,
      List<String> layers,
      boolean managed,
      String readyReason,
      String desiredVersion,
      String reportedVersion,
      int reportedCode,
      List<String> modules,
      String configMapVersion,
      JsonNode manifest) {

    /** Whether its agent reports the desired version as applied. */
    boolean reportsSuccess() {
      return desiredVersion != null
          && desiredVersion.equals(reportedVersion)
          && reportedCode == 200;
    }

    /** "base + layers", for people. */
    String composition() {
      if (base == null) {
        return managed ? "-" : "not managed";
      }
      String runs = layers.isEmpty() ? base : base + " + " + String.join(", ", layers);
      return managed ? runs : runs + " (not managed)";
    }
  }

  /** A deployment: its status. */
  record Deployment(
      String name,
      boolean layered,
      int priority,
      long targeted,
      long applied,
      long succeeded,
      long failed,
      Map<String, Long> metrics,
      String ready,
      String readyReason,
      String readyMessage,
      String rolloutPhase) {}

  static FleetSnapshot take(KubernetesClient client, String namespace) {
    Map<String, ConfigMap> configMaps = new TreeMap<>();
    for (ConfigMap configMap :
        client
            .configMaps()
            .inNamespace(namespace)
            .withLabel(GeneratedObjects.MANAGED_BY_LABEL, GeneratedObjects.MANAGED_BY)
            .list()
            .getItems()) {
      configMaps.put(configMap.getMetadata().getName(), configMap);
    }
    Map<String, Device> devices = new TreeMap<>();
    for (EdgeDevice device :
        client.resources(EdgeDevice.class).inNamespace(namespace).list().getItems()) {
      String name = device.getMetadata().getName();
      devices.put(
          name,
          device(name, device.getStatus(), configMaps.get(GeneratedObjects.configMapName(name))));
    }
    Map<String, Deployment> deployments = new TreeMap<>();
    for (EdgeDeployment deployment :
        client.resources(EdgeDeployment.class).inNamespace(namespace).list().getItems()) {
      deployments.put(deployment.getMetadata().getName(), deployment(deployment));
    }
    return new FleetSnapshot(devices, deployments);
  }

  private static Device device(String name, EdgeDeviceStatus status, ConfigMap configMap) {
    List<String> modules = new ArrayList<>();
    JsonNode manifest = null;
    if (configMap != null && configMap.getData() != null) {
      try {
        manifest = JSON.readTree(configMap.getData().get(GeneratedObjects.MANIFEST_KEY));
        manifest
            .at("/modulesContent/$edgeAgent/properties.desired/modules")
            .fieldNames()
            .forEachRemaining(modules::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (status == null) {
      return new Device(
          name,
          null,
          List.of(),
          false,
          null,
          null,
          null,
          -1,
          modules,
          version(configMap),
          manifest);
    }
    JsonNode reportedVersion =
        status.getReported() == null ? null : status.getReported().get("lastDesiredVersion");
    JsonNode reportedStatus =
        status.getReported() == null ? null : status.getReported().get("lastDesiredStatus");
    Condition ready = ready(status.getConditions());
    return new Device(
        name,
        status.getBaseDeployment(),
        status.getLayers() == null ? List.of() : status.getLayers(),
        Boolean.TRUE.equals(status.getManaged()),
        ready == null ? null : ready.getReason(),
        status.getDesiredVersion(),
        reportedVersion == null ? null : reportedVersion.asText(),
        reportedStatus == null ? -1 : reportedStatus.path("code").asInt(-1),
        modules,
        version(configMap),
        manifest);
  }

  private static Deployment deployment(EdgeDeployment deployment) {
    EdgeDeploymentStatus status = deployment.getStatus();
    Condition ready = status == null ? null : ready(status.getConditions());
    return new Deployment(
        deployment.getMetadata().getName(),
        deployment.getSpec().isLayeredDeployment(),
        deployment.getSpec().getPriority() == null ? 0 : deployment.getSpec().getPriority(),
        count(status == null ? null : status.getTargetedCount()),
        count(status == null ? null : status.getAppliedCount()),
        count(status == null ? null : status.getReportedSuccessfulCount()),
        count(status == null ? null : status.getReportedFailedCount()),
        status == null || status.getMetrics() == null
            ? Map.of()
            : new TreeMap<>(status.getMetrics()),
        ready == null ? "Unknown" : ready.getStatus(),
        ready == null ? null : ready.getReason(),
        ready == null ? null : ready.getMessage(),
        status == null || status.getRollout() == null ? null : status.getRollout().getPhase());
  }

  private static Condition ready(List<Condition> conditions) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
  }

  private static long count(Long value) {
    return value == null ? 0 : value;
  }

  private static String version(ConfigMap configMap) {
    return configMap == null ? null : configMap.getMetadata().getResourceVersion();
  }

  Device device(String name) {
    Device device = devices.get(name);
    if (device == null) {
      throw new IllegalStateException("no device " + name);
    }
    return device;
  }

  Deployment deployment(String name) {
    return deployments.get(name);
  }
}

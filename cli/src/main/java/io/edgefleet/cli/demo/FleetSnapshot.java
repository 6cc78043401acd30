package io.edgefleet.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.agent.runtime.FailureInjection;
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
      String reportedMessage,
      List<String> modules,
      String configMapVersion,
      JsonNode manifest,
      String intendedFailure) {

    /** Whether its agent reports the desired version as applied. */
    boolean reportsSuccess() {
      return desiredVersion != null
          && desiredVersion.equals(reportedVersion)
          && reportedCode == 200;
    }

    /** Whether its agent reports that the desired version failed (a code other than 200). */
    boolean reportsFailure() {
      return desiredVersion != null
          && desiredVersion.equals(reportedVersion)
          && reportedCode != 200
          && reportedCode != -1;
    }

    /** "NAME reported 500 for version V: MESSAGE", for people. */
    String failure() {
      return "device "
          + name
          + " reported "
          + reportedCode
          + " for version "
          + reportedVersion
          + (reportedMessage == null || reportedMessage.isEmpty() ? "" : ": " + reportedMessage);
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
    return take(client, namespace, FailureInjection.none());
  }

  /**
   * @param intended the failures the demo's agents are told to make ({@code --fail-image}): a
   *     device whose configuration holds a module they fail has {@link Device#intendedFailure()}
   */
  static FleetSnapshot take(KubernetesClient client, String namespace, FailureInjection intended) {
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
          device(
              name,
              device.getStatus(),
              configMaps.get(GeneratedObjects.configMapName(name)),
              intended));
    }
    Map<String, Deployment> deployments = new TreeMap<>();
    for (EdgeDeployment deployment :
        client.resources(EdgeDeployment.class).inNamespace(namespace).list().getItems()) {
      deployments.put(deployment.getMetadata().getName(), deployment(deployment));
    }
    return new FleetSnapshot(devices, deployments);
  }

  private static Device device(
      String name, EdgeDeviceStatus status, ConfigMap configMap, FailureInjection intended) {
    List<String> modules = new ArrayList<>();
    JsonNode manifest = null;
    String intendedFailure = null;
    if (configMap != null && configMap.getData() != null) {
      try {
        manifest = JSON.readTree(configMap.getData().get(GeneratedObjects.MANIFEST_KEY));
        JsonNode custom = manifest.at("/modulesContent/$edgeAgent/properties.desired/modules");
        custom.fieldNames().forEachRemaining(modules::add);
        for (String module : modules) {
          String image = custom.path(module).path("settings").path("image").asText("");
          String why = intended.listed(module, image);
          if (intendedFailure == null && why != null) {
            intendedFailure = "module " + module + ": " + image + " (" + why + ")";
          }
        }
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
          null,
          modules,
          version(configMap),
          manifest,
          intendedFailure);
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
        reportedStatus == null ? null : reportedStatus.path("description").asText(null),
        modules,
        version(configMap),
        manifest,
        intendedFailure);
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

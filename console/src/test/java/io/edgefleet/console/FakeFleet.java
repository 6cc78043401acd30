package io.edgefleet.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceSpec;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeviceState;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A read model held in lists, for page tests (the operator's one reads its caches). */
final class FakeFleet implements FleetReadModel {

  final List<EdgeDeployment> deployments = new ArrayList<>();
  final List<EdgeDevice> devices = new ArrayList<>();
  boolean ready = true;

  FakeFleet deployment(String name, boolean layered, int priority, String condition) {
    EdgeDeployment d = new EdgeDeployment();
    d.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace("ns")
            .withName(name)
            .withUid(name)
            .withGeneration(1L)
            .withResourceVersion("1")
            .build());
    EdgeDeploymentSpec spec = new EdgeDeploymentSpec();
    spec.setLayered(layered);
    spec.setPriority(priority);
    spec.setTargetCondition(condition);
    EdgeModule module = new EdgeModule();
    module.setImage("example.org/" + name + ":1");
    spec.setModules(new LinkedHashMap<>(Map.of(name + "Module", module)));
    spec.setMetrics(Map.of("all", "SELECT deviceId FROM devices"));
    d.setSpec(spec);
    deployments.add(d);
    return this;
  }

  FakeFleet device(String name, Map<String, String> tags) {
    EdgeDevice d = new EdgeDevice();
    d.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace("ns")
            .withName(name)
            .withUid(name)
            .withResourceVersion("1")
            .build());
    EdgeDeviceSpec spec = new EdgeDeviceSpec();
    Map<String, JsonNode> values = new LinkedHashMap<>();
    tags.forEach((k, v) -> values.put(k, JsonNodeFactory.instance.textNode(v)));
    spec.setTags(values);
    d.setSpec(spec);
    d.setStatus(new EdgeDeviceStatus());
    devices.add(d);
    return this;
  }

  @Override
  public boolean ready() {
    return ready;
  }

  @Override
  public Set<String> namespaces() {
    Set<String> all = new TreeSet<>();
    deployments.forEach(d -> all.add(d.getMetadata().getNamespace()));
    devices.forEach(d -> all.add(d.getMetadata().getNamespace()));
    return all;
  }

  @Override
  public List<EdgeDeployment> deployments() {
    return deployments;
  }

  @Override
  public List<EdgeDevice> devices(String namespace) {
    return devices.stream().filter(d -> d.getMetadata().getNamespace().equals(namespace)).toList();
  }

  @Override
  public Optional<EdgeDevice> device(String namespace, String name) {
    return devices(namespace).stream()
        .filter(d -> d.getMetadata().getName().equals(name))
        .findFirst();
  }

  @Override
  public DeploymentSet deploymentSet(String namespace) {
    return DeploymentSet.prepare(
        deployments.stream()
            .filter(d -> d.getMetadata().getNamespace().equals(namespace))
            .map(this::source)
            .toList());
  }

  @Override
  public DeploymentSource source(EdgeDeployment d) {
    return new DeploymentSource(
        d.getMetadata().getNamespace(), d.getMetadata().getName(), null, 1, d.getSpec());
  }

  @Override
  public DeviceState state(EdgeDevice d) {
    return new DeviceState(
        DeviceSource.of(
            d.getMetadata().getNamespace(),
            d.getMetadata().getName(),
            d.getSpec().getTags(),
            d.getStatus().getReported(),
            null,
            Set.of()),
        List.of(),
        null);
  }

  @Override
  public Optional<String> configMapManifest(String namespace, String device) {
    return Optional.empty();
  }
}

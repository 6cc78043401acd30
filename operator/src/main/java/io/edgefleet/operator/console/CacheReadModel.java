package io.edgefleet.operator.console;

import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.console.FleetReadModel;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeviceState;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.operator.fleet.FleetView;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The console's read model, from the operator's caches: the device controller's EdgeDevice and
 * EdgeDeployment caches and the prepared deployment sets it decides with. The one read that is not
 * cached is a device's ConfigMap data (the cache keeps only its hash): the device page reads that
 * one ConfigMap. Nothing is ever written, and Secrets are never read.
 */
public final class CacheReadModel implements FleetReadModel {

  private final FleetView fleet;
  private final DeploymentCatalog catalog;
  private final KubernetesClient client;
  private final BooleanSupplier synced;

  public CacheReadModel(
      FleetView fleet, DeploymentCatalog catalog, KubernetesClient client, BooleanSupplier synced) {
    this.fleet = fleet;
    this.catalog = catalog;
    this.client = client;
    this.synced = synced;
  }

  @Override
  public boolean ready() {
    return fleet.bound() && synced.getAsBoolean();
  }

  @Override
  public Set<String> namespaces() {
    return fleet.namespaces();
  }

  @Override
  public List<EdgeDeployment> deployments() {
    return fleet.allDeployments();
  }

  @Override
  public List<EdgeDevice> devices(String namespace) {
    return fleet.devices(namespace);
  }

  @Override
  public Optional<EdgeDevice> device(String namespace, String name) {
    return fleet.device(namespace, name);
  }

  @Override
  public DeploymentSet deploymentSet(String namespace) {
    return catalog.setFor(namespace, fleet.deployments(namespace));
  }

  @Override
  public DeploymentSource source(EdgeDeployment deployment) {
    return DeploymentCatalog.source(deployment);
  }

  @Override
  public DeviceState state(EdgeDevice device) {
    return FleetView.state(device);
  }

  @Override
  public Optional<String> configMapManifest(String namespace, String device) {
    String name =
        fleet
            .device(namespace, device)
            .map(d -> d.getStatus() == null ? null : d.getStatus().getConfigMapName())
            .orElse(null);
    if (name == null) {
      return Optional.empty();
    }
    try {
      ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
      if (configMap == null || configMap.getData() == null) {
        return Optional.empty();
      }
      return Optional.ofNullable(configMap.getData().get(GeneratedObjects.MANIFEST_KEY));
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
  }
}

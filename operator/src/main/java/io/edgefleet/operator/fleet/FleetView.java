package io.edgefleet.operator.fleet;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.resolve.DeviceState;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Read access to the caches the device controller keeps, shared with the deployment controller so
 * that no second copy of a hundred thousand devices is held. Bound once the device controller's
 * event sources exist.
 */
public final class FleetView {

  private static final String NAMESPACE_INDEX = "namespace";

  private volatile IndexedResourceCache<EdgeDevice> devices;
  private volatile InformerEventSource<EdgeDeployment, EdgeDevice> deployments;

  /** Called by the device controller when its caches are created. */
  public void bind(
      IndexedResourceCache<EdgeDevice> deviceCache,
      InformerEventSource<EdgeDeployment, EdgeDevice> deploymentSource) {
    this.devices = deviceCache;
    this.deployments = deploymentSource;
  }

  /**
   * Whether the device controller's caches exist and are running (the deployment controller may
   * start reconciling before them).
   */
  public boolean bound() {
    return devices != null && deployments != null && deployments.isRunning();
  }

  /** The devices of a namespace, from the device controller's cache. */
  public List<EdgeDevice> devices(String namespace) {
    return devices.byIndex(NAMESPACE_INDEX, namespace);
  }

  /** The deployments of a namespace, from the device controller's cache. */
  public List<EdgeDeployment> deployments(String namespace) {
    return deployments.byIndex(NAMESPACE_INDEX, namespace);
  }

  /** Every device of a namespace as deployment counts read it: twin and what its status says. */
  public List<DeviceState> deviceStates(String namespace) {
    List<EdgeDevice> all = devices(namespace);
    List<DeviceState> states = new ArrayList<>(all.size());
    for (EdgeDevice device : all) {
      states.add(state(device));
    }
    return states;
  }

  /**
   * A device as counts read it: its twin, and as its current configuration what its status says it
   * runs (so that {@code configurations.[[d]].status} reads the same as when it was decided).
   */
  public static DeviceState state(EdgeDevice device) {
    EdgeDeviceStatus status = device.getStatus();
    if (status == null || status.getBaseDeployment() == null) {
      return new DeviceState(
          DeviceInputs.source(device, (CurrentConfiguration) null),
          List.of(),
          status == null ? null : status.getDesiredVersion());
    }
    List<String> layers = status.getLayers() == null ? List.of() : status.getLayers();
    CurrentConfiguration current =
        status.getDesiredVersion() == null
            ? null
            : new CurrentConfiguration(
                status.getDesiredVersion(),
                status.getBaseDeployment(),
                layers,
                status.getRevisions());
    List<String> applied =
        Stream.concat(Stream.of(status.getBaseDeployment()), layers.stream()).toList();
    return new DeviceState(
        DeviceInputs.source(device, current), applied, status.getDesiredVersion());
  }
}

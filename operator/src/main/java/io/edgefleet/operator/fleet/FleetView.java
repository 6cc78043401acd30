package io.edgefleet.operator.fleet;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.resolve.DeviceState;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
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

  /** The deployments of every namespace, from the device controller's cache. */
  public List<EdgeDeployment> allDeployments() {
    return deployments.list().toList();
  }

  /** The namespaces that hold devices or deployments, sorted. */
  public SortedSet<String> namespaces() {
    SortedSet<String> namespaces = new TreeSet<>();
    devices.list().forEach(d -> namespaces.add(d.getMetadata().getNamespace()));
    deployments.list().forEach(d -> namespaces.add(d.getMetadata().getNamespace()));
    return namespaces;
  }

  /** One device from the cache. */
  public Optional<EdgeDevice> device(String namespace, String name) {
    return devices.get(new ResourceID(name, namespace));
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
          status == null ? null : status.getDesiredVersion(),
          status == null ? List.of() : parameterErrors(status));
    }
    List<String> layers = status.getLayers() == null ? List.of() : status.getLayers();
    CurrentConfiguration current =
        status.getDesiredVersion() == null
            ? null
            : new CurrentConfiguration(
                status.getDesiredVersion(), status.getBaseDeployment(), layers);
    List<String> parameterErrors = parameterErrors(status);
    List<String> applied =
        Stream.concat(Stream.of(status.getBaseDeployment()), layers.stream())
            .filter(name -> !parameterErrors.contains(name))
            .toList();
    return new DeviceState(
        DeviceInputs.source(device, current), applied, status.getDesiredVersion(), parameterErrors);
  }

  /** The deployments whose placeholders have no usable value on the device, from its status. */
  private static List<String> parameterErrors(EdgeDeviceStatus status) {
    if (status.getDeployments() == null) {
      return List.of();
    }
    return status.getDeployments().stream()
        .filter(d -> d.getParameterError() != null)
        .map(d -> d.getName())
        .toList();
  }
}

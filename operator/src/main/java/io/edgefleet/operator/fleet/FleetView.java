package io.edgefleet.operator.fleet;

import static io.fabric8.kubernetes.client.informers.cache.Cache.NAMESPACE_INDEX;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.resolve.DeviceState;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Read access to the caches the device controller keeps, shared with the deployment controller so
 * that no second copy of a hundred thousand devices is held. Bound by the composition root once the
 * device controller is registered (registering creates its event sources).
 */
public final class FleetView {

  private volatile DeviceCaches caches;

  /** Binds the view to the device controller's caches. */
  public void bind(DeviceCaches deviceCaches) {
    this.caches = deviceCaches;
  }

  /**
   * Whether the view is bound and the device controller's caches are running now (they are not
   * before the operator starts, on a standby replica, or once it stops): an empty cache would read
   * as "no device" and "no deployment".
   */
  public boolean bound() {
    DeviceCaches bound = caches;
    return bound != null && bound.running().getAsBoolean();
  }

  /**
   * Blocks until the device controller's caches are synced (the deployment controller starts
   * reconciling only then, so it never counts from a half-filled cache).
   *
   * @throws IllegalStateException if the view is not bound or the caches do not sync in time
   */
  public void awaitSynced(Duration timeout) throws InterruptedException {
    DeviceCaches bound = caches;
    if (bound == null) {
      throw new IllegalStateException("the fleet view is not bound to the device controller");
    }
    try {
      bound.synced().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "the device controller's caches did not sync within " + timeout, e);
    }
  }

  /** The devices of a namespace, from the device controller's cache. */
  public List<EdgeDevice> devices(String namespace) {
    return caches.devices().byIndex(NAMESPACE_INDEX, namespace);
  }

  /** The deployments of a namespace, from the device controller's cache. */
  public List<EdgeDeployment> deployments(String namespace) {
    return caches.deployments().byIndex(NAMESPACE_INDEX, namespace);
  }

  /** The deployments of every namespace, from the device controller's cache. */
  public List<EdgeDeployment> allDeployments() {
    return caches.deployments().list().toList();
  }

  /** The namespaces that hold devices or deployments, sorted. */
  public SortedSet<String> namespaces() {
    SortedSet<String> namespaces = new TreeSet<>();
    caches.devices().list().forEach(d -> namespaces.add(d.getMetadata().getNamespace()));
    caches.deployments().list().forEach(d -> namespaces.add(d.getMetadata().getNamespace()));
    return namespaces;
  }

  /** One device from the cache. */
  public Optional<EdgeDevice> device(String namespace, String name) {
    return caches.devices().get(new ResourceID(name, namespace));
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
    if (status == null
        || status.getBaseDeployment() == null
        || Boolean.FALSE.equals(status.getManaged())) {
      // an unmanaged device shows what it still runs, but no deployment has it applied
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
                status.getDesiredVersion(),
                status.getBaseDeployment(),
                layers,
                status.getRevisions());
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

package io.edgefleet.operator.fleet;

import io.edgefleet.api.v1alpha1.DeploymentConsideration;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.model.DeviceSource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns what the cluster holds about a device into the engine's inputs. */
public final class DeviceInputs {

  private DeviceInputs() {}

  /**
   * The engine's view of a device.
   *
   * @param configMap the device's generated ConfigMap from the cache (data may be stripped), or
   *     null when it has none
   */
  public static DeviceSource source(EdgeDevice device, ConfigMap configMap) {
    CurrentConfiguration current = current(configMap);
    EdgeDeviceStatus status = device.getStatus();
    if (current != null
        && status != null
        && status.getRevisions() != null
        && current.desiredVersion().equals(status.getDesiredVersion())) {
      // the revisions of each deployment, as recorded when this configuration was written
      current =
          new CurrentConfiguration(
              current.desiredVersion(), current.base(), current.layers(), status.getRevisions());
    }
    return source(device, current);
  }

  /** The engine's view of a device with a known current configuration (or null). */
  public static DeviceSource source(EdgeDevice device, CurrentConfiguration current) {
    var metadata = device.getMetadata();
    EdgeDeviceStatus status = device.getStatus();
    return DeviceSource.of(
        metadata.getNamespace(),
        metadata.getName(),
        device.getSpec() == null ? null : device.getSpec().getTags(),
        status == null ? null : status.getReported(),
        current,
        targetedBy(status));
  }

  /**
   * What a generated ConfigMap says the device has (verified, see {@link ConfigMapProvenance}), or
   * null when there is none.
   */
  public static CurrentConfiguration current(ConfigMap configMap) {
    return ConfigMapProvenance.current(configMap);
  }

  /**
   * The deployments a device's status says targeted it (for {@code configurations.[[d]].status =
   * 'Targeted'}).
   */
  static Set<String> targetedBy(EdgeDeviceStatus status) {
    if (status == null || status.getDeployments() == null) {
      return Set.of();
    }
    return status.getDeployments().stream()
        .filter(d -> Boolean.TRUE.equals(d.getTargeted()))
        .map(DeploymentConsideration::getName)
        .collect(Collectors.toSet());
  }
}

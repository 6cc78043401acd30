package io.edgefleet.operator.device;

import io.edgefleet.api.serialization.Unreadable;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import java.util.Objects;

/**
 * Which changes are worth a reconcile. Status patches the operator makes itself change only fields
 * it owns, so they are not; a device's tags, its agent's reported properties, a deployment's spec,
 * or someone else's change of a status field the operator owns are.
 */
public final class DeviceEventFilters {

  private DeviceEventFilters() {}

  /**
   * A device update matters when its spec, reported properties, deletion state or the readability
   * of its status changed.
   */
  public static boolean deviceChangeMatters(EdgeDevice newDevice, EdgeDevice oldDevice) {
    return !Objects.equals(newDevice.getSpec(), oldDevice.getSpec())
        || !Objects.equals(reported(newDevice), reported(oldDevice))
        || !Objects.equals(
            newDevice.getMetadata().getDeletionTimestamp(),
            oldDevice.getMetadata().getDeletionTimestamp())
        || !Objects.equals(
            newDevice.getMetadata().getGeneration(), oldDevice.getMetadata().getGeneration())
        || !Objects.equals(Unreadable.status(newDevice), Unreadable.status(oldDevice));
  }

  /**
   * As {@link #deviceChangeMatters(EdgeDevice, EdgeDevice)}, and also when someone other than the
   * operator changed a status field the operator owns (it is repaired at once).
   */
  public static boolean deviceChangeMatters(
      EdgeDevice newDevice, EdgeDevice oldDevice, OwnStatusWrites ownWrites) {
    return deviceChangeMatters(newDevice, oldDevice)
        || (!DeviceStatusBuilder.sameOwnedFields(newDevice.getStatus(), oldDevice.getStatus())
            && !ownWrites.isOwn(newDevice));
  }

  /** A deployment update matters when its spec changed (the generation moved). */
  public static boolean deploymentChangeMatters(EdgeDeployment newOne, EdgeDeployment oldOne) {
    Long newGeneration = newOne.getMetadata().getGeneration();
    Long oldGeneration = oldOne.getMetadata().getGeneration();
    if (newGeneration == null || oldGeneration == null) {
      return !Objects.equals(newOne.getSpec(), oldOne.getSpec());
    }
    return !newGeneration.equals(oldGeneration);
  }

  private static Object reported(EdgeDevice device) {
    return device.getStatus() == null ? null : device.getStatus().getReported();
  }
}

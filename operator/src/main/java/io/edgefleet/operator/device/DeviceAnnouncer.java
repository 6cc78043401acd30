package io.edgefleet.operator.device;

import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.operator.events.EventRecorder;
import io.edgefleet.operator.status.Conditions;
import java.util.List;
import java.util.Objects;

/** Turns changes of a device's status into Kubernetes Events a person can follow. */
final class DeviceAnnouncer {

  /** The Ready reason of a device kept as it is while a deployment is invalid. */
  static final String FROZEN = "FrozenByInvalidDeployment";

  private final EventRecorder events;

  DeviceAnnouncer(EventRecorder events) {
    this.events = events;
  }

  void announce(
      EdgeDevice device, EdgeDeviceStatus previous, EdgeDeviceStatus now, ApplyResult applied) {
    Condition ready = Conditions.find(now.getConditions(), Conditions.READY);
    Condition before =
        previous == null ? null : Conditions.find(previous.getConditions(), Conditions.READY);
    boolean readyChanged = before == null || !Objects.equals(before.getReason(), ready.getReason());
    if (Condition.FALSE.equals(ready.getStatus())) {
      if (readyChanged) {
        events.warning(device, ready.getReason(), ready.getMessage());
      }
      return;
    }
    if (before != null && FROZEN.equals(before.getReason())) {
      events.normal(device, "Unfrozen", "the device is no longer frozen: " + ready.getMessage());
    }
    String previousBase = previous == null ? null : previous.getBaseDeployment();
    List<String> previousLayers = previous == null ? null : previous.getLayers();
    boolean compositionChanged =
        !Objects.equals(previousBase, now.getBaseDeployment())
            || !Objects.equals(previousLayers, now.getLayers());
    if (applied.kind() == ApplyResult.Kind.WRITTEN && compositionChanged) {
      events.normal(
          device,
          "ConfigurationChanged",
          "now runs base "
              + now.getBaseDeployment()
              + (now.getLayers() == null
                  ? ""
                  : " with layers " + String.join(", ", now.getLayers()))
              + " (version "
              + now.getDesiredVersion()
              + ")");
    } else if (Boolean.TRUE.equals(previous == null ? null : previous.getManaged())
        && !Boolean.TRUE.equals(now.getManaged())) {
      events.normal(device, "NoLongerManaged", ready.getMessage());
    }
  }

  void failed(EdgeDevice device, Exception e) {
    events.warning(
        device,
        "ReconcileFailed",
        "could not update the device's configuration after retries: " + e.getMessage());
  }
}

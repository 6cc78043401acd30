package io.edgefleet.engine.admission;

import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.query.TypeMismatches;
import io.edgefleet.engine.resolve.DeviceTwin;
import io.edgefleet.engine.resolve.PreparedDeployment;
import java.util.ArrayList;
import java.util.List;

/**
 * The check an EdgeDeployment passes before it is stored (the operator's validating admission
 * webhook, and the sandbox's admission): the engine's own parsers refuse a spec that could not take
 * part in decisions, and the devices of the namespace give warnings about a condition that targets
 * none of them or compares a property with a literal of another type. Pure.
 */
public final class DeploymentAdmission {

  private DeploymentAdmission() {}

  /**
   * Reviews {@code deployment}.
   *
   * @param devices the devices of its namespace, or null when they are not known (no warnings that
   *     need them are given)
   */
  public static AdmissionVerdict review(
      DeploymentSource deployment, Iterable<DeviceSource> devices) {
    PreparedDeployment prepared = PreparedDeployment.prepare(deployment);
    if (!prepared.valid()) {
      return new AdmissionVerdict(
          false, prepared.validity().reason().name(), prepared.validity().message(), List.of());
    }
    return new AdmissionVerdict(
        true, null, null, devices == null ? List.of() : targetingWarnings(prepared, devices));
  }

  /**
   * Warnings about whom a valid deployment's target condition selects: it compares a property with
   * a literal of another type than some devices hold, or it matches no device of the namespace.
   */
  public static List<String> targetingWarnings(
      PreparedDeployment deployment, Iterable<DeviceSource> devices) {
    if (!deployment.valid()) {
      return List.of();
    }
    List<String> warnings = new ArrayList<>(typeWarnings(deployment, devices));
    int count = 0;
    boolean targets = false;
    for (DeviceSource device : devices) {
      count++;
      if (!targets && deployment.condition().matches(new DeviceTwin(device))) {
        targets = true;
      }
    }
    if (!targets) {
      warnings.add(noDeviceWarning(deployment, count));
    }
    return warnings;
  }

  /** Comparisons of the target condition with a literal of another type than devices hold. */
  public static List<String> typeWarnings(
      PreparedDeployment deployment, Iterable<DeviceSource> devices) {
    return deployment.valid()
        ? TypeMismatches.find(deployment.condition().expression(), devices)
        : List.of();
  }

  /** The warning for a valid deployment whose condition matches none of {@code devices} devices. */
  public static String noDeviceWarning(PreparedDeployment deployment, long devices) {
    return "the target condition matches none of the "
        + devices
        + (devices == 1 ? " device" : " devices")
        + " of namespace "
        + deployment.namespace()
        + " now: "
        + deployment.condition().text();
  }
}

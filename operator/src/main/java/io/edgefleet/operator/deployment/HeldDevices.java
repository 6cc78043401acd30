package io.edgefleet.operator.deployment;

import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.DeploymentConsideration;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.operator.status.Conditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The devices a deployment would configure but whose new configuration cannot be written (its
 * registry Secret is missing or refused, it does not fit a ConfigMap, a foreign object has its
 * name): they keep what they run, and the deployment says so, so that its author sees it without
 * reading every device. Pure: reads the devices' status as the device controller wrote it.
 */
final class HeldDevices {

  /** The device Ready reasons that mean "decided, but could not be written". */
  static final Set<String> REASONS =
      Set.of(
          "RegistrySecretMissing",
          "RegistrySecretRefused",
          "ConfigurationTooLarge",
          "NameConflict");

  /** Devices named at most per reason. */
  static final int NAMED = 3;

  private HeldDevices() {}

  /**
   * One warning per reason, e.g. "2 devices keep their previous configuration because the new one
   * cannot be written (RegistrySecretMissing): d1, d2; d1: ...".
   */
  static List<String> warnings(String deployment, List<EdgeDevice> devices) {
    Map<String, List<EdgeDevice>> byReason = new TreeMap<>();
    for (EdgeDevice device : devices) {
      EdgeDeviceStatus status = device.getStatus();
      if (status == null || !applies(deployment, status.getDeployments())) {
        continue;
      }
      Condition ready = Conditions.find(status.getConditions(), Conditions.READY);
      if (ready != null
          && Condition.FALSE.equals(ready.getStatus())
          && REASONS.contains(ready.getReason())) {
        byReason.computeIfAbsent(ready.getReason(), r -> new ArrayList<>()).add(device);
      }
    }
    List<String> warnings = new ArrayList<>();
    byReason.forEach(
        (reason, held) -> {
          held.sort((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()));
          List<String> names =
              held.stream().limit(NAMED).map(d -> d.getMetadata().getName()).toList();
          EdgeDevice first = held.get(0);
          warnings.add(
              held.size()
                  + (held.size() == 1 ? " device keeps its" : " devices keep their")
                  + " previous configuration because the new one cannot be written ("
                  + reason
                  + "): "
                  + String.join(", ", names)
                  + (held.size() > NAMED ? " and " + (held.size() - NAMED) + " more" : "")
                  + "; "
                  + first.getMetadata().getName()
                  + ": "
                  + Conditions.find(first.getStatus().getConditions(), Conditions.READY)
                      .getMessage());
        });
    return warnings;
  }

  private static boolean applies(String deployment, List<DeploymentConsideration> considered) {
    if (considered == null) {
      return false;
    }
    for (DeploymentConsideration c : considered) {
      if (deployment.equals(c.getName()) && Boolean.TRUE.equals(c.getApplied())) {
        return true;
      }
    }
    return false;
  }
}

package io.edgefleet.engine.resolve;

import io.edgefleet.engine.query.MetricQuery;
import java.util.Locale;

/**
 * Which devices a deployment's count stands for: the rule {@link DeploymentTally} counts with, one
 * device at a time, so that a list of "the devices behind a number" (the console's links) holds
 * exactly the devices that number counted.
 */
public final class CountedDevices {

  /** The counts of a deployment's status. */
  public enum Count {
    TARGETED,
    APPLIED,
    SUCCEEDED,
    FAILED;

    /** The count named {@code text} (case-insensitive), or null. */
    public static Count named(String text) {
      for (Count count : values()) {
        if (count.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
          return count;
        }
      }
      return null;
    }

    /** The lower-case name used in links. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private CountedDevices() {}

  /** Whether {@code deployment}'s target condition counts {@code twin} as targeted. */
  public static boolean targeted(PreparedDeployment deployment, DeviceTwin twin) {
    return deployment.valid() && deployment.condition().matches(twin);
  }

  /** Whether the device's current configuration includes {@code deployment}. */
  public static boolean applied(String deployment, DeviceState state) {
    return state.applied().contains(deployment);
  }

  /** Whether the device counts as succeeded for a deployment it has applied. */
  public static boolean succeeded(DeviceState state) {
    return state.reportsSuccess();
  }

  /** Whether the device counts as failed for a deployment it has applied. */
  public static boolean failed(DeviceState state) {
    return !state.reportsSuccess() && state.reportsFailure();
  }

  /** Whether {@code count} of {@code deployment} counts the device. */
  public static boolean counts(
      Count count, PreparedDeployment deployment, DeviceState state, DeviceTwin twin) {
    return switch (count) {
      case TARGETED -> targeted(deployment, twin);
      case APPLIED -> applied(deployment.name(), state);
      case SUCCEEDED -> applied(deployment.name(), state) && succeeded(state);
      case FAILED -> applied(deployment.name(), state) && failed(state);
    };
  }

  /** Whether custom metric {@code query} counts the device. */
  public static boolean counts(MetricQuery query, DeviceTwin twin) {
    return query.matches(twin);
  }
}

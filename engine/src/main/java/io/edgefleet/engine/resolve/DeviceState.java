package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.engine.model.DeviceSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What deployment counts read about a device (docs/concepts.md, "7. Counts"): its twin, the
 * deployments its current configuration includes, and the version it should run.
 *
 * @param device the device's twin
 * @param applied the deployments its current configuration includes (base and layers)
 * @param desiredVersion the content hash it should run, or null
 */
public record DeviceState(DeviceSource device, Collection<String> applied, String desiredVersion) {

  public DeviceState {
    applied = applied == null ? Set.of() : applied;
  }

  /** The state after {@code decision}. */
  public static DeviceState after(DeviceDecision decision) {
    List<String> applied = new ArrayList<>(decision.layerNames().size() + 1);
    if (decision.baseName() != null) {
      applied.add(decision.baseName());
    }
    applied.addAll(decision.layerNames());
    return new DeviceState(decision.device(), applied, decision.desiredVersion());
  }

  /** Whether the agent reports the desired version as applied: version matches and code is 200. */
  public boolean reportsSuccess() {
    return reportsDesiredVersion() && statusCode() == 200;
  }

  /** Whether the agent reports the desired version with a code other than 200. */
  public boolean reportsFailure() {
    return reportsDesiredVersion() && statusCode() != 200;
  }

  private boolean reportsDesiredVersion() {
    if (desiredVersion == null) {
      return false;
    }
    JsonNode version = device.reported().get("lastDesiredVersion");
    return version != null && version.isTextual() && desiredVersion.equals(version.asText());
  }

  /** The reported {@code lastDesiredStatus.code}, or -1 when absent or not a number. */
  private int statusCode() {
    JsonNode status = device.reported().get("lastDesiredStatus");
    JsonNode code = status == null ? null : status.get("code");
    return code != null && code.canConvertToInt() ? code.intValue() : -1;
  }
}

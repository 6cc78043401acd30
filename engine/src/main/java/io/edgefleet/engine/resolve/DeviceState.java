package io.edgefleet.engine.resolve;

import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.sync.AgentReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What deployment counts read about a device (docs/concepts.md, "7. Counts"): its twin, the
 * deployments its current configuration includes, and the version it should run.
 *
 * @param device the device's twin
 * @param applied the deployments its current configuration includes (base and layers), less those
 *     whose placeholders could not be filled in for it
 * @param desiredVersion the desired version it should run, or null
 * @param parameterErrors the deployments whose placeholders could not be filled in for it
 *     (docs/concepts.md section 8)
 */
public record DeviceState(
    DeviceSource device,
    Collection<String> applied,
    String desiredVersion,
    Collection<String> parameterErrors) {

  public DeviceState {
    applied = applied == null ? Set.of() : applied;
    parameterErrors = parameterErrors == null ? Set.of() : parameterErrors;
  }

  /** A state without parameter errors. */
  public DeviceState(DeviceSource device, Collection<String> applied, String desiredVersion) {
    this(device, applied, desiredVersion, Set.of());
  }

  /** The state after {@code decision}. */
  public static DeviceState after(DeviceDecision decision) {
    List<String> applied = new ArrayList<>(decision.layerNames().size() + 1);
    if (decision.baseName() != null) {
      applied.add(decision.baseName());
    }
    applied.addAll(decision.layerNames());
    if (decision.parameterErrors().isEmpty()) {
      return new DeviceState(decision.device(), applied, decision.desiredVersion());
    }
    Set<String> errors = new TreeSet<>();
    decision.parameterErrors().forEach(e -> errors.add(e.deployment()));
    applied.removeAll(errors);
    return new DeviceState(decision.device(), applied, decision.desiredVersion(), errors);
  }

  /** What the device's agent reports about its desired configuration. */
  public AgentReport report() {
    return AgentReport.of(device.reported());
  }

  /** Whether the agent reports the desired version as applied: version matches and code is 200. */
  public boolean reportsSuccess() {
    return report().succeeded(desiredVersion);
  }

  /** Whether the agent reports the desired version with a code other than 200. */
  public boolean reportsFailure() {
    return report().failed(desiredVersion);
  }
}

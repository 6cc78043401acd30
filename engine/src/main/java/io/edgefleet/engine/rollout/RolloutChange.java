package io.edgefleet.engine.rollout;

import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.Outcome;
import io.edgefleet.engine.resolve.PreparedDeployment;
import java.util.Objects;

/**
 * How a decision changes a device with respect to one deployment: the one rule of what a rollout
 * gates, used by the planner and by the gate alike.
 */
public enum RolloutChange {
  /** The deployment has no part in the device's change (or the device has no configuration yet). */
  NONE,
  /** The device's configuration already holds the deployment's newest revision. */
  ON_REVISION,
  /**
   * The device's configuration would change because of the deployment: it becomes its base, starts
   * or stops being applied as a layer, or its content changed. Gated by the deployment's rollout.
   */
  PENDING;

  /** How {@code decision} changes its device with respect to {@code deployment}. */
  public static RolloutChange of(DeviceDecision decision, PreparedDeployment deployment) {
    CurrentConfiguration current = decision.device().current();
    if (current == null || decision.outcome() != Outcome.APPLY) {
      return NONE;
    }
    String name = deployment.name();
    boolean after = decision.configuration().includes(name);
    boolean before = current.includes(name);
    boolean sameVersion =
        Objects.equals(decision.configuration().desiredVersion(), current.desiredVersion());
    if (after
        && before
        && (deployment.revision().equals(current.revisions().get(name)) || sameVersion)) {
      return ON_REVISION;
    }
    if ((!after && !before) || sameVersion) {
      return after ? ON_REVISION : NONE;
    }
    return PENDING;
  }
}

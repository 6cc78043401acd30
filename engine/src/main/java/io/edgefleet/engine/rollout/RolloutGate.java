package io.edgefleet.engine.rollout;

import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.PreparedDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Holds a device's decision back until every rollout its change involves admits it
 * (docs/rollouts.md). A device that waits keeps its current configuration exactly; a device that a
 * halted rollout rolls back is decided again with that deployment's previous revision.
 */
public final class RolloutGate {

  private RolloutGate() {}

  /**
   * The decision to carry out for the device of {@code decision}.
   *
   * @param decision the device's decision by the rules of deciding (no rollouts)
   * @param set the deployments it was decided with
   * @param plan the namespace's rollouts, or null when not planned yet (gated changes then wait)
   * @param previous deployment -> its previous revision, prepared (for rollbacks)
   */
  public static DeviceDecision gate(
      DeviceDecision decision,
      DeploymentSet set,
      RolloutPlan plan,
      Map<String, PreparedDeployment> previous) {
    String device = decision.device().name();
    List<PreparedDeployment> rollbacks = new ArrayList<>();
    for (PreparedDeployment deployment : set.deployments()) {
      if (!deployment.valid() || deployment.rollout() == null || plan == null) {
        continue;
      }
      Verdict verdict = plan.verdict(deployment.name(), deployment.revision(), device);
      PreparedDeployment before = previous.get(deployment.name());
      if (verdict != null
          && verdict.admission() == Verdict.Admission.ROLLBACK
          && before != null
          && RolloutChange.of(decision, deployment) == RolloutChange.ON_REVISION) {
        rollbacks.add(before);
      }
    }
    DeploymentSet deciding = set;
    DeviceDecision result = decision;
    if (!rollbacks.isEmpty()) {
      deciding = set.replacing(rollbacks);
      result = deciding.decide(decision.device());
    }
    Set<String> rolledBack =
        rollbacks.stream().map(PreparedDeployment::name).collect(Collectors.toSet());
    for (PreparedDeployment deployment : deciding.deployments()) {
      if (!deployment.valid()
          || deployment.rollout() == null
          || rolledBack.contains(deployment.name())
          || RolloutChange.of(result, deployment) != RolloutChange.PENDING) {
        continue;
      }
      Verdict verdict =
          plan == null ? null : plan.verdict(deployment.name(), deployment.revision(), device);
      if (verdict == null || verdict.admission() != Verdict.Admission.ADMITTED) {
        return result.waiting(
            deployment.name(),
            verdict == null || verdict.admission() != Verdict.Admission.WAITING
                ? null
                : verdict.placeInLine());
      }
    }
    return result;
  }
}

package io.edgefleet.cli.rollout;

import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;
import io.edgefleet.api.v1alpha1.RolloutStatus;
import io.edgefleet.engine.rollout.Revisions;
import java.util.List;
import java.util.Objects;

/**
 * Where a deployment's rollout stands, read from its stored object only (pure): what {@code
 * edgefleet rollout status} prints and whether it is done.
 *
 * @param state the verdict
 * @param line one line for a person
 */
record RolloutView(State state, String line) {

  /** What the status means for someone waiting on the rollout. */
  enum State {
    /** The operator has not caught up with the newest spec, or the rollout is under way. */
    WAITING,
    /** Every affected device runs the newest revision and is healthy. */
    COMPLETE,
    /** Halted: maxFailures or the progress deadline reached. */
    HALTED,
    /** The deployment is invalid: no rollout runs. */
    INVALID,
    /** The deployment has no spec.rollout: every change applies at once. */
    NO_ROLLOUT;

    boolean done() {
      return this != WAITING;
    }
  }

  /** The view of {@code deployment} as stored. */
  static RolloutView of(EdgeDeployment deployment) {
    String ref = "edep/" + deployment.getMetadata().getName();
    EdgeDeploymentStatus status = deployment.getStatus();
    long generation =
        deployment.getMetadata().getGeneration() == null
            ? 0
            : deployment.getMetadata().getGeneration();
    if (status == null
        || status.getObservedGeneration() == null
        || status.getObservedGeneration() < generation) {
      return new RolloutView(
          State.WAITING, ref + ": waiting for the operator to observe generation " + generation);
    }
    Condition ready = find(status.getConditions(), "Ready");
    if (ready != null && "False".equals(ready.getStatus())) {
      return new RolloutView(
          State.INVALID, ref + " is invalid (" + ready.getReason() + "): " + ready.getMessage());
    }
    if (deployment.getSpec() == null || deployment.getSpec().getRollout() == null) {
      return new RolloutView(
          State.NO_ROLLOUT,
          ref
              + " has no spec.rollout: every change reaches its devices at once ("
              + value(status.getAppliedCount())
              + " of "
              + value(status.getTargetedCount())
              + " targeted devices applied)");
    }
    RolloutStatus rollout = status.getRollout();
    String hash = Revisions.hash(deployment.getSpec());
    if (rollout == null || !Objects.equals(hash, rollout.getRevisionHash())) {
      return new RolloutView(
          State.WAITING, ref + ": waiting for the rollout of its new content to start");
    }
    Condition progressing = find(status.getConditions(), "Progressing");
    String detail =
        progressing != null && progressing.getMessage() != null
            ? progressing.getMessage()
            : rollout.getPhase()
                + ": "
                + value(rollout.getAdmitted())
                + " of "
                + value(rollout.getAffected())
                + " affected devices admitted, "
                + value(rollout.getHealthy())
                + " healthy, "
                + value(rollout.getFailed())
                + " failed, "
                + value(rollout.getWaiting())
                + " waiting";
    String line = ref + ": " + detail;
    if (RolloutStatus.COMPLETE.equals(rollout.getPhase())) {
      return new RolloutView(State.COMPLETE, line);
    }
    if (RolloutStatus.HALTED.equals(rollout.getPhase())) {
      return new RolloutView(State.HALTED, line);
    }
    return new RolloutView(State.WAITING, line);
  }

  private static long value(Long value) {
    return value == null ? 0 : value;
  }

  private static Condition find(List<Condition> conditions, String type) {
    return conditions == null
        ? null
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}

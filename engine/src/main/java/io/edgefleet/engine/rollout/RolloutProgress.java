package io.edgefleet.engine.rollout;

import java.time.Instant;
import java.util.Map;

/**
 * Where one deployment's rollout stands, as its status shows it.
 *
 * @param deployment the deployment
 * @param revisionHash the revision being rolled out (the deployment's content now)
 * @param phase the phase
 * @param affected devices the change affected when the rollout started (percentages are of it)
 * @param admitted affected devices whose configuration holds the newest revision
 * @param healthy admitted devices that report success and kept it for minHealthySeconds
 * @param failed admitted devices that report failure for their new desired version
 * @param waiting affected devices not admitted yet
 * @param acceptedFailures failures an explicit resume accepted
 * @param startedAt when the rollout started
 * @param lastProgressAt when a device was last admitted or became healthy
 * @param haltedAt when it halted, or null
 * @param haltReason MaxFailuresReached or ProgressDeadlineExceeded, or null
 * @param devicesPerRevision revision hash -> devices whose configuration holds it
 * @param nextCheck when time alone may change this progress (a device becoming healthy, the
 *     deadline), or null
 */
public record RolloutProgress(
    String deployment,
    String revisionHash,
    RolloutPhase phase,
    long affected,
    long admitted,
    long healthy,
    long failed,
    long waiting,
    long acceptedFailures,
    Instant startedAt,
    Instant lastProgressAt,
    Instant haltedAt,
    String haltReason,
    Map<String, Long> devicesPerRevision,
    Instant nextCheck) {

  /** Halt reason: failures reached maxFailures. */
  public static final String MAX_FAILURES_REACHED = "MaxFailuresReached";

  /** Halt reason: no progress for progressDeadlineSeconds. */
  public static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

  public RolloutProgress {
    devicesPerRevision = Map.copyOf(devicesPerRevision);
  }

  /** What the status should remember of this progress. */
  public RolloutRecord record() {
    return new RolloutRecord(
        revisionHash,
        phase,
        affected,
        admitted,
        healthy,
        acceptedFailures,
        startedAt,
        lastProgressAt,
        haltedAt,
        haltReason);
  }
}

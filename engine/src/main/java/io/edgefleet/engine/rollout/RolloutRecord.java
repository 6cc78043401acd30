package io.edgefleet.engine.rollout;

import java.time.Instant;

/**
 * What a deployment's status remembers of its rollout, read back at every decision so that the
 * rollout continues where it was (across restarts too).
 *
 * @param revisionHash the revision being rolled out
 * @param phase its phase
 * @param affected the devices the change affected when the rollout started
 * @param admitted admitted devices last counted
 * @param healthy healthy devices last counted
 * @param acceptedFailures failures an explicit resume accepted
 * @param startedAt when the rollout started
 * @param lastProgressAt when a device was last admitted or became healthy
 * @param haltedAt when it halted, or null
 * @param haltReason why it halted, or null
 */
public record RolloutRecord(
    String revisionHash,
    RolloutPhase phase,
    long affected,
    long admitted,
    long healthy,
    long acceptedFailures,
    Instant startedAt,
    Instant lastProgressAt,
    Instant haltedAt,
    String haltReason) {

  /**
   * This record after an explicit resume of its halt (docs/rollouts.md): the rollout progresses
   * again, the failures counted so far are accepted (the halt counts only failures beyond them) and
   * the progress deadline starts anew. A record that is not halted is returned as it is.
   *
   * @param failed the failures counted when it halted
   * @param now the moment of the resume
   */
  public RolloutRecord resumed(long failed, Instant now) {
    if (phase != RolloutPhase.Halted) {
      return this;
    }
    return new RolloutRecord(
        revisionHash,
        RolloutPhase.Progressing,
        affected,
        admitted,
        healthy,
        Math.max(acceptedFailures, failed),
        startedAt,
        now,
        null,
        null);
  }
}

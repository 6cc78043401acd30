package io.edgefleet.operator.rollout;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;
import io.edgefleet.api.v1alpha1.RolloutSpec;
import io.edgefleet.api.v1alpha1.RolloutStatus;
import io.edgefleet.engine.rollout.RolloutPhase;
import io.edgefleet.engine.rollout.RolloutProgress;
import io.edgefleet.engine.rollout.RolloutRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Between a deployment's stored status and what the rollout planner reads and writes. */
public final class RolloutRecords {

  private RolloutRecords() {}

  /** What {@code status} remembers of the rollout, or null when nothing (or nothing readable). */
  public static RolloutRecord read(EdgeDeploymentStatus status) {
    RolloutStatus rollout = status == null ? null : status.getRollout();
    if (rollout == null || rollout.getRevisionHash() == null || rollout.getPhase() == null) {
      return null;
    }
    RolloutPhase phase;
    try {
      phase = RolloutPhase.valueOf(rollout.getPhase());
    } catch (IllegalArgumentException e) {
      return null;
    }
    return new RolloutRecord(
        rollout.getRevisionHash(),
        phase,
        value(rollout.getAffected()),
        value(rollout.getAdmitted()),
        value(rollout.getHealthy()),
        value(rollout.getAcceptedFailures()),
        instant(rollout.getStartedAt()),
        instant(rollout.getLastProgressAt()),
        instant(rollout.getHaltedAt()),
        rollout.getHaltReason());
  }

  /**
   * What the status of {@code deployment} remembers of its rollout, resumed when the deployment
   * carries {@link RolloutSpec#RESUME_ANNOTATION} naming the halt it remembers; null when nothing.
   */
  public static RolloutRecord read(EdgeDeployment deployment, Instant now) {
    RolloutRecord record = read(deployment.getStatus());
    Map<String, String> annotations = deployment.getMetadata().getAnnotations();
    String resume = annotations == null ? null : annotations.get(RolloutSpec.RESUME_ANNOTATION);
    RolloutStatus rollout =
        deployment.getStatus() == null ? null : deployment.getStatus().getRollout();
    if (record == null
        || resume == null
        || record.phase() != RolloutPhase.Halted
        || !resume.equals(rollout.getHaltedAt())) {
      return record;
    }
    return record.resumed(value(rollout.getFailed()), now);
  }

  /** The status block of {@code progress}. */
  public static RolloutStatus write(RolloutProgress progress) {
    RolloutStatus rollout = new RolloutStatus();
    rollout.setPhase(progress.phase().name());
    rollout.setRevisionHash(progress.revisionHash());
    rollout.setAffected(progress.affected());
    rollout.setAdmitted(progress.admitted());
    rollout.setHealthy(progress.healthy());
    rollout.setFailed(progress.failed());
    rollout.setWaiting(progress.waiting());
    rollout.setAcceptedFailures(
        progress.acceptedFailures() == 0 ? null : progress.acceptedFailures());
    rollout.setStartedAt(text(progress.startedAt()));
    rollout.setLastProgressAt(text(progress.lastProgressAt()));
    rollout.setHaltedAt(text(progress.haltedAt()));
    rollout.setHaltReason(progress.haltReason());
    return rollout;
  }

  /**
   * The revision the devices ran before the newest content: what the stored status says, moved on
   * when the content changed since (from the revision it then rolled out, if that rollout was
   * complete).
   *
   * @param updateRevision the name of the revision of the content now
   */
  public static String currentRevision(EdgeDeploymentStatus status, String updateRevision) {
    if (status == null || status.getUpdateRevision() == null) {
      return updateRevision;
    }
    if (status.getUpdateRevision().equals(updateRevision)) {
      return status.getCurrentRevision() == null ? updateRevision : status.getCurrentRevision();
    }
    RolloutStatus rollout = status.getRollout();
    boolean finished = rollout == null || RolloutStatus.COMPLETE.equals(rollout.getPhase());
    return finished || status.getCurrentRevision() == null
        ? status.getUpdateRevision()
        : status.getCurrentRevision();
  }

  private static long value(Long value) {
    return value == null ? 0 : value;
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}

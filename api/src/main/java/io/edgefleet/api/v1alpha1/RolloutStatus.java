package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Where the rollout of a deployment's newest revision stands. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutStatus {

  /** {@link #getPhase()} while devices are being admitted. */
  public static final String PROGRESSING = "Progressing";

  /** {@link #getPhase()} while {@code spec.rollout.paused} is true. */
  public static final String PAUSED = "Paused";

  /** {@link #getPhase()} after maxFailures or the progress deadline was reached. */
  public static final String HALTED = "Halted";

  /** {@link #getPhase()} once every affected device runs the newest revision and is healthy. */
  public static final String COMPLETE = "Complete";

  @JsonPropertyDescription("Progressing, Paused, Halted or Complete.")
  private String phase;

  @JsonPropertyDescription("The content hash of the revision being rolled out.")
  private String revisionHash;

  @JsonPropertyDescription(
      "Devices the change affects, counted when the rollout started; percentages are taken of it.")
  private Long affected;

  @JsonPropertyDescription("Affected devices whose configuration holds the newest revision.")
  private Long admitted;

  @JsonPropertyDescription(
      "Admitted devices that report success for their new desired version and kept it for"
          + " minHealthySeconds.")
  private Long healthy;

  @JsonPropertyDescription("Admitted devices that report failure for their new desired version.")
  private Long failed;

  @JsonPropertyDescription(
      "Affected devices still waiting for admission (they keep what they run).")
  private Long waiting;

  @JsonPropertyDescription(
      "Failures that an explicit resume accepted; the halt counts only failures beyond them.")
  private Long acceptedFailures;

  @JsonPropertyDescription("When this rollout started (RFC 3339).")
  private String startedAt;

  @JsonPropertyDescription("When a device was last admitted or became healthy (RFC 3339).")
  private String lastProgressAt;

  @JsonPropertyDescription("When the rollout halted (RFC 3339), while Halted.")
  private String haltedAt;

  @JsonPropertyDescription(
      "Why it halted: MaxFailuresReached or ProgressDeadlineExceeded; empty otherwise.")
  private String haltReason;

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public String getRevisionHash() {
    return revisionHash;
  }

  public void setRevisionHash(String revisionHash) {
    this.revisionHash = revisionHash;
  }

  public Long getAffected() {
    return affected;
  }

  public void setAffected(Long affected) {
    this.affected = affected;
  }

  public Long getAdmitted() {
    return admitted;
  }

  public void setAdmitted(Long admitted) {
    this.admitted = admitted;
  }

  public Long getHealthy() {
    return healthy;
  }

  public void setHealthy(Long healthy) {
    this.healthy = healthy;
  }

  public Long getFailed() {
    return failed;
  }

  public void setFailed(Long failed) {
    this.failed = failed;
  }

  public Long getWaiting() {
    return waiting;
  }

  public void setWaiting(Long waiting) {
    this.waiting = waiting;
  }

  public Long getAcceptedFailures() {
    return acceptedFailures;
  }

  public void setAcceptedFailures(Long acceptedFailures) {
    this.acceptedFailures = acceptedFailures;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getLastProgressAt() {
    return lastProgressAt;
  }

  public void setLastProgressAt(String lastProgressAt) {
    this.lastProgressAt = lastProgressAt;
  }

  public String getHaltedAt() {
    return haltedAt;
  }

  public void setHaltedAt(String haltedAt) {
    this.haltedAt = haltedAt;
  }

  public String getHaltReason() {
    return haltReason;
  }

  public void setHaltReason(String haltReason) {
    this.haltReason = haltReason;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RolloutStatus r
        && Objects.equals(phase, r.phase)
        && Objects.equals(revisionHash, r.revisionHash)
        && Objects.equals(affected, r.affected)
        && Objects.equals(admitted, r.admitted)
        && Objects.equals(healthy, r.healthy)
        && Objects.equals(failed, r.failed)
        && Objects.equals(waiting, r.waiting)
        && Objects.equals(acceptedFailures, r.acceptedFailures)
        && Objects.equals(startedAt, r.startedAt)
        && Objects.equals(lastProgressAt, r.lastProgressAt)
        && Objects.equals(haltedAt, r.haltedAt)
        && Objects.equals(haltReason, r.haltReason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        phase,
        revisionHash,
        affected,
        admitted,
        healthy,
        failed,
        waiting,
        acceptedFailures,
        startedAt,
        lastProgressAt,
        haltedAt,
        haltReason);
  }
}

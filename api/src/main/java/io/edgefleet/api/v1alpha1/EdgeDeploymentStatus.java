package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a deployment is doing across its namespace's devices. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EdgeDeploymentStatus {

  @Min(0)
  @Max(EdgeFleetApi.MAX_COUNT)
  @JsonPropertyDescription("Devices the target condition matches.")
  private Long targetedCount;

  @Min(0)
  @Max(EdgeFleetApi.MAX_COUNT)
  @JsonPropertyDescription(
      "Devices whose current configuration includes this deployment (as base or applied layer).")
  private Long appliedCount;

  @Min(0)
  @Max(EdgeFleetApi.MAX_COUNT)
  @JsonPropertyDescription(
      "Applied devices whose agent reports the current desired version with status code 200.")
  private Long reportedSuccessfulCount;

  @Min(0)
  @Max(EdgeFleetApi.MAX_COUNT)
  @JsonPropertyDescription(
      "Applied devices whose agent reports the current desired version with a code other than"
          + " 200.")
  private Long reportedFailedCount;

  @Min(0)
  @Max(EdgeFleetApi.MAX_COUNT)
  @JsonPropertyDescription(
      "Targeted devices that keep their configuration because a placeholder of this deployment"
          + " (e.g. ${tags.room}) has no value on them, or a value not allowed where it stands; they"
          + " do not count as applied. Each device's Ready condition (reason ParameterUnresolved)"
          + " names the placeholder and the field.")
  private Long parameterErrorCount;

  @Min(0)
  @Max(EdgeFleetApi.MAX_COUNT)
  @JsonPropertyDescription(
      "Applied devices whose agent has not reported the current desired version yet (applied -"
          + " succeeded - failed).")
  private Long pendingCount;

  @Min(0)
  @Max(EdgeFleetApi.MAX_COUNT)
  @JsonPropertyDescription(
      "Applied devices that do not run the current desired version yet: pending plus failed.")
  private Long devicesBehindCount;

  @JsonPropertyDescription(
      "The first devices behind (at most 10, by name), each with its sync state and what its agent"
          + " reports; devicesBehindCount is their total.")
  private List<DeviceBehind> devicesBehind;

  @JsonPropertyDescription("Custom metrics: name -> number of matching devices.")
  private Map<String, Long> metrics;

  @JsonPropertyDescription(
      "Problems that do not make the deployment invalid, e.g. a route into a module that the"
          + " devices' configuration does not contain.")
  private List<String> warnings;

  @JsonPropertyDescription(
      "The ControllerRevision the devices ran before the newest content: equal to updateRevision"
          + " once the rollout is complete.")
  private String currentRevision;

  @JsonPropertyDescription("The ControllerRevision of the newest content (the spec as it is now).")
  private String updateRevision;

  @JsonPropertyDescription("Devices per revision of this deployment's content, newest first.")
  private List<RevisionDevices> revisions;

  @JsonPropertyDescription(
      "The rollout of the newest revision, when spec.rollout is set: phase (Progressing, Paused,"
          + " Halted, Complete) and device counts.")
  private RolloutStatus rollout;

  @Min(0)
  @Max(EdgeFleetApi.MAX_COUNT)
  @JsonPropertyDescription("The metadata.generation this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Ready: the spec is valid and takes part in decisions. When False, the reason"
          + " (InvalidTargetCondition, InvalidRoute, InvalidMetricQuery, InvalidSpec, InvalidRollout) and a message"
          + " pointing at the offending text. Progressing (with spec.rollout): True while the"
          + " rollout admits devices or is complete (reasons RolloutProgressing, RolloutComplete),"
          + " False when paused (RolloutPaused) or halted (RolloutHalted).")
  private List<Condition> conditions;

  public Long getTargetedCount() {
    return targetedCount;
  }

  public void setTargetedCount(Long targetedCount) {
    this.targetedCount = targetedCount;
  }

  public Long getAppliedCount() {
    return appliedCount;
  }

  public void setAppliedCount(Long appliedCount) {
    this.appliedCount = appliedCount;
  }

  public Long getReportedSuccessfulCount() {
    return reportedSuccessfulCount;
  }

  public void setReportedSuccessfulCount(Long reportedSuccessfulCount) {
    this.reportedSuccessfulCount = reportedSuccessfulCount;
  }

  public Long getReportedFailedCount() {
    return reportedFailedCount;
  }

  public void setReportedFailedCount(Long reportedFailedCount) {
    this.reportedFailedCount = reportedFailedCount;
  }

  public Long getParameterErrorCount() {
    return parameterErrorCount;
  }

  public void setParameterErrorCount(Long parameterErrorCount) {
    this.parameterErrorCount = parameterErrorCount;
  }

  public Long getPendingCount() {
    return pendingCount;
  }

  public void setPendingCount(Long pendingCount) {
    this.pendingCount = pendingCount;
  }

  public Long getDevicesBehindCount() {
    return devicesBehindCount;
  }

  public void setDevicesBehindCount(Long devicesBehindCount) {
    this.devicesBehindCount = devicesBehindCount;
  }

  public List<DeviceBehind> getDevicesBehind() {
    return devicesBehind;
  }

  public void setDevicesBehind(List<DeviceBehind> devicesBehind) {
    this.devicesBehind = devicesBehind;
  }

  public Map<String, Long> getMetrics() {
    return metrics;
  }

  public void setMetrics(Map<String, Long> metrics) {
    this.metrics = metrics;
  }

  public List<String> getWarnings() {
    return warnings;
  }

  public void setWarnings(List<String> warnings) {
    this.warnings = warnings;
  }

  public String getCurrentRevision() {
    return currentRevision;
  }

  public void setCurrentRevision(String currentRevision) {
    this.currentRevision = currentRevision;
  }

  public String getUpdateRevision() {
    return updateRevision;
  }

  public void setUpdateRevision(String updateRevision) {
    this.updateRevision = updateRevision;
  }

  public List<RevisionDevices> getRevisions() {
    return revisions;
  }

  public void setRevisions(List<RevisionDevices> revisions) {
    this.revisions = revisions;
  }

  public RolloutStatus getRollout() {
    return rollout;
  }

  public void setRollout(RolloutStatus rollout) {
    this.rollout = rollout;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EdgeDeploymentStatus s
        && Objects.equals(targetedCount, s.targetedCount)
        && Objects.equals(appliedCount, s.appliedCount)
        && Objects.equals(reportedSuccessfulCount, s.reportedSuccessfulCount)
        && Objects.equals(reportedFailedCount, s.reportedFailedCount)
        && Objects.equals(parameterErrorCount, s.parameterErrorCount)
        && Objects.equals(pendingCount, s.pendingCount)
        && Objects.equals(devicesBehindCount, s.devicesBehindCount)
        && Objects.equals(devicesBehind, s.devicesBehind)
        && Objects.equals(metrics, s.metrics)
        && Objects.equals(warnings, s.warnings)
        && Objects.equals(currentRevision, s.currentRevision)
        && Objects.equals(updateRevision, s.updateRevision)
        && Objects.equals(revisions, s.revisions)
        && Objects.equals(rollout, s.rollout)
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        targetedCount,
        appliedCount,
        reportedSuccessfulCount,
        reportedFailedCount,
        parameterErrorCount,
        pendingCount,
        devicesBehindCount,
        devicesBehind,
        metrics,
        warnings,
        currentRevision,
        updateRevision,
        revisions,
        rollout,
        observedGeneration,
        conditions);
  }
}

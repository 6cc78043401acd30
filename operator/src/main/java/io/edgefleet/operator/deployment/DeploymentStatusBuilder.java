package io.edgefleet.operator.deployment;

import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.DeviceBehind;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;
import io.edgefleet.api.v1alpha1.RevisionDevices;
import io.edgefleet.engine.resolve.DeploymentReport;
import io.edgefleet.engine.rollout.RolloutProgress;
import io.edgefleet.operator.rollout.RevisionHistory;
import io.edgefleet.operator.rollout.RolloutRecords;
import io.edgefleet.operator.status.Conditions;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Builds a deployment's status from its report. Pure. */
public final class DeploymentStatusBuilder {

  /** Warnings shown at most, so the status stays small. */
  static final int MAX_WARNINGS = 20;

  private DeploymentStatusBuilder() {}

  /** The status {@code deployment} should show. */
  public static EdgeDeploymentStatus build(
      EdgeDeployment deployment,
      DeploymentReport report,
      List<String> targetingWarnings,
      Instant now) {
    EdgeDeploymentStatus previous = deployment.getStatus();
    Long generation = deployment.getMetadata().getGeneration();
    EdgeDeploymentStatus status = new EdgeDeploymentStatus();
    status.setTargetedCount(report.targetedCount());
    status.setAppliedCount(report.appliedCount());
    status.setReportedSuccessfulCount(report.reportedSuccessfulCount());
    status.setReportedFailedCount(report.reportedFailedCount());
    status.setParameterErrorCount(report.parameterErrorCount());
    status.setPendingCount(report.pendingCount());
    status.setDevicesBehindCount(report.behindCount());
    status.setDevicesBehind(
        report.behind().isEmpty()
            ? null
            : report.behind().stream()
                .map(d -> new DeviceBehind(d.name(), d.state().label(), d.message()))
                .toList());
    status.setMetrics(report.metrics().isEmpty() ? null : new TreeMap<>(report.metrics()));
    List<String> warnings = report.warnings();
    if (warnings.size() > MAX_WARNINGS) {
      warnings =
          Stream.concat(
                  warnings.stream().limit(MAX_WARNINGS - 1),
                  Stream.of("... and " + (warnings.size() - MAX_WARNINGS + 1) + " more"))
              .toList();
    }
    status.setWarnings(warnings.isEmpty() ? null : warnings);
    status.setObservedGeneration(generation);
    boolean valid = report.validity().isValid();
    List<Condition> conditions =
        Conditions.set(
            previous == null ? null : previous.getConditions(),
            Conditions.TARGETS_DEVICES,
            valid && targetingWarnings.isEmpty(),
            !valid
                ? "NotEvaluated"
                : targetingWarnings.isEmpty()
                    ? "DevicesTargeted"
                    : report.targetedCount() == 0 ? "TargetsNoDevice" : "TypeMismatch",
            !valid
                ? "the spec is invalid (see Ready)"
                : targetingWarnings.isEmpty()
                    ? report.targetedCount() + " devices targeted"
                    : String.join("\n", targetingWarnings),
            generation,
            now);
    status.setConditions(
        Conditions.set(
            conditions,
            Conditions.READY,
            valid,
            valid ? "Valid" : report.validity().reason().name(),
            valid
                ? "the spec is valid and takes part in decisions"
                : report.validity().message()
                    + "\nThe deployment takes no part in decisions until it is fixed; devices whose"
                    + " configuration came from it keep it unchanged.",
            generation,
            now));
    return status;
  }

  /** What a deployment's status shows of its revisions and rollout. */
  public record RolloutView(
      String currentRevision,
      String updateRevision,
      List<RevisionHistory.Revision> revisions,
      RolloutProgress progress) {}

  /** {@code status} with the revisions and the rollout of {@code view} (and its condition). */
  public static EdgeDeploymentStatus withRollout(
      EdgeDeploymentStatus status, RolloutView view, Long generation, Instant now) {
    if (view == null) {
      return status;
    }
    status.setCurrentRevision(view.currentRevision());
    status.setUpdateRevision(view.updateRevision());
    RolloutProgress progress = view.progress();
    List<RevisionDevices> revisions =
        view.revisions().stream()
            .map(
                r ->
                    new RevisionDevices(
                        r.name(),
                        r.number(),
                        progress == null
                            ? null
                            : progress.devicesPerRevision().getOrDefault(r.hash(), 0L)))
            .toList();
    status.setRevisions(revisions.isEmpty() ? null : revisions);
    List<Condition> conditions = status.getConditions();
    if (progress == null) {
      status.setConditions(
          conditions.stream().filter(c -> !PROGRESSING.equals(c.getType())).toList());
      return status;
    }
    status.setRollout(RolloutRecords.write(progress));
    String counts =
        progress.admitted()
            + " of "
            + progress.affected()
            + " affected devices admitted, "
            + progress.healthy()
            + " healthy, "
            + progress.failed()
            + " failed, "
            + progress.waiting()
            + " waiting";
    String revision = view.updateRevision();
    boolean ok;
    String reason;
    String message;
    switch (progress.phase()) {
      case Complete -> {
        ok = true;
        reason = "RolloutComplete";
        message = "every affected device runs revision " + revision + " (" + counts + ")";
      }
      case Progressing -> {
        ok = true;
        reason = "RolloutProgressing";
        message = "rolling out revision " + revision + ": " + counts;
      }
      case Paused -> {
        ok = false;
        reason = "RolloutPaused";
        message = "paused (spec.rollout.paused): nobody is admitted; " + counts;
      }
      default -> {
        ok = false;
        reason = "RolloutHalted";
        message =
            (RolloutProgress.PROGRESS_DEADLINE_EXCEEDED.equals(progress.haltReason())
                    ? "halted: no progress within spec.rollout.progressDeadlineSeconds"
                    : "halted: failures reached spec.rollout.maxFailures")
                + "; no more devices are admitted ("
                + counts
                + "). A new content (a fix, or the earlier content back) starts a new rollout.";
      }
    }
    status.setConditions(
        Conditions.set(conditions, PROGRESSING, ok, reason, message, generation, now));
    return status;
  }

  /** The rollout condition's type. */
  public static final String PROGRESSING = "Progressing";
}

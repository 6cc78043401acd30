package io.edgefleet.operator.deployment;

import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.DeviceBehind;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;
import io.edgefleet.engine.resolve.DeploymentReport;
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
}

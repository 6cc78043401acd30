package io.edgefleet.console;

import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;
import io.edgefleet.engine.resolve.PreparedDeployment;
import java.util.Map;
import java.util.TreeMap;

/**
 * One deployment as the list shows it: what the engine prepared (type, priority, validity) and what
 * the operator's status says (counts, metrics, Ready).
 */
record DeploymentRow(
    String namespace,
    String name,
    boolean layered,
    int priority,
    String targetCondition,
    String ready,
    String readyReason,
    String readyMessage,
    long targeted,
    long applied,
    long succeeded,
    long failed,
    Map<String, Long> metrics) {

  static DeploymentRow of(EdgeDeployment deployment, PreparedDeployment prepared) {
    var spec = deployment.getSpec();
    EdgeDeploymentStatus status = deployment.getStatus();
    Condition ready = Conditions.find(status == null ? null : status.getConditions(), "Ready");
    boolean layered =
        prepared != null ? prepared.layered() : spec != null && spec.isLayeredDeployment();
    int priority =
        prepared != null
            ? prepared.priority()
            : spec == null || spec.getPriority() == null ? 0 : spec.getPriority();
    return new DeploymentRow(
        deployment.getMetadata().getNamespace(),
        deployment.getMetadata().getName(),
        layered,
        priority,
        spec == null ? null : spec.getTargetCondition(),
        ready == null ? "Unknown" : ready.getStatus(),
        ready == null ? "" : ready.getReason(),
        ready == null ? "" : ready.getMessage(),
        count(status == null ? null : status.getTargetedCount()),
        count(status == null ? null : status.getAppliedCount()),
        count(status == null ? null : status.getReportedSuccessfulCount()),
        count(status == null ? null : status.getReportedFailedCount()),
        status == null || status.getMetrics() == null
            ? Map.of()
            : new TreeMap<>(status.getMetrics()));
  }

  String type() {
    return layered ? "layered" : "standard";
  }

  private static long count(Long value) {
    return value == null ? 0 : value;
  }
}

package io.edgefleet.engine.resolve;

import io.edgefleet.engine.sync.BehindDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A deployment's standing across its namespace (docs/concepts.md, "7. Counts"), plus its validity.
 *
 * @param namespace the namespace
 * @param name the deployment
 * @param layered whether it is layered
 * @param priority its priority
 * @param validity whether it takes part in decisions
 * @param targetedCount devices its target condition matches
 * @param appliedCount devices whose configuration includes it
 * @param reportedSuccessfulCount applied devices reporting the desired version with code 200
 * @param reportedFailedCount applied devices reporting the desired version with another code
 * @param parameterErrorCount targeted devices that keep their configuration because a placeholder
 *     of this deployment has no value (or a value not allowed there) on them (docs/concepts.md
 *     section 8)
 * @param metrics each custom metric's count (metrics whose query does not parse are absent)
 * @param warnings problems that do not make it invalid
 * @param behind the first applied devices (by name) whose agent does not report the desired version
 *     with 200; their total is {@link #behindCount()}
 */
public record DeploymentReport(
    String namespace,
    String name,
    boolean layered,
    int priority,
    Validity validity,
    long targetedCount,
    long appliedCount,
    long reportedSuccessfulCount,
    long reportedFailedCount,
    long parameterErrorCount,
    Map<String, Long> metrics,
    List<String> warnings,
    List<BehindDevice> behind) {

  /** Devices listed at most in {@link #behind()}. */
  public static final int BEHIND_LISTED = 10;

  public DeploymentReport {
    metrics = Map.copyOf(metrics);
    warnings = List.copyOf(warnings);
    behind = behind == null ? List.of() : List.copyOf(behind);
  }

  /** This report with {@code more} warnings after its own. */
  public DeploymentReport withMoreWarnings(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new ArrayList<>(warnings);
    all.addAll(more);
    return new DeploymentReport(
        namespace,
        name,
        layered,
        priority,
        validity,
        targetedCount,
        appliedCount,
        reportedSuccessfulCount,
        reportedFailedCount,
        parameterErrorCount,
        metrics,
        all,
        behind);
  }

  /** Applied devices whose agent has not reported the desired version yet. */
  public long pendingCount() {
    return appliedCount - reportedSuccessfulCount - reportedFailedCount;
  }

  /** Applied devices that do not run the desired version: pending plus failed. */
  public long behindCount() {
    return appliedCount - reportedSuccessfulCount;
  }
}

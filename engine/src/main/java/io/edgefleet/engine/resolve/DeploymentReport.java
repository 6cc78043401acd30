package io.edgefleet.engine.resolve;

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
 * @param metrics each custom metric's count (metrics whose query does not parse are absent)
 * @param warnings problems that do not make it invalid
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
    Map<String, Long> metrics,
    List<String> warnings) {

  public DeploymentReport {
    metrics = Map.copyOf(metrics);
    warnings = List.copyOf(warnings);
  }
}

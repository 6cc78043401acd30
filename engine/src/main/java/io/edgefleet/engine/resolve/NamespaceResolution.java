package io.edgefleet.engine.resolve;

import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Every decision of a namespace at once: each device's configuration and each deployment's report.
 * What {@code edgefleet resolve} and the benchmarks run.
 *
 * @param namespace the namespace
 * @param decisions one per device, sorted by device name
 * @param reports one per deployment, sorted by deployment name
 */
public record NamespaceResolution(
    String namespace, List<DeviceDecision> decisions, List<DeploymentReport> reports) {

  /** Decides every device of a namespace against its deployments, then counts. */
  public static NamespaceResolution resolve(
      String namespace,
      Collection<DeploymentSource> deployments,
      Collection<DeviceSource> devices) {
    return resolve(namespace, DeploymentSet.prepare(deployments), devices);
  }

  /** Decides every device against an already prepared set, then counts. */
  public static NamespaceResolution resolve(
      String namespace, DeploymentSet set, Collection<DeviceSource> devices) {
    List<DeviceSource> sorted = new ArrayList<>(devices);
    sorted.sort(Comparator.comparing(DeviceSource::name));
    List<DeviceDecision> decisions = new ArrayList<>(sorted.size());
    List<DeviceState> states = new ArrayList<>(sorted.size());
    for (DeviceSource device : sorted) {
      DeviceDecision decision = set.decide(device);
      decisions.add(decision);
      states.add(DeviceState.after(decision));
    }
    List<DeploymentReport> reports = new ArrayList<>();
    for (PreparedDeployment deployment : set.deployments()) {
      reports.add(DeploymentCounter.count(deployment, states, set.warningsFor(deployment.name())));
    }
    return new NamespaceResolution(namespace, List.copyOf(decisions), List.copyOf(reports));
  }
}

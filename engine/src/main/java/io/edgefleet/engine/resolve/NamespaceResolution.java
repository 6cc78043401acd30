package io.edgefleet.engine.resolve;

import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Every decision of a namespace at once: each device's configuration and each deployment's report.
 * What {@code edgefleet resolve} and the benchmarks run. Deployment counts reuse what deciding
 * already evaluated, so each target condition runs once per device.
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

  /**
   * Decides every device against an already prepared set, then counts. Devices are decided in
   * parallel chunks (deciding is independent per device); the result does not depend on it.
   */
  public static NamespaceResolution resolve(
      String namespace, DeploymentSet set, Collection<DeviceSource> devices) {
    DeviceSource[] sorted = devices.toArray(DeviceSource[]::new);
    Arrays.sort(sorted, Comparator.comparing(DeviceSource::name));
    DeviceDecision[] decisions = new DeviceDecision[sorted.length];
    int chunks = Math.max(1, Math.min(64, sorted.length / 2048));
    DeploymentTally tally =
        IntStream.range(0, chunks)
            .parallel()
            .mapToObj(
                chunk -> {
                  DeploymentTally part = new DeploymentTally(set);
                  int from = (int) ((long) sorted.length * chunk / chunks);
                  int to = (int) ((long) sorted.length * (chunk + 1) / chunks);
                  for (int i = from; i < to; i++) {
                    decisions[i] = set.decide(sorted[i]);
                    part.add(decisions[i]);
                  }
                  return part;
                })
            .reduce(DeploymentTally::plus)
            .orElseGet(() -> new DeploymentTally(set));
    return new NamespaceResolution(
        namespace, List.of(decisions), List.copyOf(tally.reports().values()));
  }
}

package io.edgefleet.engine.resolve;

import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.query.MetricQuery;
import io.edgefleet.engine.query.Truth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    java.util.Arrays.sort(sorted, Comparator.comparing(DeviceSource::name));
    List<PreparedDeployment> deployments = set.deployments();
    DeviceDecision[] decisions = new DeviceDecision[sorted.length];
    int chunks = Math.max(1, Math.min(64, sorted.length / 2048));
    Tally tally =
        java.util.stream.IntStream.range(0, chunks)
            .parallel()
            .mapToObj(
                chunk -> {
                  Tally part = new Tally(deployments);
                  int from = (int) ((long) sorted.length * chunk / chunks);
                  int to = (int) ((long) sorted.length * (chunk + 1) / chunks);
                  for (int i = from; i < to; i++) {
                    decisions[i] = set.decide(sorted[i]);
                    part.add(decisions[i]);
                  }
                  return part;
                })
            .reduce(Tally::plus)
            .orElseGet(() -> new Tally(deployments));
    List<DeploymentReport> reports = new ArrayList<>(deployments.size());
    for (int i = 0; i < deployments.size(); i++) {
      reports.add(tally.report(i, set.warningsFor(deployments.get(i).name())));
    }
    return new NamespaceResolution(namespace, List.of(decisions), List.copyOf(reports));
  }

  /** Counts per deployment, accumulated one decision at a time. */
  private static final class Tally {
    private final List<PreparedDeployment> deployments;
    private final Map<String, Integer> index = new HashMap<>();
    private final long[] targeted;
    private final long[] applied;
    private final long[] succeeded;
    private final long[] failed;
    private final long[] parameterErrors;
    private final MetricQuery[][] queries;
    private final long[][] metrics;

    Tally(List<PreparedDeployment> deployments) {
      this.deployments = deployments;
      int n = deployments.size();
      targeted = new long[n];
      applied = new long[n];
      succeeded = new long[n];
      failed = new long[n];
      parameterErrors = new long[n];
      queries = new MetricQuery[n][];
      metrics = new long[n][];
      for (int i = 0; i < n; i++) {
        index.put(deployments.get(i).name(), i);
        queries[i] = deployments.get(i).metrics().values().toArray(MetricQuery[]::new);
        metrics[i] = new long[queries[i].length];
      }
    }

    /** This tally plus {@code other} (same deployments). */
    Tally plus(Tally other) {
      for (int i = 0; i < targeted.length; i++) {
        targeted[i] += other.targeted[i];
        applied[i] += other.applied[i];
        succeeded[i] += other.succeeded[i];
        failed[i] += other.failed[i];
        parameterErrors[i] += other.parameterErrors[i];
        for (int m = 0; m < metrics[i].length; m++) {
          metrics[i][m] += other.metrics[i][m];
        }
      }
      return this;
    }

    void add(DeviceDecision decision) {
      DeviceTwin twin = null;
      for (int i = 0; i < targeted.length; i++) {
        if (decision.matchAt(i) == Truth.TRUE) {
          targeted[i]++;
        }
        if (queries[i].length > 0) {
          if (twin == null) {
            twin = new DeviceTwin(decision.device());
          }
          for (int m = 0; m < queries[i].length; m++) {
            if (queries[i][m].matches(twin)) {
              metrics[i][m]++;
            }
          }
        }
      }
      String base = decision.baseName();
      if (base == null && decision.parameterErrors().isEmpty()) {
        return;
      }
      DeviceState state = DeviceState.after(decision);
      for (String deployment : state.parameterErrors()) {
        Integer i = index.get(deployment);
        if (i != null) {
          parameterErrors[i]++;
        }
      }
      boolean success = state.reportsSuccess();
      boolean failure = !success && state.reportsFailure();
      for (String deployment : state.applied()) {
        count(deployment, success, failure);
      }
    }

    private void count(String deployment, boolean success, boolean failure) {
      Integer i = index.get(deployment);
      if (i == null) {
        return;
      }
      applied[i]++;
      if (success) {
        succeeded[i]++;
      } else if (failure) {
        failed[i]++;
      }
    }

    DeploymentReport report(int i, List<String> warnings) {
      PreparedDeployment deployment = deployments.get(i);
      Map<String, Long> counts = new TreeMap<>();
      String[] names = deployment.metrics().keySet().toArray(String[]::new);
      for (int m = 0; m < names.length; m++) {
        counts.put(names[m], metrics[i][m]);
      }
      return new DeploymentReport(
          deployment.namespace(),
          deployment.name(),
          deployment.layered(),
          deployment.priority(),
          deployment.validity(),
          targeted[i],
          applied[i],
          succeeded[i],
          failed[i],
          parameterErrors[i],
          counts,
          warnings,
          List.of());
    }
  }
}

package io.edgefleet.engine.resolve;

import io.edgefleet.engine.query.MetricQuery;
import io.edgefleet.engine.query.Truth;
import io.edgefleet.engine.sync.AgentReport;
import io.edgefleet.engine.sync.BehindDevices;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts every deployment of a set over the devices of its namespace (docs/concepts.md, "7.
 * Counts"): targeted, applied, reporting success or failure, held back by a placeholder without a
 * value, each custom metric, the first devices behind, and the warnings of the configurations the
 * devices run. Which device a count stands for is {@link CountedDevices}' rule. The one
 * implementation behind the operator's deployment status, {@code edgefleet resolve} and the
 * benchmarks.
 *
 * <p>Fed one {@link DeviceState} at a time; not thread-safe: count parts on separate threads and
 * join them with {@link #plus}.
 */
public final class DeploymentTally {

  private final DeploymentSet set;
  private final List<PreparedDeployment> deployments;
  private final Map<String, Integer> index = new HashMap<>();
  private final long[] targeted;
  private final long[] applied;
  private final long[] succeeded;
  private final long[] failed;
  private final long[] parameterErrors;
  private final BehindDevices[] behind;
  private final MetricQuery[][] queries;
  private final long[][] metrics;
  private final Set<List<String>> configurations = new HashSet<>();

  /** An empty tally of the deployments of {@code set}. */
  public DeploymentTally(DeploymentSet set) {
    this.set = set;
    this.deployments = set.deployments();
    int n = deployments.size();
    targeted = new long[n];
    applied = new long[n];
    succeeded = new long[n];
    failed = new long[n];
    parameterErrors = new long[n];
    behind = new BehindDevices[n];
    queries = new MetricQuery[n][];
    metrics = new long[n][];
    for (int i = 0; i < n; i++) {
      index.put(deployments.get(i).name(), i);
      behind[i] = new BehindDevices(DeploymentReport.BEHIND_LISTED);
      queries[i] = deployments.get(i).metrics().values().toArray(MetricQuery[]::new);
      metrics[i] = new long[queries[i].length];
    }
  }

  /** Counts every deployment of {@code set} over {@code devices}: reports by deployment name. */
  public static Map<String, DeploymentReport> count(
      DeploymentSet set, Iterable<DeviceState> devices) {
    DeploymentTally tally = new DeploymentTally(set);
    devices.forEach(tally::add);
    return tally.reports();
  }

  /** Adds a device; target conditions are evaluated against its twin. */
  public void add(DeviceState state) {
    add(state, null);
  }

  /**
   * Adds a device just decided by this tally's set, reusing what deciding evaluated (each target
   * condition runs once per device).
   */
  public void add(DeviceDecision decision) {
    add(DeviceState.after(decision), decision);
  }

  private void add(DeviceState state, DeviceDecision decided) {
    DeviceTwin twin = decided == null ? new DeviceTwin(state.device()) : null;
    for (int i = 0; i < deployments.size(); i++) {
      boolean targets =
          decided == null
              ? CountedDevices.targeted(deployments.get(i), twin)
              : decided.matchAt(i) == Truth.TRUE;
      if (targets) {
        targeted[i]++;
      }
      if (queries[i].length > 0) {
        if (twin == null) {
          twin = new DeviceTwin(state.device());
        }
        for (int m = 0; m < queries[i].length; m++) {
          if (CountedDevices.counts(queries[i][m], twin)) {
            metrics[i][m]++;
          }
        }
      }
    }
    for (String name : state.parameterErrors()) {
      Integer i = index.get(name);
      if (i != null) {
        parameterErrors[i]++;
      }
    }
    if (state.applied().isEmpty()) {
      return;
    }
    configurations.add(List.copyOf(state.applied()));
    boolean success = CountedDevices.succeeded(state);
    boolean failure = CountedDevices.failed(state);
    AgentReport report = success ? null : state.report();
    for (String name : state.applied()) {
      Integer i = index.get(name);
      if (i != null) {
        applied[i]++;
        if (success) {
          succeeded[i]++;
        } else {
          if (failure) {
            failed[i]++;
          }
          behind[i].offer(state.device().name(), state.desiredVersion(), report);
        }
      }
    }
  }

  /** This tally plus {@code other} (a tally of the same set); returns this. */
  public DeploymentTally plus(DeploymentTally other) {
    if (other.set != set) {
      throw new IllegalArgumentException("tallies of different deployment sets");
    }
    for (int i = 0; i < targeted.length; i++) {
      targeted[i] += other.targeted[i];
      applied[i] += other.applied[i];
      succeeded[i] += other.succeeded[i];
      failed[i] += other.failed[i];
      parameterErrors[i] += other.parameterErrors[i];
      behind[i].plus(other.behind[i]);
      for (int m = 0; m < metrics[i].length; m++) {
        metrics[i][m] += other.metrics[i][m];
      }
    }
    configurations.addAll(other.configurations);
    return this;
  }

  /**
   * The reports, by deployment name in the set's order. A deployment's warnings are those of every
   * configuration (base and layers) that a counted device runs and that includes it.
   */
  public Map<String, DeploymentReport> reports() {
    List<TreeSet<String>> warnings = new ArrayList<>(deployments.size());
    deployments.forEach(d -> warnings.add(new TreeSet<>()));
    for (List<String> configuration : configurations) {
      ResolvedConfiguration merged = set.configuration(configuration);
      if (merged == null) {
        continue;
      }
      for (ConfigurationWarning warning : merged.warnings()) {
        Integer i = index.get(warning.deployment());
        if (i != null) {
          warnings.get(i).add(warning.message());
        }
      }
    }
    Map<String, DeploymentReport> reports = new LinkedHashMap<>();
    for (int i = 0; i < deployments.size(); i++) {
      PreparedDeployment deployment = deployments.get(i);
      Map<String, Long> counts = new TreeMap<>();
      String[] names = deployment.metrics().keySet().toArray(String[]::new);
      for (int m = 0; m < names.length; m++) {
        counts.put(names[m], metrics[i][m]);
      }
      reports.put(
          deployment.name(),
          new DeploymentReport(
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
              List.copyOf(warnings.get(i)),
              behind[i].first()));
    }
    return reports;
  }
}

package io.edgefleet.engine.resolve;

import io.edgefleet.engine.query.MetricQuery;
import io.edgefleet.engine.sync.AgentReport;
import io.edgefleet.engine.sync.BehindDevices;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts a deployment's targeted / applied / succeeded / failed devices and custom metrics. */
public final class DeploymentCounter {

  private DeploymentCounter() {}

  /**
   * Counts {@code deployment} over the devices of its namespace. An invalid deployment targets no
   * device (it takes no part in decisions); its applied counts still show frozen devices.
   *
   * @param warnings warnings to report with the counts
   */
  public static DeploymentReport count(
      PreparedDeployment deployment, Iterable<DeviceState> devices, List<String> warnings) {
    DeploymentReport report =
        countAll(DeploymentSet.of(List.of(deployment)), devices).get(deployment.name());
    return new DeploymentReport(
        report.namespace(),
        report.name(),
        report.layered(),
        report.priority(),
        report.validity(),
        report.targetedCount(),
        report.appliedCount(),
        report.reportedSuccessfulCount(),
        report.reportedFailedCount(),
        report.parameterErrorCount(),
        report.metrics(),
        warnings,
        report.behind());
  }

  /**
   * Counts every deployment of {@code set} over the devices of its namespace in one pass: each
   * device's twin is read once for all conditions and metrics.
   *
   * @return reports by deployment name
   */
  public static Map<String, DeploymentReport> countAll(
      DeploymentSet set, Iterable<DeviceState> devices) {
    List<PreparedDeployment> deployments = set.deployments();
    int n = deployments.size();
    Map<String, Integer> index = new HashMap<>();
    long[][] counts = new long[n][5];
    MetricQuery[][] queries = new MetricQuery[n][];
    long[][] metrics = new long[n][];
    BehindDevices[] behind = new BehindDevices[n];
    for (int i = 0; i < n; i++) {
      behind[i] = new BehindDevices(DeploymentReport.BEHIND_LISTED);
      index.put(deployments.get(i).name(), i);
      queries[i] = deployments.get(i).metrics().values().toArray(MetricQuery[]::new);
      metrics[i] = new long[queries[i].length];
    }
    for (DeviceState state : devices) {
      DeviceTwin twin = new DeviceTwin(state.device());
      for (int i = 0; i < n; i++) {
        PreparedDeployment deployment = deployments.get(i);
        if (CountedDevices.targeted(deployment, twin)) {
          counts[i][0]++;
        }
        for (int m = 0; m < queries[i].length; m++) {
          if (CountedDevices.counts(queries[i][m], twin)) {
            metrics[i][m]++;
          }
        }
      }
      for (String name : state.parameterErrors()) {
        Integer i = index.get(name);
        if (i != null) {
          counts[i][4]++;
        }
      }
      if (state.applied().isEmpty()) {
        continue;
      }
      AgentReport report = state.report();
      String version = state.desiredVersion();
      boolean success = CountedDevices.succeeded(state);
      boolean failure = CountedDevices.failed(state);
      for (String name : state.applied()) {
        Integer i = index.get(name);
        if (i != null) {
          counts[i][1]++;
          counts[i][2] += success ? 1 : 0;
          counts[i][3] += failure ? 1 : 0;
          if (!success) {
            behind[i].offer(state.device().name(), version, report);
          }
        }
      }
    }
    Map<String, DeploymentReport> reports = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      PreparedDeployment deployment = deployments.get(i);
      Map<String, Long> values = new TreeMap<>();
      String[] names = deployment.metrics().keySet().toArray(String[]::new);
      for (int m = 0; m < names.length; m++) {
        values.put(names[m], metrics[i][m]);
      }
      reports.put(
          deployment.name(),
          new DeploymentReport(
              deployment.namespace(),
              deployment.name(),
              deployment.layered(),
              deployment.priority(),
              deployment.validity(),
              counts[i][0],
              counts[i][1],
              counts[i][2],
              counts[i][3],
              counts[i][4],
              values,
              set.warningsFor(deployment.name()),
              behind[i].first()));
    }
    return reports;
  }
}

package io.edgefleet.engine.resolve;

import io.edgefleet.engine.query.MetricQuery;
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
    long targeted = 0;
    long applied = 0;
    long succeeded = 0;
    long failed = 0;
    Map<String, MetricQuery> queries = deployment.metrics();
    String[] metricNames = queries.keySet().toArray(String[]::new);
    MetricQuery[] metricQueries = queries.values().toArray(MetricQuery[]::new);
    long[] metricCounts = new long[metricNames.length];
    String name = deployment.name();
    for (DeviceState state : devices) {
      DeviceTwin twin = null;
      if (deployment.valid()) {
        twin = new DeviceTwin(state.device());
        if (deployment.condition().matches(twin)) {
          targeted++;
        }
      }
      if (state.applied().contains(name)) {
        applied++;
        if (state.reportsSuccess()) {
          succeeded++;
        } else if (state.reportsFailure()) {
          failed++;
        }
      }
      if (metricQueries.length > 0) {
        if (twin == null) {
          twin = new DeviceTwin(state.device());
        }
        for (int m = 0; m < metricQueries.length; m++) {
          if (metricQueries[m].matches(twin)) {
            metricCounts[m]++;
          }
        }
      }
    }
    Map<String, Long> metrics = new TreeMap<>();
    for (int m = 0; m < metricNames.length; m++) {
      metrics.put(metricNames[m], metricCounts[m]);
    }
    return new DeploymentReport(
        deployment.namespace(),
        name,
        deployment.layered(),
        deployment.priority(),
        deployment.validity(),
        targeted,
        applied,
        succeeded,
        failed,
        metrics,
        warnings);
  }
}

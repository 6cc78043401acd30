package io.edgefleet.console;

import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.engine.query.MetricQuery;
import io.edgefleet.engine.query.QueryException;
import io.edgefleet.engine.query.QueryParser;
import io.edgefleet.engine.query.TargetCondition;
import io.edgefleet.engine.resolve.CountedDevices;
import io.edgefleet.engine.resolve.DeviceState;
import io.edgefleet.engine.resolve.DeviceTwin;
import io.edgefleet.engine.resolve.PreparedDeployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which devices the devices page lists: a target condition in the IoT Hub dialect (parsed by the
 * engine, so errors carry the column), a name filter, and optionally the devices behind one of a
 * deployment's counts or custom metrics (the rule the counts were made with).
 */
final class DeviceQuery {

  /**
   * A device that matched, with what the engine reads of it (null when no filter needed it: the
   * page then reads it for the rows it shows only).
   */
  record Match(EdgeDevice device, DeviceState state) {}

  /** The matching devices sorted by namespace and name, or why the query is wrong. */
  record Result(List<Match> matches, String error, QueryException syntax, String scope) {}

  private final FleetReadModel model;

  DeviceQuery(FleetReadModel model) {
    this.model = model;
  }

  Result run(Request request) {
    String namespace = request.param("ns");
    String where = request.param("where").trim();
    String text = request.param("q").trim().toLowerCase(Locale.ROOT);
    String deploymentName = request.param("deployment");
    TargetCondition condition = null;
    if (!where.isEmpty()) {
      try {
        condition = QueryParser.parseCondition(where);
      } catch (QueryException e) {
        return new Result(List.of(), null, e, null);
      }
    }
    PreparedDeployment deployment = null;
    CountedDevices.Count count = null;
    MetricQuery metric = null;
    String scope = null;
    if (!deploymentName.isEmpty()) {
      if (namespace.isEmpty()) {
        return error("Choose the namespace of deployment " + deploymentName + ".");
      }
      deployment = model.deploymentSet(namespace).get(deploymentName);
      if (deployment == null) {
        return error("There is no deployment " + namespace + "/" + deploymentName + ".");
      }
      String metricName = request.param("metric");
      if (!metricName.isEmpty()) {
        metric = deployment.metrics().get(metricName);
        if (metric == null) {
          return error(
              "Deployment " + deploymentName + " has no valid custom metric " + metricName + ".");
        }
        scope = "counted by custom metric " + metricName + " of " + deploymentName;
      } else {
        count = CountedDevices.Count.named(request.param("count"));
        if (count == null) {
          count = CountedDevices.Count.TARGETED;
        }
        scope = count.label() + " by " + deploymentName;
      }
    }
    List<String> namespaces =
        namespace.isEmpty() ? List.copyOf(model.namespaces()) : List.of(namespace);
    List<Match> matches = new ArrayList<>();
    for (String ns : namespaces) {
      for (EdgeDevice device : model.devices(ns)) {
        if (!text.isEmpty()
            && !device.getMetadata().getName().toLowerCase(Locale.ROOT).contains(text)) {
          continue;
        }
        if (condition == null && metric == null && count == null) {
          matches.add(new Match(device, null));
          continue;
        }
        DeviceState state = model.state(device);
        DeviceTwin twin = new DeviceTwin(state.device());
        if (condition != null && !condition.matches(twin)) {
          continue;
        }
        if (metric != null && !CountedDevices.counts(metric, twin)) {
          continue;
        }
        if (count != null && !CountedDevices.counts(count, deployment, state, twin)) {
          continue;
        }
        matches.add(new Match(device, state));
      }
    }
    matches.sort(
        Comparator.comparing((Match m) -> m.device().getMetadata().getNamespace())
            .thenComparing(m -> m.device().getMetadata().getName()));
    return new Result(matches, null, null, scope);
  }

  private static Result error(String message) {
    return new Result(List.of(), message, null, null);
  }
}

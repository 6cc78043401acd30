package io.edgefleet.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * EdgeFleet's own metrics, all under the {@code edgefleet_} prefix: per-deployment device counts
 * and custom metrics, decisions, API writes by kind and verb, reconcile latency, dropped events.
 */
public final class OperatorMetrics {

  /** A deployment's gauges. */
  private record DeploymentGauges(
      AtomicLong targeted, AtomicLong applied, AtomicLong succeeded, AtomicLong failed) {}

  private final MeterRegistry registry;

  /**
   * Custom metrics exported per deployment at most: the CRD allows 50; an object stored behind the
   * schema's back cannot grow the label set beyond this.
   */
  public static final int CUSTOM_METRICS_EXPORTED = 50;

  private final Map<String, DeploymentGauges> deployments = new ConcurrentHashMap<>();
  private final Map<String, Map<String, AtomicLong>> customMetrics = new ConcurrentHashMap<>();
  private final Map<String, Counter> writes = new ConcurrentHashMap<>();
  private final Map<String, Map<String, AtomicLong>> rollouts = new ConcurrentHashMap<>();
  private final Map<String, Counter> unreadable = new ConcurrentHashMap<>();
  private final Counter decisions;
  private final Counter droppedEvents;
  private final Timer deviceReconcile;
  private final Timer deploymentReconcile;

  public OperatorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.decisions =
        Counter.builder("edgefleet.decisions")
            .description("Device configurations decided")
            .register(registry);
    this.droppedEvents =
        Counter.builder("edgefleet.events.dropped")
            .description("Kubernetes Events not recorded because of the events rate limit")
            .register(registry);
    this.deviceReconcile =
        Timer.builder("edgefleet.reconcile")
            .tag("kind", "EdgeDevice")
            .description("Reconcile latency")
            .publishPercentileHistogram()
            .register(registry);
    this.deploymentReconcile =
        Timer.builder("edgefleet.reconcile")
            .tag("kind", "EdgeDeployment")
            .description("Reconcile latency")
            .publishPercentileHistogram()
            .register(registry);
  }

  /** The registry, for the /metrics endpoint. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Counts one decision. */
  public void decided() {
    decisions.increment();
  }

  /** Counts one API write. */
  public void apiWrite(String kind, String verb) {
    counter(
            writes,
            "edgefleet.api.writes",
            "Write requests the operator sent to the API server",
            kind,
            "verb",
            verb)
        .increment();
  }

  /** Total API writes of {@code kind} and {@code verb} so far. */
  public double apiWrites(String kind, String verb) {
    return count(writes, kind, verb);
  }

  /** Counts a stored object whose {@code part} (spec or status) could not be read. */
  public void unreadable(String kind, String part) {
    counter(
            unreadable,
            "edgefleet.unreadable.objects",
            "Stored objects (each version once) whose spec or status could not be read",
            kind,
            "part",
            part)
        .increment();
  }

  /** How many unreadable {@code kind} objects' {@code part} were reported so far. */
  public double unreadableCount(String kind, String part) {
    return count(unreadable, kind, part);
  }

  /** Counts an Event that was not recorded. */
  public void eventDropped() {
    droppedEvents.increment();
  }

  /** Records a device reconcile's duration. */
  public void deviceReconciled(Duration took) {
    deviceReconcile.record(took);
  }

  /** Records a deployment reconcile's duration. */
  public void deploymentReconciled(Duration took) {
    deploymentReconcile.record(took);
  }

  /** Sets a deployment's device counts. */
  public void deploymentCounts(
      String namespace, String name, long targeted, long applied, long succeeded, long failed) {
    DeploymentGauges gauges =
        deployments.computeIfAbsent(namespace + "/" + name, k -> register(namespace, name));
    gauges.targeted().set(targeted);
    gauges.applied().set(applied);
    gauges.succeeded().set(succeeded);
    gauges.failed().set(failed);
  }

  /**
   * Sets a deployment's custom metrics (name to count; the first {@link #CUSTOM_METRICS_EXPORTED}
   * by name), removing those it no longer has.
   */
  public void deploymentMetrics(String namespace, String name, Map<String, Long> metrics) {
    Map<String, AtomicLong> gauges =
        customMetrics.computeIfAbsent(namespace + "/" + name, k -> new ConcurrentHashMap<>());
    Map<String, Long> exported = new TreeMap<>();
    new TreeMap<>(metrics)
        .entrySet().stream()
            .limit(CUSTOM_METRICS_EXPORTED)
            .forEach(e -> exported.put(e.getKey(), e.getValue()));
    for (String metric : List.copyOf(gauges.keySet())) {
      if (!exported.containsKey(metric)) {
        gauges.remove(metric);
        registry
            .find("edgefleet.deployment.metric")
            .tags("namespace", namespace, "deployment", name, "metric", metric)
            .meters()
            .forEach(registry::remove);
      }
    }
    exported.forEach(
        (metric, value) ->
            gauges
                .computeIfAbsent(
                    metric,
                    m -> {
                      AtomicLong held = new AtomicLong();
                      Gauge.builder("edgefleet.deployment.metric", held, AtomicLong::get)
                          .description("A deployment's custom metric: the devices its query counts")
                          .tags("namespace", namespace, "deployment", name, "metric", m)
                          .register(registry);
                      return held;
                    })
                .set(value));
  }

  /** Sets a deployment's rollout counts (waiting, admitted, healthy, failed). */
  public void rolloutCounts(
      String namespace, String name, long waiting, long admitted, long healthy, long failed) {
    Map<String, AtomicLong> gauges =
        rollouts.computeIfAbsent(
            namespace + "/" + name,
            k -> {
              Map<String, AtomicLong> made = new ConcurrentHashMap<>();
              for (String state : new String[] {"waiting", "admitted", "healthy", "failed"}) {
                AtomicLong value = new AtomicLong();
                made.put(state, value);
                Gauge.builder("edgefleet.rollout.devices", value, AtomicLong::get)
                    .description(
                        "Devices of a deployment's rollout by state (waiting, admitted, healthy,"
                            + " failed)")
                    .tags("namespace", namespace, "deployment", name, "state", state)
                    .register(registry);
              }
              return made;
            });
    gauges.get("waiting").set(waiting);
    gauges.get("admitted").set(admitted);
    gauges.get("healthy").set(healthy);
    gauges.get("failed").set(failed);
  }

  /** Counts a rollout that halted. */
  public void rolloutHalted(String namespace, String name) {
    Counter.builder("edgefleet.rollout.halts")
        .description("Rollouts that halted (maxFailures or progress deadline reached)")
        .tags("namespace", namespace, "deployment", name)
        .register(registry)
        .increment();
  }

  /** Removes a deleted deployment's gauges. */
  public void deploymentDeleted(String namespace, String name) {
    Tags tags = Tags.of("namespace", namespace, "deployment", name);
    if (rollouts.remove(namespace + "/" + name) != null) {
      registry.find("edgefleet.rollout.devices").tags(tags).meters().forEach(registry::remove);
    }
    if (deployments.remove(namespace + "/" + name) != null) {
      registry.find("edgefleet.deployment.devices").tags(tags).meters().forEach(registry::remove);
    }
    if (customMetrics.remove(namespace + "/" + name) != null) {
      registry.find("edgefleet.deployment.metric").tags(tags).meters().forEach(registry::remove);
    }
  }

  private DeploymentGauges register(String namespace, String name) {
    DeploymentGauges gauges =
        new DeploymentGauges(
            new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
    gauge(namespace, name, "targeted", gauges.targeted());
    gauge(namespace, name, "applied", gauges.applied());
    gauge(namespace, name, "succeeded", gauges.succeeded());
    gauge(namespace, name, "failed", gauges.failed());
    return gauges;
  }

  private void gauge(String namespace, String name, String state, AtomicLong value) {
    Gauge.builder("edgefleet.deployment.devices", value, AtomicLong::get)
        .description("Devices of a deployment by state (targeted, applied, succeeded, failed)")
        .tags("namespace", namespace, "deployment", name, "state", state)
        .register(registry);
  }

  /**
   * The counter {@code name} for one kind of object and one value of a second tag, registered on
   * first use and kept in {@code counters}.
   */
  private Counter counter(
      Map<String, Counter> counters,
      String name,
      String description,
      String kind,
      String tag,
      String value) {
    return counters.computeIfAbsent(
        kind + "/" + value,
        k ->
            Counter.builder(name)
                .description(description)
                .tags("kind", kind, tag, value)
                .register(registry));
  }

  /** What the counter of {@code kind} and {@code value} in {@code counters} counted so far. */
  private static double count(Map<String, Counter> counters, String kind, String value) {
    Counter counter = counters.get(kind + "/" + value);
    return counter == null ? 0 : counter.count();
  }
}

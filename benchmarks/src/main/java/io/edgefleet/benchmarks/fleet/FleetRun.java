package io.edgefleet.benchmarks.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceSpec;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.api.v1alpha1.RolloutSpec;
import io.edgefleet.api.v1alpha1.RouteSpec;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.config.OperatorSettings;
import io.edgefleet.operator.config.SettingsParser;
import io.edgefleet.operator.device.ApplyResult;
import io.edgefleet.operator.device.DesiredConfigMap;
import io.edgefleet.operator.device.DeviceStatusBuilder;
import io.edgefleet.operator.device.EdgeDeviceReconciler;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.operator.fleet.DeviceInputs;
import io.edgefleet.operator.metrics.OperatorMetrics;
import io.edgefleet.operator.status.StatusPatcher;
import io.edgefleet.sandbox.RequestCounts;
import io.edgefleet.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * The fan-out measurements for one fleet size, on a fresh embedded API server: the floor (the same
 * raw writes issued directly), then the operator creating, editing and moving a deployment over the
 * fleet, an unrelated device change, a restart with nothing changed, and deployment status writes
 * under device churn.
 */
final class FleetRun {

  static final String NS = "fleet";
  static final String FLOOR_NS = "floor";

  private final int devices;
  private final int threads;
  private final List<Phase> phases = new ArrayList<>();
  private final Map<String, Object> figures = new LinkedHashMap<>();

  FleetRun(int devices, int threads) {
    this.devices = devices;
    this.threads = threads;
  }

  List<Phase> phases() {
    return phases;
  }

  Map<String, Object> figures() {
    return figures;
  }

  void run() throws Exception {
    try (SandboxApiServer server = SandboxApiServer.builder().build().start()) {
      KubernetesClient setup = server.newClient();
      namespace(setup, NS);
      namespace(setup, FLOOR_NS);
      parallel(devices, i -> setup.resource(device(NS, i)).create());
      parallel(devices, i -> setup.resource(device(FLOOR_NS, i)).create());

      double floor = floor(server);
      figures.put("floorSeconds", floor);

      KubernetesClient operatorClient = server.newClient();
      RequestCounts beforeStart = server.requestCounts();
      EdgeFleetOperator operator = start(operatorClient);
      // the first reconcile of every device (no deployment yet) writes its status once
      waitUntil(
          () ->
              server.requestCounts().minus(beforeStart).count("patch", "edgedevices/status")
                  >= devices);
      Thread.sleep(1000);

      Phase create =
          measure(
              server,
              "deployment create over " + devices + " devices",
              () -> setup.resource(deployment("all", "*", 10, "sensor:1")).create(),
              c ->
                  c.count("create", "configmaps") >= devices
                      && c.count("patch", "edgedevices/status") >= devices);
      figures.put("fanOutSeconds", create.seconds());
      figures.put("ratioToFloor", create.seconds() / floor);

      Phase edit =
          measure(
              server,
              "deployment edit (" + devices + " updates)",
              () -> edit(setup, "all", "sensor:2"),
              c ->
                  c.count("update", "configmaps") >= devices
                      && c.count("patch", "edgedevices/status") >= devices);
      figures.put("editSeconds", edit.seconds());

      // the same edit gated by a rollout that admits every device at once: what the gate costs
      // (planning, waiting statuses, nudges), in the same run as the edit above
      rollout(setup, "all", "100%");
      Thread.sleep(1000);
      Phase gated =
          measure(
              server,
              "deployment edit under spec.rollout maxConcurrency 100% (" + devices + " updates)",
              () -> edit(setup, "all", "sensor:3"),
              c ->
                  c.count("update", "configmaps") >= devices
                      && c.count("patch", "edgedevices/status") >= devices);
      figures.put("rolloutEditSeconds", gated.seconds());
      figures.put("rolloutOverhead", gated.seconds() / edit.seconds());
      rollout(setup, "all", null);
      Thread.sleep(1000);

      setup.resource(deployment("half", "tags.group = 'none'", 20, "other:1")).create();
      Thread.sleep(1000);
      Phase move =
          measure(
              server,
              "target change moving half the devices",
              () -> retarget(setup, "half", "tags.half = 'yes'"),
              c ->
                  c.count("update", "configmaps") >= devices / 2
                      && c.count("patch", "edgedevices/status") >= devices / 2);
      figures.put("moveSeconds", move.seconds());

      Phase unrelated =
          settle(
              server, "unrelated tag change on one device", () -> tag(setup, 1, "note", "x"), 2000);
      figures.put("unrelatedTagChangeWrites", deviceWrites(unrelated.writes()));

      operator.close();
      operatorClient.close();
      Thread.sleep(500);
      long listStart = System.nanoTime();
      setup.resources(EdgeDevice.class).inNamespace(NS).list();
      double list = seconds(listStart);
      figures.put("oneListSeconds", list);
      RequestCounts before = server.requestCounts();
      KubernetesClient restartClient = server.newClient();
      long started = System.nanoTime();
      EdgeFleetOperator restarted = start(restartClient);
      waitUntil(
          () -> restarted.metrics().registry().counter("edgefleet.decisions").count() >= devices);
      double coldStart = seconds(started);
      Thread.sleep(3000);
      RequestCounts restartWrites = server.requestCounts().minus(before);
      phases.add(new Phase("operator restart with nothing changed", coldStart, restartWrites));
      figures.put("coldStartSeconds", coldStart);
      figures.put(
          "restartWrites", deviceWrites(restartWrites) + restartWrites.writes("edgedeployments"));

      Phase churn = churn(server, setup);
      figures.put(
          "deploymentStatusWritesUnderChurn",
          churn.writes().count("patch", "edgedeployments/status"));
      restarted.close();
      restartClient.close();
      setup.close();
    }
  }

  /**
   * The floor: the same N ConfigMaps the operator writes (same data, metadata and owner) and the
   * same N status patches, issued directly with the same client setup and concurrency, nothing
   * else. No controller can write these faster than this.
   */
  private double floor(SandboxApiServer server) throws Exception {
    KubernetesClient client = server.newClient();
    List<EdgeDevice> floorDevices =
        client.resources(EdgeDevice.class).inNamespace(FLOOR_NS).list().getItems();
    DeploymentSet set =
        DeploymentSet.prepare(
            List.of(DeploymentCatalog.source(deployment("all", "*", 10, "sensor:1"))));
    StatusPatcher patcher =
        new StatusPatcher(client, new OperatorMetrics(new SimpleMeterRegistry()));
    List<ConfigMap> configMaps = new ArrayList<>();
    List<EdgeDeviceStatus> statuses = new ArrayList<>();
    for (EdgeDevice device : floorDevices) {
      DeviceDecision decision = set.decide(DeviceInputs.source(device, (ConfigMap) null));
      ConfigMap configMap = DesiredConfigMap.build(device, decision.configuration(), null);
      configMaps.add(configMap);
      statuses.add(
          DeviceStatusBuilder.build(
              device,
              decision,
              new ApplyResult(
                  ApplyResult.Kind.WRITTEN, configMap.getMetadata().getName(), null, null),
              Instant.now()));
    }
    // like the operator's devices, these already have a status (not timed)
    parallel(
        floorDevices.size(),
        i ->
            client
                .resource(floorDevices.get(i - 1))
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"managed\":false}}"));
    RequestCounts before = server.requestCounts();
    long start = System.nanoTime();
    parallel(
        floorDevices.size(),
        i -> {
          client.resource(configMaps.get(i - 1)).create();
          EdgeDeviceStatus status = statuses.get(i - 1);
          patcher.patch(
              floorDevices.get(i - 1), status, status, EdgeDeviceReconciler.OWNED_STATUS_FIELDS);
        });
    double seconds = seconds(start);
    phases.add(
        new Phase(
            "floor: the same ConfigMap creates + status patches, issued directly",
            seconds,
            server.requestCounts().minus(before)));
    client.close();
    return seconds;
  }

  /**
   * Agents on many devices reporting back for 10 s, alternating success and failure of the version
   * they run, so that deployment counts really change all the time.
   */
  private Phase churn(SandboxApiServer server, KubernetesClient client) throws Exception {
    String version =
        client
            .resources(EdgeDevice.class)
            .inNamespace(NS)
            .withName(name(1))
            .get()
            .getStatus()
            .getDesiredVersion();
    RequestCounts before = server.requestCounts();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(10);
    int patched = 0;
    while (System.nanoTime() < end) {
      int i = 1 + (patched * 7919) % devices;
      client
          .resources(EdgeDevice.class)
          .inNamespace(NS)
          .withName(name(i))
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"status\":{\"reported\":{\"lastDesiredVersion\":\""
                  + version
                  + "\",\"lastDesiredStatus\":{\"code\":"
                  + (patched % 2 == 0 ? 200 : 500)
                  + "}}}}");
      patched++;
    }
    Phase phase =
        new Phase(
            "10 s of device churn (" + patched + " reported-property patches)",
            seconds(start),
            server.requestCounts().minus(before));
    phases.add(phase);
    figures.put("churnPatches", patched);
    return phase;
  }

  private EdgeFleetOperator start(KubernetesClient client) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("EDGEFLEET_HTTP_PORT", "0");
    env.put("EDGEFLEET_RECONCILE_THREADS", Integer.toString(threads));
    env.put("EDGEFLEET_WATCH_NAMESPACES", NS);
    String events = System.getProperty("edgefleet.bench.eventsPerSecond");
    if (events != null) {
      env.put("EDGEFLEET_EVENTS_PER_SECOND", events);
    }
    OperatorSettings settings = SettingsParser.parse(env);
    EdgeFleetOperator operator = EdgeFleetOperator.create(client, settings, Clock.systemUTC());
    operator.start();
    return operator;
  }

  private Phase measure(
      SandboxApiServer server, String name, Runnable action, Predicate<RequestCounts> done)
      throws InterruptedException {
    RequestCounts before = server.requestCounts();
    long start = System.nanoTime();
    action.run();
    waitUntil(() -> done.test(server.requestCounts().minus(before)));
    double seconds = seconds(start);
    Thread.sleep(1000);
    Phase phase = new Phase(name, seconds, server.requestCounts().minus(before));
    phases.add(phase);
    return phase;
  }

  private Phase settle(SandboxApiServer server, String name, Runnable action, long millis)
      throws InterruptedException {
    RequestCounts before = server.requestCounts();
    long start = System.nanoTime();
    action.run();
    Thread.sleep(millis);
    Phase phase = new Phase(name, seconds(start), server.requestCounts().minus(before));
    phases.add(phase);
    return phase;
  }

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("did not converge within 10 minutes");
      }
      Thread.sleep(10);
    }
  }

  /** Writes of the operator for devices: ConfigMaps, Secrets, device status. */
  static long deviceWrites(RequestCounts writes) {
    return writes.writes("configmaps")
        + writes.count("patch", "edgedevices/status")
        + writes.writes("secrets");
  }

  private void parallel(int count, IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      int chunk = Math.max(1, count / threads);
      for (int from = 1; from <= count; from += chunk) {
        int start = from;
        int end = Math.min(count, from + chunk - 1);
        futures.add(
            pool.submit(
                () -> {
                  for (int i = start; i <= end; i++) {
                    task.accept(i);
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void namespace(KubernetesClient client, String name) {
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  static String name(int i) {
    return String.format("edge-%06d", i);
  }

  static EdgeDevice device(String namespace, int i) {
    EdgeDevice device = new EdgeDevice();
    device.setMetadata(new ObjectMetaBuilder().withName(name(i)).withNamespace(namespace).build());
    EdgeDeviceSpec spec = new EdgeDeviceSpec();
    Map<String, JsonNode> tags = new LinkedHashMap<>();
    JsonNodeFactory json = JsonNodeFactory.instance;
    tags.put("building", json.textNode(Integer.toString(1 + i % 40)));
    tags.put("floor", json.textNode(Integer.toString(1 + i % 7)));
    tags.put("environment", json.textNode(i % 4 == 0 ? "test" : "prod"));
    tags.put("half", json.textNode(i % 2 == 0 ? "yes" : "no"));
    spec.setTags(tags);
    device.setSpec(spec);
    return device;
  }

  private static EdgeDeployment deployment(String name, String target, int priority, String image) {
    EdgeDeployment deployment = new EdgeDeployment();
    deployment.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    EdgeDeploymentSpec spec = new EdgeDeploymentSpec();
    spec.setPriority(priority);
    spec.setTargetCondition(target);
    Map<String, EdgeModule> modules = new LinkedHashMap<>();
    modules.put("sensor", module("registry.example.com/" + image));
    modules.put("filter", module("registry.example.com/filter:1"));
    spec.setModules(modules);
    spec.setRoutes(
        Map.of(
            "upstream",
            new RouteSpec("FROM /messages/* INTO $upstream", null, null),
            "sensorToFilter",
            new RouteSpec(
                "FROM /messages/modules/sensor/outputs/* INTO BrokeredEndpoint(\"/modules/filter/inputs/in\")",
                null,
                null)));
    deployment.setSpec(spec);
    return deployment;
  }

  private static EdgeModule module(String image) {
    EdgeModule module = new EdgeModule();
    module.setImage(image);
    return module;
  }

  /** Runs an optimistic-locked edit again when the operator wrote the object in between. */
  static void retrying(Runnable edit) {
    for (int attempt = 1; ; attempt++) {
      try {
        edit.run();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 20) {
          throw e;
        }
      }
    }
  }

  private static void edit(KubernetesClient client, String name, String image) {
    retrying(
        () ->
            client
                .resources(EdgeDeployment.class)
                .inNamespace(NS)
                .withName(name)
                .edit(
                    d -> {
                      d.getSpec()
                          .getModules()
                          .get("sensor")
                          .setImage("registry.example.com/" + image);
                      return d;
                    }));
  }

  /** Sets (or, with null, removes) the deployment's spec.rollout with this maxConcurrency. */
  private static void rollout(KubernetesClient client, String name, String maxConcurrency) {
    retrying(
        () ->
            client
                .resources(EdgeDeployment.class)
                .inNamespace(NS)
                .withName(name)
                .edit(
                    d -> {
                      RolloutSpec rollout = null;
                      if (maxConcurrency != null) {
                        rollout = new RolloutSpec();
                        rollout.setMaxConcurrency(new IntOrString(maxConcurrency));
                      }
                      d.getSpec().setRollout(rollout);
                      return d;
                    }));
  }

  private static void retarget(KubernetesClient client, String name, String target) {
    retrying(
        () ->
            client
                .resources(EdgeDeployment.class)
                .inNamespace(NS)
                .withName(name)
                .edit(
                    d -> {
                      d.getSpec().setTargetCondition(target);
                      return d;
                    }));
  }

  private static void tag(KubernetesClient client, int i, String key, String value) {
    retrying(
        () ->
            client
                .resources(EdgeDevice.class)
                .inNamespace(NS)
                .withName(name(i))
                .edit(
                    d -> {
                      d.getSpec().getTags().put(key, JsonNodeFactory.instance.textNode(value));
                      return d;
                    }));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}

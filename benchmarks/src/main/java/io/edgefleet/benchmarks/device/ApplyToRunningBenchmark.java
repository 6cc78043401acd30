package io.edgefleet.benchmarks.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.edgefleet.agent.AgentOptions;
import io.edgefleet.agent.StandaloneAgent;
import io.edgefleet.agent.runtime.docker.DockerModuleRuntime;
import io.edgefleet.agent.runtime.docker.DockerSettings;
import io.edgefleet.agent.runtime.docker.EngineClient;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.config.SettingsParser;
import io.edgefleet.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * Time from applying a deployment to its module's container running on a device's real Docker
 * engine (docs/benchmarks.md, "Device: from apply to a running container"): the embedded API
 * server, the operator and one device's agent with the Docker runtime, all in this JVM; the engine
 * is a real dockerd. Each run applies the deployment with one module (a patch of its modules, as
 * {@code kubectl apply} sends) and takes the time until the engine says the container started; then
 * it applies the deployment with no module and waits until the container is gone. Writes a JSON
 * file.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.edgefleet.benchmarks.device.ApplyToRunningBenchmark \
 *     --docker-host unix:///var/run/docker.sock --image IMAGE [--runs 30] [--warmup 3] \
 *     [--json bench-results/apply-to-running.json]
 * </pre>
 */
public final class ApplyToRunningBenchmark {

  private static final String NS = "bench";
  private static final String DEVICE = "bench-device";
  private static final String DEPLOYMENT = "bench";
  private static final String MODULE = "app";
  private static final String PREFIX = "edgefleet-bench-";
  private static final Duration LIMIT = Duration.ofMinutes(2);

  private ApplyToRunningBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    String image = options.get("--image");
    if (image == null) {
      throw new IllegalArgumentException(
          "--image IMAGE is required: an image the engine already has (nothing is pulled)");
    }
    String dockerHost = options.get("--docker-host");
    int runs = Integer.parseInt(options.getOrDefault("--runs", "30"));
    int warmup = Integer.parseInt(options.getOrDefault("--warmup", "3"));
    Path json = Path.of(options.getOrDefault("--json", "bench-results/apply-to-running.json"));

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("when", Instant.now().toString());
    result.put(
        "machine",
        Map.of(
            "processors", Runtime.getRuntime().availableProcessors(),
            "java", System.getProperty("java.version"),
            "loadAverageAtStart", loadAverage()));
    result.put("image", image);
    result.put("warmupRuns", warmup);

    Path stateDir = Files.createTempDirectory("edgefleet-bench-state");
    DockerSettings settings =
        DockerSettings.defaults(dockerHost, stateDir)
            .withContainerPrefix(PREFIX)
            .withStopTimeout(Duration.ofSeconds(2));
    result.put("dockerHost", settings.dockerHost().toString());
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (SandboxApiServer server = SandboxApiServer.builder().build().start();
        DockerClient docker = EngineClient.of(settings).docker();
        DockerModuleRuntime runtime =
            new DockerModuleRuntime(NS, DEVICE, settings, scheduler, Clock.systemUTC())) {
      String engineVersion = docker.versionCmd().exec().getVersion();
      result.put("engineVersion", engineVersion);
      removeLeftovers(docker);
      KubernetesClient client = server.newClient();
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
          .create();
      client.resource(device()).create();
      client.resource(deployment(null, image)).create();

      EdgeFleetOperator operator =
          EdgeFleetOperator.create(
              server.newClient(),
              SettingsParser.parse(Map.of("EDGEFLEET_HTTP_PORT", "0")),
              Clock.systemUTC());
      operator.start();
      StandaloneAgent agent =
          StandaloneAgent.start(
              server.newClient(),
              NS,
              DEVICE,
              runtime,
              AgentOptions.defaults().withRunEdgeHub(false));
      try {
        await("the agent reports the empty deployment applied", () -> reports200(client));

        List<Map<String, Object>> measured = new ArrayList<>();
        for (int run = 0; run < warmup + runs; run++) {
          Instant applied = Instant.now();
          long appliedNanos = System.nanoTime();
          setModule(client, module(run, image));
          await("the module's container runs (run " + run + ")", () -> running(docker) != null);
          long seenNanos = System.nanoTime();
          Container container = running(docker);
          Instant started =
              Instant.parse(
                  docker.inspectContainerCmd(container.getId()).exec().getState().getStartedAt());

          long removeNanos = System.nanoTime();
          setModule(client, null);
          await("the module's container is removed (run " + run + ")", () -> !exists(docker));
          long removedNanos = System.nanoTime();

          Map<String, Object> figures = new LinkedHashMap<>();
          figures.put("run", run);
          figures.put("warmup", run < warmup);
          figures.put("applyToStartedMs", Duration.between(applied, started).toMillis());
          figures.put("applyToSeenRunningMs", (seenNanos - appliedNanos) / 1_000_000);
          figures.put("applyToRemovedMs", (removedNanos - removeNanos) / 1_000_000);
          System.out.printf(
              "run %2d%s: apply to container started %5d ms (seen running %5d ms); removal %5d"
                  + " ms%n",
              run,
              run < warmup ? " (warm-up)" : "",
              (Long) figures.get("applyToStartedMs"),
              (Long) figures.get("applyToSeenRunningMs"),
              (Long) figures.get("applyToRemovedMs"));
          if (run >= warmup) {
            measured.add(figures);
          }
        }
        result.put("runs", measured);
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String figure :
            List.of("applyToStartedMs", "applyToSeenRunningMs", "applyToRemovedMs")) {
          List<Long> values =
              measured.stream().map(m -> ((Number) m.get(figure)).longValue()).sorted().toList();
          summary.put(
              figure,
              Map.of(
                  "min", values.get(0),
                  "p50", values.get((values.size() - 1) / 2),
                  "p90", values.get((int) Math.ceil(values.size() * 0.9) - 1),
                  "max", values.get(values.size() - 1)));
        }
        result.put("summary", summary);
        result.put("loadAverageAtEnd", loadAverage());
        System.out.println("summary over " + measured.size() + " runs: " + summary);
      } finally {
        agent.close();
        operator.close();
        removeLeftovers(docker);
      }
    } finally {
      scheduler.shutdownNow();
    }
    Files.createDirectories(json.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
    System.out.println("written to " + json);
    System.exit(0);
  }

  private static EdgeDevice device() {
    return Serialization.unmarshal(
        """
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDevice
        metadata:
          name: %s
          namespace: %s
        spec:
          tags:
            role: bench
        """
            .formatted(DEVICE, NS),
        EdgeDevice.class);
  }

  private static EdgeDeployment deployment(EdgeModule module, String image) {
    EdgeDeployment deployment =
        Serialization.unmarshal(
            """
            apiVersion: edgefleet.io/v1alpha1
            kind: EdgeDeployment
            metadata:
              name: %s
              namespace: %s
            spec:
              priority: 10
              targetCondition: "tags.role='bench'"
              modules: {}
            """
                .formatted(DEPLOYMENT, NS),
            EdgeDeployment.class);
    if (module != null) {
      deployment.getSpec().getModules().put(MODULE, module);
    }
    return deployment;
  }

  /** The module of one run: a sleeper that stops on SIGTERM; RUN makes each run's spec new. */
  private static EdgeModule module(int run, String image) {
    return Serialization.unmarshal(
        """
        image: %s
        restartPolicy: always
        env:
          RUN: "%d"
        createOptions:
          Cmd: ["/bin/sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
          HostConfig:
            NetworkMode: none
        """
            .formatted(image, run),
        EdgeModule.class);
  }

  /**
   * Sets the deployment's modules to {@code module} alone with one JSON Patch, as a client that
   * applies a change does (no resourceVersion: the operator's status writes move it all the time).
   */
  private static void setModule(KubernetesClient client, EdgeModule module) {
    Map<String, EdgeModule> modules = new LinkedHashMap<>();
    if (module != null) {
      modules.put(MODULE, module);
    }
    client
        .resources(EdgeDeployment.class)
        .inNamespace(NS)
        .withName(DEPLOYMENT)
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/spec/modules\",\"value\":"
                + Serialization.asJson(modules)
                + "}]");
  }

  private static boolean reports200(KubernetesClient client) {
    EdgeDevice device = client.resources(EdgeDevice.class).inNamespace(NS).withName(DEVICE).get();
    if (device.getStatus() == null || device.getStatus().getReported() == null) {
      return false;
    }
    JsonNode status = device.getStatus().getReported().get("lastDesiredStatus");
    return status != null && status.path("code").asInt() == 200;
  }

  private static List<Container> containers(DockerClient docker) {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of("io.edgefleet.device", DEVICE, "io.edgefleet.namespace", NS))
        .exec();
  }

  private static Container running(DockerClient docker) {
    return containers(docker).stream()
        .filter(c -> "running".equals(c.getState()))
        .findFirst()
        .orElse(null);
  }

  private static boolean exists(DockerClient docker) {
    return !containers(docker).isEmpty();
  }

  private static void removeLeftovers(DockerClient docker) {
    for (Container c : containers(docker)) {
      docker.removeContainerCmd(c.getId()).withForce(true).exec();
    }
  }

  /** Polls every 10 ms (the started figure is the engine's own start time, not this poll). */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + LIMIT + ": " + what);
      }
      Thread.sleep(10);
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}

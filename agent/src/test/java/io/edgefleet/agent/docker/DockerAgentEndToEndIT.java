package io.edgefleet.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import io.edgefleet.agent.AgentOptions;
import io.edgefleet.agent.StandaloneAgent;
import io.edgefleet.agent.runtime.RestartRules;
import io.edgefleet.agent.runtime.docker.DockerModuleRuntime;
import io.edgefleet.agent.runtime.docker.DockerSettings;
import io.edgefleet.agent.support.Cluster;
import io.edgefleet.agent.support.DockerTestEngine;
import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.RestartPolicy;
import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.config.SettingsParser;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path against the real engine and private registry that scripts/test starts: the
 * operator (on the mock API server) writes each device's ConfigMap, the agent with {@link
 * DockerModuleRuntime} runs it as containers, and what {@code docker ps} shows is checked, not only
 * what the agent reports.
 */
@EnableKubernetesMockClient(crud = true)
class DockerAgentEndToEndIT {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;
  static EdgeFleetOperator operator;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Runs until SIGTERM (busybox sh as PID 1 ignores it otherwise). */
  static final String SLEEPER =
      "{\"Cmd\":[\"sh\",\"-c\",\"trap 'exit 0' TERM; while true; do sleep 1; done\"],"
          + "\"HostConfig\":{\"NetworkMode\":\"none\"}}";

  @TempDir Path stateDir;

  private DockerTestEngine engine;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final List<String> devices = new ArrayList<>();

  @BeforeAll
  static void startOperator() {
    operator =
        EdgeFleetOperator.create(
            client,
            SettingsParser.parse(
                Map.of("EDGEFLEET_HTTP_PORT", "0", "EDGEFLEET_STATUS_INTERVAL", "250ms")),
            Clock.systemUTC());
    operator.start();
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @BeforeEach
  void engine() {
    engine = DockerTestEngine.require();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    for (String device : devices) {
      engine.removeContainers("io.edgefleet.device", device);
    }
  }

  /** The runtime settings of these tests: quick backoff, each device's containers prefixed. */
  static DockerSettings settings(String dockerHost, Path stateDir, String prefix) {
    return DockerSettings.defaults(dockerHost, stateDir)
        .withContainerPrefix(prefix)
        .withStopTimeout(Duration.ofSeconds(2))
        .withReconnect(Duration.ofMillis(500))
        .withRestarts(
            new RestartRules(
                Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofMinutes(10)));
  }

  private StandaloneAgent agent(String ns, String device) {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    DockerModuleRuntime runtime =
        new DockerModuleRuntime(
            ns,
            device,
            settings(engine.dockerHost(), stateDir, device + "-"),
            scheduler,
            Clock.systemUTC());
    StandaloneAgent agent =
        StandaloneAgent.start(
            client,
            ns,
            device,
            runtime,
            AgentOptions.defaults()
                .withModuleReportInterval(Duration.ofMillis(200))
                .withRuntimeRetry(Duration.ofMillis(500))
                .withCredentialWait(Duration.ofSeconds(2))
                .withRunEdgeHub(false));
    closing.add(scheduler::shutdownNow);
    closing.add(runtime);
    closing.add(agent);
    return agent;
  }

  private void device(String ns, String device) {
    devices.add(device);
    engine.removeContainers("io.edgefleet.device", device);
    client.resource(Fixtures.device(ns, device)).create();
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100));
  }

  private static String desiredVersion(String ns, String device) {
    ConfigMap cm = Cluster.configMap(client, ns, GeneratedObjects.configMapName(device));
    return cm == null ? null : cm.getData().get(GeneratedObjects.DESIRED_VERSION_KEY);
  }

  private static JsonNode reported(String ns, String device) {
    return Cluster.reported(client, ns, device);
  }

  /** Waits until the device reports {@code code} for the ConfigMap's current desired version. */
  private static JsonNode awaitReport(String ns, String device, int code) {
    return awaitReport(ns, device, code, null);
  }

  /**
   * Waits until the ConfigMap's desired version is no longer {@code previous} and the device
   * reports {@code code} for it.
   */
  private static JsonNode awaitReport(String ns, String device, int code, String previous) {
    eventually()
        .untilAsserted(
            () -> {
              String version = desiredVersion(ns, device);
              JsonNode r = reported(ns, device);
              assertThat(version).as("desired version").isNotNull().isNotEqualTo(previous);
              assertThat(r.path("lastDesiredVersion").asText()).as(r.toString()).isEqualTo(version);
              assertThat(r.at("/lastDesiredStatus/code").asInt()).as(r.toString()).isEqualTo(code);
            });
    return reported(ns, device);
  }

  /**
   * The modules a report names. A removed module is sent as null (JSON merge patch); a real API
   * server deletes the key, fabric8's mock keeps it as null: both mean gone.
   */
  private static List<String> reportedModules(JsonNode reported) {
    List<String> names = new ArrayList<>();
    reported
        .path("modules")
        .properties()
        .forEach(
            e -> {
              if (!e.getValue().isNull()) {
                names.add(e.getKey());
              }
            });
    return names;
  }

  private InspectContainerResponse container(String name) {
    return engine.inspect(name);
  }

  private List<String> moduleContainers(String device) {
    return engine.containers("io.edgefleet.device", device).stream()
        .map(c -> c.getLabels().get("io.edgefleet.module"))
        .sorted()
        .toList();
  }

  private void patch(String ns, String deployment, String json) {
    client
        .resources(EdgeDeployment.class)
        .inNamespace(ns)
        .withName(deployment)
        .patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  private void replaceModules(String ns, String deployment, EdgeDeployment from) {
    editSpec(
        ns, deployment, spec -> spec.setModules(new LinkedHashMap<>(from.getSpec().getModules())));
  }

  /**
   * Changes a deployment's spec: read it, change it, and write the new spec with one JSON Patch (no
   * resourceVersion: a read and a full update would conflict with the operator's status writes,
   * which move it all the time).
   */
  private void editSpec(String ns, String deployment, Consumer<EdgeDeploymentSpec> change) {
    EdgeDeployment current =
        client.resources(EdgeDeployment.class).inNamespace(ns).withName(deployment).get();
    change.accept(current.getSpec());
    client
        .resources(EdgeDeployment.class)
        .inNamespace(ns)
        .withName(deployment)
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/spec\",\"value\":"
                + Serialization.asJson(current.getSpec())
                + "}]");
  }

  @Test
  void aDeploymentRunsAsContainersAndLayersVersionBumpsRemovalsFollowWithoutTouchingOthers() {
    String ns = "e2e-run";
    String d = "dev-run";
    device(ns, d);
    // a container the agent did not create, named like a module of the device would be
    engine.removeContainer(d + "-foreign");
    String foreign =
        engine
            .docker()
            .createContainerCmd(engine.image())
            .withName(d + "-foreign")
            .withCmd("sleep", "100000")
            .exec()
            .getId();
    engine.docker().startContainerCmd(foreign).exec();
    closing.add(() -> engine.removeContainer(d + "-foreign"));

    client
        .resource(
            Fixtures.deployment(ns, "base")
                .module("sensor", engine.image(), 0L, RestartPolicy.ALWAYS)
                .createOptions("sensor", SLEEPER)
                .module("filter", engine.image(), 1L, RestartPolicy.ALWAYS)
                .createOptions(
                    "filter",
                    "{\"Cmd\":[\"sh\",\"-c\",\"trap 'exit 0' TERM; while true; do sleep 1;"
                        + " done\"],\"WorkingDir\":\"/tmp\",\"Labels\":{\"team\":\"b20\"},"
                        + "\"HostConfig\":{\"NetworkMode\":\"none\"}}")
                .env("filter", "THRESHOLD", "25")
                .build())
        .create();
    agent(ns, d);

    JsonNode report = awaitReport(ns, d, 200);
    assertThat(report.at("/modules/sensor/runtimeStatus").asText()).isEqualTo("running");
    assertThat(report.at("/modules/filter/runtimeStatus").asText()).isEqualTo("running");
    assertThat(report.at("/modules/filter/image").asText()).isEqualTo(engine.image());
    assertThat(report.at("/modules/filter/lastStartTimeUtc").asText()).isNotEmpty();
    InspectContainerResponse filter = container(d + "-filter");
    assertThat(filter.getState().getRunning()).isTrue();
    assertThat(filter.getConfig().getImage()).isEqualTo(engine.image());
    assertThat(filter.getConfig().getEnv()).contains("THRESHOLD=25");
    assertThat(filter.getConfig().getWorkingDir()).isEqualTo("/tmp");
    assertThat(filter.getConfig().getLabels())
        .containsEntry("team", "b20")
        .containsEntry("io.edgefleet.device", d)
        .containsEntry("io.edgefleet.module", "filter");
    InspectContainerResponse sensor = container(d + "-sensor");
    assertThat(sensor.getState().getRunning()).isTrue();
    // startup order: sensor (0) started before filter (1)
    assertThat(sensor.getState().getStartedAt())
        .isLessThanOrEqualTo(filter.getState().getStartedAt());

    // a layer adds a module; the others keep their containers
    String v1 = desiredVersion(ns, d);
    client
        .resource(
            Fixtures.deployment(ns, "extra")
                .layered()
                .priority(20)
                .module("extra", engine.image())
                .createOptions("extra", SLEEPER)
                .build())
        .create();
    report = awaitReport(ns, d, 200, v1);
    assertThat(report.at("/modules/extra/runtimeStatus").asText()).isEqualTo("running");
    assertThat(moduleContainers(d)).containsExactly("extra", "filter", "sensor");
    assertThat(container(d + "-sensor").getState().getStartedAt())
        .isEqualTo(sensor.getState().getStartedAt());
    assertThat(container(d + "-filter").getId()).isEqualTo(filter.getId());
    InspectContainerResponse extra = container(d + "-extra");

    // a version bump replaces only the changed module
    String v2 = desiredVersion(ns, d);
    patch(
        ns,
        "base",
        "{\"spec\":{\"modules\":{\"filter\":{\"image\":\"" + engine.image2() + "\"}}}}");
    report = awaitReport(ns, d, 200, v2);
    InspectContainerResponse bumped = container(d + "-filter");
    assertThat(bumped.getId()).isNotEqualTo(filter.getId());
    assertThat(bumped.getConfig().getImage()).isEqualTo(engine.image2());
    assertThat(report.at("/modules/filter/image").asText()).isEqualTo(engine.image2());
    assertThat(container(d + "-sensor").getId()).isEqualTo(sensor.getId());
    assertThat(container(d + "-sensor").getState().getStartedAt())
        .isEqualTo(sensor.getState().getStartedAt());
    assertThat(container(d + "-extra").getState().getStartedAt())
        .isEqualTo(extra.getState().getStartedAt());

    // a module removed from the deployment is removed
    String v3 = desiredVersion(ns, d);
    editSpec(ns, "base", spec -> spec.getModules().remove("sensor"));
    awaitReport(ns, d, 200, v3);
    eventually().until(() -> moduleContainers(d).equals(List.of("extra", "filter")));
    eventually()
        .untilAsserted(
            () ->
                assertThat(reportedModules(reported(ns, d)))
                    .containsExactlyInAnyOrder("extra", "filter"));
    assertThat(container(d + "-sensor")).isNull();

    // a zero-module deployment (and no layer) removes every module container
    String v4 = desiredVersion(ns, d);
    client.resources(EdgeDeployment.class).inNamespace(ns).withName("extra").delete();
    replaceModules(ns, "base", Fixtures.deployment(ns, "x").build());
    awaitReport(ns, d, 200, v4);
    eventually().until(() -> moduleContainers(d).isEmpty());
    eventually()
        .untilAsserted(
            () -> {
              JsonNode r = reported(ns, d);
              assertThat(r.at("/lastDesiredStatus/code").asInt()).as(r.toString()).isEqualTo(200);
              assertThat(reportedModules(r)).as(r.toString()).isEmpty();
            });

    // the container without the agent's labels was never touched
    InspectContainerResponse stillThere = container(d + "-foreign");
    assertThat(stillThere.getId()).isEqualTo(foreign);
    assertThat(stillThere.getState().getRunning()).isTrue();
  }

  @Test
  void aPrivateImageIsPulledWithTheDevicesCredentialsAndWrongOnesChangeNothing() {
    engine.requireRegistry();
    engine.removeImage(engine.privateImage());
    String ns = "e2e-registry";
    String d = "dev-registry";
    device(ns, d);
    client
        .resource(
            Fixtures.deployment(ns, "base")
                .module("steady", engine.image())
                .createOptions("steady", SLEEPER)
                .build())
        .create();
    agent(ns, d);
    awaitReport(ns, d, 200);
    InspectContainerResponse steady = container(d + "-steady");

    client
        .resource(Cluster.userSecret(ns, "registry", engine.registryUser(), "not-the-Passw0rd"))
        .create();
    EdgeDeployment withPrivate =
        Fixtures.deployment(ns, "base")
            .module("steady", engine.image())
            .createOptions("steady", SLEEPER)
            .module("private", engine.privateImage())
            .createOptions("private", SLEEPER)
            .registry("private", engine.registry(), "registry")
            .build();
    String before = desiredVersion(ns, d);
    editSpec(
        ns,
        "base",
        spec -> {
          spec.setModules(withPrivate.getSpec().getModules());
          spec.setRegistryCredentials(withPrivate.getSpec().getRegistryCredentials());
        });

    JsonNode report = awaitReport(ns, d, 500, before);
    String description = report.at("/lastDesiredStatus/description").asText();
    assertThat(description)
        .contains(engine.privateImage())
        .contains(engine.registry())
        .containsIgnoringCase("unauthorized")
        .doesNotContain("not-the-Passw0rd");
    // nothing that runs was changed
    assertThat(moduleContainers(d)).containsExactly("steady");
    assertThat(container(d + "-steady").getState().getStartedAt())
        .isEqualTo(steady.getState().getStartedAt());

    // the Secret is fixed: the agent pulls with the new credentials and converges
    client
        .secrets()
        .inNamespace(ns)
        .withName("registry")
        .edit(
            s ->
                new SecretBuilder(s)
                    .withStringData(
                        Map.of(
                            "username", engine.registryUser(),
                            "password", engine.registryPassword()))
                    .build());
    report = awaitReport(ns, d, 200);
    assertThat(report.at("/modules/private/runtimeStatus").asText()).isEqualTo("running");
    assertThat(container(d + "-private").getConfig().getImage()).isEqualTo(engine.privateImage());
    assertThat(container(d + "-steady").getId()).isEqualTo(steady.getId());
  }

  @Test
  void crashingAndUnhealthyModulesFollowTheirRestartPolicies() {
    String ns = "e2e-restarts";
    String d = "dev-restarts";
    device(ns, d);
    String crash =
        "{\"Cmd\":[\"sh\",\"-c\",\"sleep 1; exit 3\"],\"HostConfig\":{\"NetworkMode\":\"none\"}}";
    String done =
        "{\"Cmd\":[\"sh\",\"-c\",\"sleep 1; exit 0\"],\"HostConfig\":{\"NetworkMode\":\"none\"}}";
    String sick =
        "{\"Cmd\":[\"sh\",\"-c\",\"trap 'exit 0' TERM; while true; do sleep 1; done\"],"
            + "\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"false\"],\"Interval\":300000000,"
            + "\"Timeout\":2000000000,\"Retries\":1},\"HostConfig\":{\"NetworkMode\":\"none\"}}";
    client
        .resource(
            Fixtures.deployment(ns, "base")
                .module("onfailure", engine.image(), 0L, RestartPolicy.ON_FAILURE)
                .createOptions("onfailure", crash)
                .module("always", engine.image(), 0L, RestartPolicy.ALWAYS)
                .createOptions("always", done)
                .module("never", engine.image(), 0L, RestartPolicy.NEVER)
                .createOptions("never", crash)
                .module("sick", engine.image(), 0L, RestartPolicy.ON_UNHEALTHY)
                .createOptions("sick", sick)
                .build())
        .create();
    agent(ns, d);
    awaitReport(ns, d, 200);
    eventually()
        .until(
            () -> {
              JsonNode r = reported(ns, d);
              return r.at("/modules/onfailure/restartCount").asInt() >= 2
                  && r.at("/modules/always/restartCount").asInt() >= 2
                  && r.at("/modules/sick/restartCount").asInt() >= 1
                  && r.at("/modules/never/runtimeStatus").asText().equals("failed");
            });
    JsonNode r = reported(ns, d);
    assertThat(r.at("/modules/onfailure/exitCode").asInt()).isEqualTo(3);
    assertThat(r.at("/modules/onfailure/lastExitTimeUtc").asText()).isNotEmpty();
    assertThat(r.at("/modules/onfailure/runtimeStatus").asText()).isIn("backoff", "running");
    assertThat(r.at("/modules/always/exitCode").asInt()).isZero();
    assertThat(r.at("/modules/never/exitCode").asInt()).isEqualTo(3);
    assertThat(r.at("/modules/never/restartCount").asInt()).isZero();
    assertThat(container(d + "-never").getState().getRunning()).isFalse();
  }

  @Test
  void aTwinChangeRewritesTheModulesTwinFileWithoutRestartingIt() throws Exception {
    String ns = "e2e-twin";
    String d = "dev-twin";
    device(ns, d);
    client
        .resource(
            Fixtures.deployment(ns, "base")
                .module("reader", engine.image())
                .createOptions("reader", SLEEPER)
                .twin("reader", "properties.desired", JSON.readTree("{\"threshold\":25}"))
                .build())
        .create();
    agent(ns, d);
    awaitReport(ns, d, 200);
    InspectContainerResponse reader = container(d + "-reader");
    Path twinFile = stateDir.resolve(ns).resolve(d).resolve("modules/reader/desired.json");
    eventually().until(() -> Files.exists(twinFile) && Files.readString(twinFile).contains("25"));
    assertThat(reader.getConfig().getEnv())
        .contains("EDGEFLEET_TWIN_FILE=/run/edgefleet/twin/desired.json");
    assertThat(reader.getMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getDestination().getPath()).isEqualTo("/run/edgefleet/twin");
              assertThat(m.getRW()).isFalse();
            });

    String before = desiredVersion(ns, d);
    patch(
        ns,
        "base",
        "{\"spec\":{\"moduleTwins\":{\"reader\":{\"properties.desired\":{\"threshold\":30}}}}}");
    awaitReport(ns, d, 200, before);
    eventually().until(() -> Files.readString(twinFile).contains("30"));
    InspectContainerResponse after = container(d + "-reader");
    assertThat(after.getId()).isEqualTo(reader.getId());
    assertThat(after.getState().getStartedAt()).isEqualTo(reader.getState().getStartedAt());
  }

  @Test
  void anAgentKilledMidApplyConvergesAfterARestartAndNoModuleRunsTwice() throws Exception {
    String ns = "e2e-kill";
    String d = "dev-kill";
    device(ns, d);
    client
        .resource(
            Fixtures.deployment(ns, "base")
                .module("keep", engine.image())
                .createOptions("keep", SLEEPER)
                .module("bump", engine.image())
                .createOptions("bump", SLEEPER)
                .build())
        .create();
    Process first = agentProcess(ns, d, "first");
    awaitReport(ns, d, 200);
    InspectContainerResponse keep = container(d + "-keep");

    String before = desiredVersion(ns, d);
    EdgeDeployment bigger =
        Fixtures.deployment(ns, "base")
            .module("keep", engine.image())
            .createOptions("keep", SLEEPER)
            .module("bump", engine.image2())
            .createOptions("bump", SLEEPER)
            .module("new1", engine.image())
            .createOptions("new1", SLEEPER)
            .module("new2", engine.image())
            .createOptions("new2", SLEEPER)
            .module("new3", engine.image())
            .createOptions("new3", SLEEPER)
            .build();
    replaceModules(ns, "base", bigger);
    // SIGKILL as soon as the agent starts changing containers for the new version
    eventually()
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              if (before.equals(desiredVersion(ns, d))) {
                return false;
              }
              InspectContainerResponse bump = container(d + "-bump");
              return bump == null
                  || !engine.image().equals(bump.getConfig().getImage())
                  || moduleContainers(d).size() > 2;
            });
    first.destroyForcibly().waitFor();
    List<String> atKill = moduleContainers(d);

    agentProcess(ns, d, "second");
    JsonNode report = awaitReport(ns, d, 200, before);
    assertThat(moduleContainers(d)).containsExactly("bump", "keep", "new1", "new2", "new3");
    for (String module : List.of("bump", "keep", "new1", "new2", "new3")) {
      assertThat(report.at("/modules/" + module + "/runtimeStatus").asText())
          .as(module + " (containers when killed: " + atKill + ")")
          .isEqualTo("running");
    }
    assertThat(container(d + "-bump").getConfig().getImage()).isEqualTo(engine.image2());
    InspectContainerResponse kept = container(d + "-keep");
    assertThat(kept.getId()).isEqualTo(keep.getId());
    assertThat(kept.getState().getStartedAt()).isEqualTo(keep.getState().getStartedAt());
  }

  @Test
  void whileTheEngineIsDownTheDeviceReports406AndItConvergesOnceItIsBack() throws Exception {
    String ns = "e2e-engine";
    String d = "dev-engine";
    device(ns, d);
    client
        .resource(
            Fixtures.deployment(ns, "base")
                .module("survivor", engine.image())
                .createOptions("survivor", SLEEPER)
                .build())
        .create();
    agent(ns, d);
    awaitReport(ns, d, 200);

    List<String> dockerd = engine.stopDockerd();
    try {
      JsonNode report = awaitReport(ns, d, 406);
      assertThat(report.at("/lastDesiredStatus/description").asText()).contains("unreachable");
    } finally {
      engine.startDockerd(dockerd);
    }
    eventually()
        .untilAsserted(
            () -> {
              JsonNode r = reported(ns, d);
              assertThat(r.at("/lastDesiredStatus/code").asInt()).as(r.toString()).isEqualTo(200);
              assertThat(r.at("/modules/survivor/runtimeStatus").asText())
                  .as(r.toString())
                  .isEqualTo("running");
            });
    eventually()
        .until(
            () -> {
              InspectContainerResponse c = container(d + "-survivor");
              return c != null && c.getState().getRunning();
            });
    List<Container> all = engine.containers("io.edgefleet.module", "survivor");
    assertThat(all).hasSize(1);
  }

  /** The agent of a device in a JVM of its own (so that it can be killed with SIGKILL). */
  private Process agentProcess(String ns, String device, String name) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    File log = new File("target/agent-process-" + device + "-" + name + ".log");
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                AgentProcess.class.getName(),
                client.getMasterUrl().toString(),
                ns,
                device,
                engine.dockerHost(),
                stateDir.toString(),
                device + "-")
            .redirectErrorStream(true)
            .redirectOutput(log)
            .start();
    closing.add(() -> process.destroyForcibly().waitFor());
    return process;
  }
}

package io.edgefleet.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.edgefleet.agent.runtime.ImagePullException;
import io.edgefleet.agent.runtime.ModuleSpec;
import io.edgefleet.agent.runtime.ModuleState;
import io.edgefleet.agent.runtime.RegistryCredential;
import io.edgefleet.agent.runtime.RestartRules;
import io.edgefleet.agent.runtime.RuntimeModule;
import io.edgefleet.agent.runtime.RuntimeStatus;
import io.edgefleet.agent.runtime.docker.DockerModuleRuntime;
import io.edgefleet.agent.runtime.docker.DockerSettings;
import io.edgefleet.agent.support.DockerTestEngine;
import io.edgefleet.api.v1alpha1.ImagePullPolicy;
import io.edgefleet.api.v1alpha1.ModuleStatus;
import io.edgefleet.api.v1alpha1.RestartPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DockerModuleRuntime} against the real engine scripts/test starts: what a container is made
 * of, restart policies with backoff, health checks, adoption, foreign containers, private pulls.
 */
class DockerModuleRuntimeIT {

  private static final String NS = "runtime-it";
  private static final String DEVICE = "rt-device";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Sleeps until SIGTERM (busybox sh as PID 1 would otherwise ignore it). */
  static final String SLEEPER =
      "{\"Cmd\":[\"sh\",\"-c\",\"trap 'exit 0' TERM; while true; do sleep 1; done\"],"
          + "\"HostConfig\":{\"NetworkMode\":\"none\"}}";

  @TempDir Path stateDir;

  private DockerTestEngine engine;
  private ScheduledExecutorService scheduler;
  private DockerModuleRuntime runtime;
  private final List<ModuleState> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    engine = DockerTestEngine.require();
    engine.removeContainers("io.edgefleet.device", DEVICE);
    scheduler = Executors.newSingleThreadScheduledExecutor();
    runtime = newRuntime();
    runtime.addListener(events::add);
  }

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (engine != null) {
      engine.removeContainers("io.edgefleet.device", DEVICE);
      engine.removeContainer("rt-squatter");
    }
  }

  private DockerModuleRuntime newRuntime() {
    DockerSettings settings =
        DockerSettings.defaults(engine.dockerHost(), stateDir)
            .withContainerPrefix("rt-")
            .withStopTimeout(Duration.ofSeconds(2))
            .withReconnect(Duration.ofMillis(300))
            .withRestarts(
                new RestartRules(
                    Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofMinutes(10)));
    return new DockerModuleRuntime(NS, DEVICE, settings, scheduler, Clock.systemUTC());
  }

  private ModuleSpec spec(String name, String createOptions, RestartPolicy policy) {
    return new ModuleSpec(
        name,
        engine.image(),
        "1.0",
        createOptions,
        Map.of("GREETING", "hello"),
        policy,
        ModuleStatus.RUNNING,
        ImagePullPolicy.ON_CREATE,
        0,
        false);
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private ModuleState state(String name) {
    RuntimeModule module = runtime.modules().get(name);
    return module == null ? null : module.state();
  }

  @Test
  void aModuleIsAContainerWithItsImageEnvCreateOptionsLabelsAndTwinFile() throws Exception {
    String options =
        "{\"Cmd\":[\"sh\",\"-c\",\"trap 'exit 0' TERM; while true; do sleep 1; done\"],"
            + "\"WorkingDir\":\"/tmp\",\"Env\":[\"FROM_OPTIONS=yes\",\"GREETING=overridden\"],"
            + "\"Labels\":{\"team\":\"b20\"},\"HostConfig\":{\"NetworkMode\":\"none\"}}";
    runtime.desiredProperties("filter", JSON.readTree("{\"threshold\":25}"));
    join(runtime.create(spec("filter", options, RestartPolicy.ALWAYS)));
    ModuleState started = join(runtime.start("filter"));
    assertThat(started.status()).isEqualTo(RuntimeStatus.RUNNING);
    assertThat(started.lastStartTime()).isNotNull();

    InspectContainerResponse container = engine.inspect("rt-filter");
    assertThat(container.getState().getRunning()).isTrue();
    assertThat(container.getConfig().getImage()).isEqualTo(engine.image());
    assertThat(container.getConfig().getWorkingDir()).isEqualTo("/tmp");
    assertThat(container.getConfig().getEnv())
        .contains(
            "FROM_OPTIONS=yes",
            "GREETING=hello",
            "EDGEFLEET_TWIN_FILE=/run/edgefleet/twin/desired.json",
            "IOTEDGE_MODULEID=filter",
            "IOTEDGE_DEVICEID=" + DEVICE);
    assertThat(container.getConfig().getLabels())
        .containsEntry("team", "b20")
        .containsEntry("io.edgefleet.device", DEVICE)
        .containsEntry("io.edgefleet.namespace", NS)
        .containsEntry("io.edgefleet.module", "filter")
        .containsKey("io.edgefleet.spec-hash");
    assertThat(container.getHostConfig().getRestartPolicy().getName()).isIn("no", "");

    // the twin file is mounted read-only, and a change replaces it without a restart
    assertThat(exec("rt-filter", "cat /run/edgefleet/twin/desired.json")).contains("25");
    assertThat(exec("rt-filter", "touch /run/edgefleet/twin/x 2>&1 || echo refused"))
        .contains("refused");
    runtime.desiredProperties("filter", JSON.readTree("{\"threshold\":30}"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> exec("rt-filter", "cat /run/edgefleet/twin/desired.json").contains("30"));
    assertThat(engine.inspect("rt-filter").getState().getStartedAt())
        .isEqualTo(container.getState().getStartedAt());
    assertThat(Files.readString(runtime.twinFile("filter"))).contains("30");
  }

  @Test
  void aCrashingModuleIsRestartedWithBackoffUnderOnFailureAndLeftFailedUnderNever() {
    String crasher =
        "{\"Cmd\":[\"sh\",\"-c\",\"exit 3\"],\"HostConfig\":{\"NetworkMode\":\"none\"}}";
    join(runtime.create(spec("crasher", crasher, RestartPolicy.ON_FAILURE)));
    join(runtime.create(spec("oneshot", crasher, RestartPolicy.NEVER)));
    join(runtime.start("crasher"));
    join(runtime.start("oneshot"));

    await().atMost(Duration.ofSeconds(60)).until(() -> state("crasher").restartCount() >= 3);
    ModuleState crashed = state("crasher");
    assertThat(crashed.exitCode()).isEqualTo(3);
    assertThat(crashed.lastExitTime()).isNotNull();
    assertThat(crashed.status()).isIn(RuntimeStatus.BACKOFF, RuntimeStatus.RUNNING);
    assertThat(events)
        .anyMatch(e -> e.name().equals("crasher") && e.status() == RuntimeStatus.BACKOFF);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> state("oneshot").status() == RuntimeStatus.FAILED);
    assertThat(state("oneshot").exitCode()).isEqualTo(3);
    assertThat(state("oneshot").restartCount()).isZero();
    // Docker itself restarts nothing: the container stays exited
    assertThat(engine.inspect("rt-oneshot").getState().getRunning()).isFalse();
  }

  @Test
  void anUnhealthyModuleIsRestartedUnderOnUnhealthy() {
    String unhealthy =
        "{\"Cmd\":[\"sh\",\"-c\",\"trap 'exit 0' TERM; while true; do sleep 1; done\"],"
            + "\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"false\"],\"Interval\":300000000,"
            + "\"Timeout\":1000000000,\"Retries\":1},\"HostConfig\":{\"NetworkMode\":\"none\"}}";
    join(runtime.create(spec("sick", unhealthy, RestartPolicy.ON_UNHEALTHY)));
    join(runtime.start("sick"));
    await().atMost(Duration.ofSeconds(60)).until(() -> state("sick").restartCount() >= 1);
    assertThat(state("sick").status()).isEqualTo(RuntimeStatus.RUNNING);
  }

  @Test
  void aRestartedAgentAdoptsItsContainersAndDoesNotRestartThem() {
    join(runtime.create(spec("keeper", SLEEPER, RestartPolicy.ALWAYS)));
    join(runtime.start("keeper"));
    InspectContainerResponse before = engine.inspect("rt-keeper");
    ModuleSpec created = runtime.modules().get("keeper").spec();
    runtime.close();

    runtime = newRuntime();
    RuntimeModule adopted = runtime.modules().get("keeper");
    assertThat(adopted.spec()).isEqualTo(created);
    assertThat(adopted.state().status()).isEqualTo(RuntimeStatus.RUNNING);
    InspectContainerResponse after = engine.inspect("rt-keeper");
    assertThat(after.getId()).isEqualTo(before.getId());
    assertThat(after.getState().getStartedAt()).isEqualTo(before.getState().getStartedAt());
  }

  @Test
  void aContainerWithoutTheAgentsLabelsIsNeverTouched() {
    String squatter =
        engine
            .docker()
            .createContainerCmd(engine.image())
            .withName("rt-squatter")
            .withCmd("sleep", "1000")
            .exec()
            .getId();
    assertThat(runtime.modules()).doesNotContainKey("squatter");
    assertThatThrownBy(() -> join(runtime.create(spec("squatter", SLEEPER, RestartPolicy.ALWAYS))))
        .isInstanceOf(CompletionException.class)
        .hasMessageContaining("not this agent's");
    join(runtime.remove("squatter"));
    assertThat(engine.inspect("rt-squatter").getId()).isEqualTo(squatter);
  }

  @Test
  void anImageFromThePrivateRegistryIsPulledWithItsCredentialsAndWrongOnesAreNamed() {
    engine.requireRegistry();
    engine.removeImage(engine.privateImage());
    ModuleSpec spec =
        new ModuleSpec(
            "private",
            engine.privateImage(),
            null,
            SLEEPER,
            Map.of(),
            RestartPolicy.ALWAYS,
            ModuleStatus.RUNNING,
            ImagePullPolicy.ON_CREATE,
            0,
            false);

    runtime.registryCredentials(
        List.of(
            new RegistryCredential(
                "private", engine.registry(), engine.registryUser(), "not-the-Passw0rd")));
    assertThatThrownBy(() -> join(runtime.prepare(List.of(spec))))
        .hasCauseInstanceOf(ImagePullException.class)
        .hasMessageContaining(engine.privateImage())
        .hasMessageContaining(engine.registry())
        .hasMessageContaining("credentials private")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-Passw0rd"));

    runtime.registryCredentials(
        List.of(
            new RegistryCredential(
                "private", engine.registry(), engine.registryUser(), engine.registryPassword())));
    join(runtime.prepare(List.of(spec)));
    join(runtime.create(spec));
    assertThat(join(runtime.start("private")).status()).isEqualTo(RuntimeStatus.RUNNING);
  }

  private String exec(String container, String command) throws Exception {
    var exec =
        engine
            .docker()
            .execCreateCmd(container)
            .withCmd("sh", "-c", command)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec();
    StringBuilder out = new StringBuilder();
    engine
        .docker()
        .execStartCmd(exec.getId())
        .exec(
            new com.github.dockerjava.api.async.ResultCallback.Adapter<
                com.github.dockerjava.api.model.Frame>() {
              @Override
              public void onNext(com.github.dockerjava.api.model.Frame frame) {
                out.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
              }
            })
        .awaitCompletion();
    return out.toString();
  }
}

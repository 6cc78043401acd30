package io.edgefleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.agent.report.MergePatch;
import io.edgefleet.agent.report.ReportedStore;
import io.edgefleet.agent.report.StatusReporter;
import io.edgefleet.agent.runtime.FailureInjection;
import io.edgefleet.agent.runtime.RuntimeStatus;
import io.edgefleet.agent.runtime.SimulatedModuleRuntime;
import io.edgefleet.agent.runtime.SimulationSettings;
import io.edgefleet.agent.support.Manifests;
import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.testfixtures.Fixtures;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent's rules, without an API server: ConfigMaps and Secrets are handed to it directly. */
class DeviceAgentTest {

  private static final String NS = "unit";
  private static final String DEVICE = "d1";

  /**
   * How long "nothing more happens" must hold (the agent works on its own threads: anything it
   * would still do happens well within this).
   */
  private static final Duration QUIET = Duration.ofMillis(500);

  /** How long a quiet check may take in all on a busy machine. */
  private static final Duration QUIET_AT_MOST = Duration.ofSeconds(20);

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
  private final Store store = new Store();

  @AfterEach
  void stop() {
    pool.shutdownNow();
    timer.shutdownNow();
  }

  /** The device's reported properties in memory, and every patch sent. */
  static final class Store implements ReportedStore {
    final List<ObjectNode> patches = new CopyOnWriteArrayList<>();
    volatile ObjectNode held = JsonNodeFactory.instance.objectNode();

    @Override
    public ObjectNode read() {
      return held.deepCopy();
    }

    @Override
    public synchronized ObjectNode patch(ObjectNode reportedPatch) {
      patches.add(reportedPatch.deepCopy());
      held = MergePatch.apply(held, reportedPatch);
      return held.deepCopy();
    }

    JsonNode at(String pointer) {
      return held.at(pointer);
    }

    boolean anyPatchMentions(String text) {
      return patches.stream().anyMatch(p -> p.toString().contains(text));
    }
  }

  private SimulatedModuleRuntime runtime(Duration startTime, FailureInjection failures) {
    return new SimulatedModuleRuntime(
        SimulationSettings.defaults(startTime)
            .withFailures(failures)
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(100)),
        timer,
        Clock.systemUTC(),
        1);
  }

  private DeviceAgent agent(SimulatedModuleRuntime runtime, AgentOptions options) {
    StatusReporter reporter =
        new StatusReporter(
            DEVICE, store, null, pool, timer, Duration.ZERO, new StatusReporter.Listener() {});
    DeviceAgent agent = new DeviceAgent(NS, DEVICE, runtime, reporter, options, pool, timer);
    agent.start();
    return agent;
  }

  private static AgentOptions options() {
    ObjectNode reported = JsonNodeFactory.instance.objectNode().put("devicemodel", "4000x");
    return AgentOptions.defaults().withReported(reported).withModuleReportInterval(Duration.ZERO);
  }

  private static EdgeDeployment deployment(String filterImage) {
    return Fixtures.deployment(NS, "base")
        .module("sensor", "sensor:1")
        .module("filter", filterImage, 1L, null)
        .build();
  }

  private static ConfigMap configMap(EdgeDeployment deployment) {
    return Manifests.configMap(NS, DEVICE, deployment);
  }

  private static String version(ConfigMap configMap) {
    return configMap.getData().get(GeneratedObjects.DESIRED_VERSION_KEY);
  }

  private void awaitReported(String version, int code) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(store.at("/lastDesiredVersion").asText()).isEqualTo(version);
              assertThat(store.at("/lastDesiredStatus/code").asInt()).isEqualTo(code);
            });
  }

  @Test
  void reportsStaticPropertiesAtOnceAndAnAppliedVersionWithItsModules() {
    SimulatedModuleRuntime runtime = runtime(Duration.ofMillis(20), FailureInjection.none());
    DeviceAgent agent = agent(runtime, options());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> store.at("/devicemodel").asText().equals("4000x"));
    assertThat(store.held.has("lastDesiredVersion")).isFalse();

    ConfigMap cm = configMap(deployment("filter:1"));
    agent.configMapChanged(cm);
    awaitReported(version(cm), 200);
    assertThat(store.at("/lastDesiredStatus/description").asText()).isEqualTo("applied");
    assertThat(store.at("/modules/sensor/runtimeStatus").asText()).isEqualTo("running");
    assertThat(store.at("/modules/filter/image").asText()).isEqualTo("filter:1");
    assertThat(store.at("/modules/filter/restartCount").asInt()).isZero();
    assertThat(store.at("/modules/filter/lastStartTimeUtc").asText()).endsWith("Z");
    assertThat(store.at("/systemModules/edgeHub/runtimeStatus").asText()).isEqualTo("running");
    assertThat(store.at("/systemModules/edgeAgent/runtimeStatus").asText()).isEqualTo("running");
    assertThat(agent.reportedVersion()).isEqualTo(version(cm));
    assertThat(agent.reportedCode()).isEqualTo(200);
  }

  @Test
  void anInvalidConfigurationIsReportedAndChangesNothing() {
    SimulatedModuleRuntime runtime = runtime(Duration.ofMillis(5), FailureInjection.none());
    DeviceAgent agent = agent(runtime, options());
    ConfigMap good = configMap(deployment("filter:1"));
    agent.configMapChanged(good);
    awaitReported(version(good), 200);

    String broken =
        "{\"modulesContent\":{\"$edgeAgent\":{\"properties.desired\":{\"schemaVersion\":\"9.9\"}},\"$edgeHub\":{\"properties.desired\":{\"schemaVersion\":\"9.9\"}}}}";
    ConfigMap bad = Manifests.configMap(NS, DEVICE, broken);
    agent.configMapChanged(bad);
    awaitReported(version(bad), 412);
    assertThat(store.at("/lastDesiredStatus/description").asText()).contains("9.9");
    assertThat(runtime.modules()).containsKeys("sensor", "filter");
    assertThat(runtime.modules().get("filter").state().status()).isEqualTo(RuntimeStatus.RUNNING);
  }

  @Test
  void aModuleThatDoesNotStartIs500AndANewVersionRecovers() {
    SimulatedModuleRuntime runtime =
        runtime(Duration.ofMillis(5), FailureInjection.images("*/filter:2.0"));
    DeviceAgent agent = agent(runtime, options());
    ConfigMap bad = configMap(deployment("contoso.azurecr.io/filter:2.0"));
    agent.configMapChanged(bad);
    awaitReported(version(bad), 500);
    assertThat(store.at("/lastDesiredStatus/description").asText())
        .contains("module filter (contoso.azurecr.io/filter:2.0) failed to start")
        .contains("image matches failure pattern */filter:2.0");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> store.at("/modules/filter/restartCount").asInt() >= 1);
    assertThat(store.at("/modules/filter/exitCode").asInt()).isEqualTo(1);
    assertThat(store.at("/modules/filter/runtimeStatus").asText()).isIn("backoff", "failed");

    ConfigMap fixed = configMap(deployment("contoso.azurecr.io/filter:2.1"));
    agent.configMapChanged(fixed);
    awaitReported(version(fixed), 200);
    assertThat(store.at("/modules/filter/image").asText())
        .isEqualTo("contoso.azurecr.io/filter:2.1");
    assertThat(store.at("/modules/filter/restartCount").asInt()).isZero();
  }

  @Test
  void aVersionSupersededWhileApplyingIsNeverReported() {
    SimulatedModuleRuntime runtime = runtime(Duration.ofMillis(300), FailureInjection.none());
    DeviceAgent agent = agent(runtime, options());
    ConfigMap first = configMap(deployment("filter:1"));
    ConfigMap second = configMap(deployment("filter:2"));
    agent.configMapChanged(first);
    agent.configMapChanged(second);
    awaitReported(version(second), 200);
    assertThat(store.anyPatchMentions(version(first))).isFalse();
    assertThat(runtime.modules().get("filter").spec().image()).isEqualTo("filter:2");
  }

  @Test
  void aDeletedConfigMapLeavesTheModulesRunningAndReportsNothingNew() throws Exception {
    SimulatedModuleRuntime runtime = runtime(Duration.ofMillis(5), FailureInjection.none());
    DeviceAgent agent = agent(runtime, options());
    ConfigMap cm = configMap(deployment("filter:1"));
    agent.configMapChanged(cm);
    awaitReported(version(cm), 200);
    int patches = store.patches.size();

    agent.configMapChanged(null);
    await()
        .during(QUIET)
        .atMost(QUIET_AT_MOST)
        .until(
            () ->
                !agent.configurationPresent()
                    && store.patches.size() == patches
                    && runtime.modules().get("filter").state().status() == RuntimeStatus.RUNNING);

    agent.configMapChanged(cm); // back, same version: nothing to do
    await()
        .during(QUIET)
        .atMost(QUIET_AT_MOST)
        .until(() -> agent.configurationPresent() && store.patches.size() == patches);
  }

  @Test
  void waitsForRegistryCredentialsAndPicksUpRotationsWithoutReporting() throws Exception {
    SimulatedModuleRuntime runtime = runtime(Duration.ofMillis(5), FailureInjection.none());
    DeviceAgent agent = agent(runtime, options());
    ConfigMap cm =
        configMap(
            Fixtures.deployment(NS, "base")
                .module("filter", "contoso.azurecr.io/filter:1")
                .registry("contoso", "contoso.azurecr.io", "contoso-pull")
                .build());
    agent.configMapChanged(cm);
    await() // waits for the Secret
        .during(QUIET)
        .atMost(QUIET_AT_MOST)
        .until(() -> !store.held.has("lastDesiredVersion") && runtime.modules().isEmpty());

    agent.secretChanged(Manifests.registrySecret(NS, DEVICE, "contoso", "puller", "s3cret"));
    awaitReported(version(cm), 200);
    assertThat(runtime.pulls()).contains("contoso.azurecr.io/filter:1 contoso");
    assertThat(runtime.credentials().get(0).password()).isEqualTo("s3cret");
    int patches = store.patches.size();

    agent.secretChanged(Manifests.registrySecret(NS, DEVICE, "contoso", "puller", "rotated"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> runtime.credentials().get(0).password().equals("rotated"));
    await().during(QUIET).atMost(QUIET_AT_MOST).until(() -> store.patches.size() == patches);
    assertThat(store.patches.toString()).doesNotContain("s3cret").doesNotContain("rotated");
  }

  @Test
  void missingCredentialsAreReportedAfterTheWait() {
    SimulatedModuleRuntime runtime = runtime(Duration.ofMillis(5), FailureInjection.none());
    DeviceAgent agent = agent(runtime, options().withCredentialWait(Duration.ofMillis(200)));
    ConfigMap cm =
        configMap(
            Fixtures.deployment(NS, "base")
                .module("filter", "contoso.azurecr.io/filter:1")
                .registry("contoso", "contoso.azurecr.io", "contoso-pull")
                .build());
    agent.configMapChanged(cm);
    awaitReported(version(cm), 500);
    assertThat(store.at("/lastDesiredStatus/description").asText())
        .contains("registry credentials contoso are not in Secret edgefleet-d1-registry");
    agent.secretChanged(Manifests.registrySecret(NS, DEVICE, "contoso", "u", "p"));
    awaitReported(version(cm), 200);
  }

  @Test
  void anUnreachableRuntimeIs406UntilItIsBack() {
    SimulatedModuleRuntime runtime = runtime(Duration.ofMillis(5), FailureInjection.none());
    DeviceAgent agent = agent(runtime, options().withRuntimeRetry(Duration.ofMillis(100)));
    runtime.setAvailable(false);
    ConfigMap cm = configMap(deployment("filter:1"));
    agent.configMapChanged(cm);
    awaitReported(version(cm), 406);
    assertThat(store.at("/lastDesiredStatus/description").asText()).contains("unreachable");
    runtime.setAvailable(true);
    awaitReported(version(cm), 200);
  }

  @Test
  void aRestartedAgentWithTheSameRuntimeReportsNothingNew() throws Exception {
    SimulatedModuleRuntime runtime = runtime(Duration.ofMillis(5), FailureInjection.none());
    DeviceAgent first = agent(runtime, options());
    ConfigMap cm = configMap(deployment("filter:1"));
    first.configMapChanged(cm);
    awaitReported(version(cm), 200);
    await().atMost(Duration.ofSeconds(5)).until(first::reportSynced);
    first.stop();
    int patches = store.patches.size();

    DeviceAgent second = agent(runtime, options());
    second.configMapChanged(cm);
    await().atMost(Duration.ofSeconds(5)).until(() -> second.reportedCode() == 200);
    await()
        .during(QUIET)
        .atMost(QUIET_AT_MOST)
        .until(() -> second.reportSynced() && store.patches.size() == patches);
  }
}

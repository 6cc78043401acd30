package io.edgefleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgefleet.agent.runtime.SimulatedModuleRuntime;
import io.edgefleet.agent.runtime.SimulationSettings;
import io.edgefleet.agent.support.Cluster;
import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.config.OperatorSettings;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An agent process that stops and starts again, with the operator running: the module runtime
 * (Docker on a device) outlives the agent, so a restarted agent finds what runs, reports nothing
 * new, and reconciles to whatever the ConfigMap says now, through API errors.
 */
@EnableKubernetesMockClient(crud = true)
class AgentRestartTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;

  private static final String NS = "restart";

  private static String desiredVersion() {
    ConfigMap cm = Cluster.configMap(client, NS, GeneratedObjects.configMapName("d1"));
    return cm == null ? null : cm.getData().get(GeneratedObjects.DESIRED_VERSION_KEY);
  }

  private static String reportedVersion() {
    return Cluster.reported(client, NS, "d1").path("lastDesiredVersion").asText();
  }

  private static long patches(List<Cluster.SentRequest> sent) {
    return sent.stream().filter(r -> r.method().equals("PATCH")).count();
  }

  @Test
  void aRestartedAgentReportsNothingNewAndCatchesUpWithTheConfigMap() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    SimulatedModuleRuntime runtime =
        new SimulatedModuleRuntime(
            SimulationSettings.defaults(Duration.ofMillis(20)), scheduler, Clock.systemUTC(), 1);
    AgentOptions options = AgentOptions.defaults().withModuleReportInterval(Duration.ofMillis(100));
    try (EdgeFleetOperator operator =
        EdgeFleetOperator.create(client, OperatorSettings.local(), Clock.systemUTC())) {
      operator.start();
      client.resource(Fixtures.device(NS, "d1")).create();
      client
          .resource(
              Fixtures.deployment(NS, "base")
                  .module("sensor", "sensor:1")
                  .module("filter", "filter:1")
                  .build())
          .create();
      await().atMost(Duration.ofSeconds(20)).until(() -> desiredVersion() != null);
      String first = desiredVersion();

      // first run
      List<Cluster.SentRequest> firstRun = new CopyOnWriteArrayList<>();
      try (KubernetesClient c = Cluster.recordingClientAs(client, "agent-1", firstRun);
          StandaloneAgent agent = StandaloneAgent.start(c, NS, "d1", runtime, options)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> first.equals(reportedVersion()));
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.agent().reportSynced());
      }
      assertThat(patches(firstRun)).isPositive();
      String firstStart =
          Cluster.reported(client, NS, "d1").at("/modules/filter/lastStartTimeUtc").asText();

      // restarted, nothing changed meanwhile: it reads, finds everything in place, writes nothing
      List<Cluster.SentRequest> secondRun = new CopyOnWriteArrayList<>();
      try (KubernetesClient c = Cluster.recordingClientAs(client, "agent-2", secondRun);
          StandaloneAgent agent = StandaloneAgent.start(c, NS, "d1", runtime, options)) {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> agent.synced() && first.equals(agent.agent().reportedVersion()));
        await()
            .during(Duration.ofMillis(500))
            .atMost(Duration.ofSeconds(20))
            .until(() -> agent.agent().reportSynced() && patches(secondRun) == 0);
      }
      assertThat(patches(secondRun)).isZero();
      assertThat(secondRun).extracting(Cluster.SentRequest::method).containsOnly("GET");

      // while no agent runs, the deployment changes
      client
          .resources(EdgeDeployment.class)
          .inNamespace(NS)
          .withName("base")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"modules\":{\"filter\":{\"image\":\"filter:2\"}}}}");
      await().atMost(Duration.ofSeconds(20)).until(() -> !first.equals(desiredVersion()));
      String second = desiredVersion();
      // the operator writes the device's status for the new version (once or more): let it finish,
      // or its own status patch would take one of the refusals meant for the agent below
      AtomicReference<String> lastSeen = new AtomicReference<>("");
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                String version =
                    Cluster.device(client, NS, "d1").getMetadata().getResourceVersion();
                return version.equals(lastSeen.getAndSet(version));
              });

      // restarted against an API server that refuses its first two status patches (as while its
      // RoleBinding is not there yet; the HTTP client itself retries 5xx answers)
      server
          .expect()
          .patch()
          .withPath("/apis/edgefleet.io/v1alpha1/namespaces/restart/edgedevices/d1/status")
          .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}")
          .times(2);
      List<Cluster.SentRequest> thirdRun = new CopyOnWriteArrayList<>();
      try (KubernetesClient c = Cluster.recordingClientAs(client, "agent-3", thirdRun);
          StandaloneAgent agent = StandaloneAgent.start(c, NS, "d1", runtime, options)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> second.equals(reportedVersion()));
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.agent().reportSynced());
      }
      assertThat(patches(thirdRun)).isGreaterThanOrEqualTo(3);
      assertThat(thirdRun)
          .filteredOn(r -> r.method().equals("PATCH"))
          .allSatisfy(r -> assertThat(r.body()).doesNotContain(first));
      var reported = Cluster.reported(client, NS, "d1");
      assertThat(reported.at("/lastDesiredStatus/code").asInt()).isEqualTo(200);
      assertThat(reported.at("/modules/filter/image").asText()).isEqualTo("filter:2");
      assertThat(reported.at("/modules/sensor/lastStartTimeUtc").asText())
          .as("an unchanged module was not restarted")
          .isNotEmpty();
      assertThat(reported.at("/modules/filter/lastStartTimeUtc").asText()).isNotEqualTo(firstStart);
      assertThat(runtime.modules().get("filter").spec().image()).isEqualTo("filter:2");
    } finally {
      scheduler.shutdownNow();
    }
  }
}

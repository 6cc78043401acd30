package io.edgefleet.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.agent.AgentOptions;
import io.edgefleet.agent.StandaloneAgent;
import io.edgefleet.agent.runtime.SimulatedModuleRuntime;
import io.edgefleet.agent.runtime.SimulationSettings;
import io.edgefleet.agent.support.Cluster;
import io.edgefleet.agent.support.Manifests;
import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/**
 * The agent's writes on an API server: JSON merge patches of {@code status.reported} on the status
 * subresource, and nothing else, so the operator's status fields and the device's spec survive.
 */
@EnableKubernetesMockClient(crud = true)
class ReportingOnTheApiServerTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NS = "report";
  private static final String AGENT = "edgefleet-agent/r1";

  @Test
  void patchesCarryOnlyStatusReported() throws Exception {
    EdgeDevice device = client.resource(Fixtures.device(NS, "r1", "building", "20")).create();
    // the operator's status fields, as it writes them
    EdgeDeviceStatus operatorStatus = new EdgeDeviceStatus();
    operatorStatus.setBaseDeployment("base");
    operatorStatus.setDesiredVersion("0123456789abcdef");
    operatorStatus.setManaged(true);
    device.setStatus(operatorStatus);
    client.resource(device).updateStatus();
    ConfigMap configMap =
        Manifests.configMap(
            NS, "r1", Fixtures.deployment(NS, "base").module("sensor", "sensor:1").build());
    client.resource(configMap).create();

    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    List<Cluster.SentRequest> sent = new CopyOnWriteArrayList<>();
    try (KubernetesClient agentClient = Cluster.recordingClientAs(client, AGENT, sent)) {
      SimulatedModuleRuntime runtime =
          new SimulatedModuleRuntime(
              SimulationSettings.defaults(Duration.ofMillis(10)), scheduler, Clock.systemUTC(), 1);
      ObjectNode reported = JsonNodeFactory.instance.objectNode().put("devicemodel", "4000x");
      try (StandaloneAgent agent =
          StandaloneAgent.start(
              agentClient,
              NS,
              "r1",
              runtime,
              AgentOptions.defaults()
                  .withReported(reported)
                  .withModuleReportInterval(Duration.ofMillis(100)))) {
        String version = configMap.getData().get(GeneratedObjects.DESIRED_VERSION_KEY);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    version.equals(
                        Cluster.reported(client, NS, "r1").path("lastDesiredVersion").asText()));
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.agent().reportSynced());
      }
    } finally {
      scheduler.shutdownNow();
    }

    EdgeDevice after = Cluster.device(client, NS, "r1");
    assertThat(after.getStatus().getBaseDeployment()).isEqualTo("base");
    assertThat(after.getStatus().getDesiredVersion()).isEqualTo("0123456789abcdef");
    assertThat(after.getStatus().getManaged()).isTrue();
    assertThat(after.getSpec().getTags().get("building").asText()).isEqualTo("20");
    Map<String, JsonNode> reported = after.getStatus().getReported();
    assertThat(reported)
        .containsKeys("devicemodel", "lastDesiredVersion", "lastDesiredStatus", "modules");
    assertThat(reported.get("lastDesiredStatus").get("code").asInt()).isEqualTo(200);

    List<Cluster.SentRequest> patches =
        sent.stream().filter(r -> r.method().equals("PATCH")).toList();
    assertThat(patches).isNotEmpty();
    for (Cluster.SentRequest patch : patches) {
      assertThat(patch.uri())
          .endsWith("/apis/edgefleet.io/v1alpha1/namespaces/report/edgedevices/r1/status");
      assertThat(patch.contentType()).startsWith("application/merge-patch+json");
      JsonNode body = JSON.readTree(patch.body());
      assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactly("status");
      assertThat(body.get("status").properties())
          .extracting(Map.Entry::getKey)
          .containsExactly("reported");
      assertThat(body.at("/status/reported").isObject()).isTrue();
      assertThat(body.at("/status/reported").isEmpty()).isFalse();
    }
    assertThat(sent).extracting(Cluster.SentRequest::method).containsOnly("GET", "PATCH");
  }
}

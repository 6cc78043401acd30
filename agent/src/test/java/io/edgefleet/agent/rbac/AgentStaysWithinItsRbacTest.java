package io.edgefleet.agent.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgefleet.agent.AgentOptions;
import io.edgefleet.agent.StandaloneAgent;
import io.edgefleet.agent.runtime.SimulatedModuleRuntime;
import io.edgefleet.agent.runtime.SimulationSettings;
import io.edgefleet.agent.support.Cluster;
import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.config.OperatorSettings;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.edgefleet.testfixtures.RbacCheck;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Records every request the mock API server receives from one agent's client while the agent
 * applies a configuration with registry credentials, sees a credential rotation, and reports; each
 * must be allowed by the Role {@code agent-rbac} prints, as kube-apiserver's RBAC would decide.
 */
@EnableKubernetesMockClient(crud = true)
class AgentStaysWithinItsRbacTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;

  private static final String NS = "rbac";
  private static final String AGENT = "edgefleet-agent/d1";

  @Test
  void everyRequestOfTheAgentIsAllowedByItsRole() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (EdgeFleetOperator operator =
            EdgeFleetOperator.create(client, OperatorSettings.local(), Clock.systemUTC());
        KubernetesClient agentClient = Cluster.clientAs(client, AGENT)) {
      operator.start();
      client.resource(Cluster.userSecret(NS, "contoso-pull", "puller", "first")).create();
      client.resource(Fixtures.device(NS, "d1")).create();
      client.resource(Fixtures.device(NS, "d2")).create();
      client
          .resource(
              Fixtures.deployment(NS, "base")
                  .module("filter", "contoso.azurecr.io/filter:1")
                  .registry("contoso", "contoso.azurecr.io", "contoso-pull")
                  .build())
          .create();
      SimulatedModuleRuntime runtime =
          new SimulatedModuleRuntime(
              SimulationSettings.defaults(Duration.ofMillis(20)), scheduler, Clock.systemUTC(), 1);
      try (StandaloneAgent agent =
          StandaloneAgent.start(agentClient, NS, "d1", runtime, AgentOptions.defaults())) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    Cluster.reported(client, NS, "d1").at("/lastDesiredStatus/code").asInt()
                        == 200);
        assertThat(runtime.pulls()).contains("contoso.azurecr.io/filter:1 contoso");

        client.resource(Cluster.userSecret(NS, "contoso-pull", "puller", "rotated")).update();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> runtime.credentials().get(0).password().equals("rotated"));
        assertThat(agent.agent().reportedCode()).isEqualTo(200);
      }
    } finally {
      scheduler.shutdownNow();
    }

    List<RecordedRequest> requests =
        Cluster.drain(server).stream()
            .filter(r -> AGENT.equals(r.getHeader("User-Agent")))
            .toList();
    assertThat(requests).as("the agent's requests carry its user agent").isNotEmpty();
    List<String> denied =
        requests.stream()
            .filter(
                r ->
                    !RbacCheck.allowed(
                        AgentRbac.rules("d1"), RbacCheck.attributes(r.getMethod(), r.getPath())))
            .map(r -> r.getMethod() + " " + r.getPath())
            .toList();
    assertThat(denied).as("requests outside the agent's Role").isEmpty();

    Set<String> kinds =
        requests.stream()
            .map(r -> RbacCheck.attributes(r.getMethod(), r.getPath()))
            .map(
                a ->
                    a.verb()
                        + " "
                        + a.resource()
                        + (a.subresource() == null ? "" : "/" + a.subresource())
                        + " "
                        + a.name())
            .collect(Collectors.toSet());
    assertThat(kinds)
        .contains(
            "get edgedevices d1",
            "patch edgedevices/status d1",
            "list configmaps edgefleet-d1",
            "watch configmaps edgefleet-d1",
            "list secrets edgefleet-d1-registry",
            "watch secrets edgefleet-d1-registry");
    assertThat(requests)
        .filteredOn(r -> !r.getPath().contains("/edgedevices/"))
        .allSatisfy(
            r -> assertThat(r.getPath()).contains("fieldSelector=metadata.name%3Dedgefleet-d1"));
  }
}

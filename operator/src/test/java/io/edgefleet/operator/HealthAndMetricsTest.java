package io.edgefleet.operator;

import static io.edgefleet.operator.support.Fleet.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.operator.support.Fleet;
import io.edgefleet.operator.support.TestOperators;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The operator's HTTP port: liveness, readiness after the caches synced, Prometheus metrics. */
@EnableKubernetesMockClient(crud = true)
class HealthAndMetricsTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void probesAnswerAndMetricsCountDevicesAndWrites() throws Exception {
    Fleet fleet = new Fleet(client, "metrics");
    fleet.create(Fixtures.device("", "d1", "environment", "prod"));
    fleet.create(Fixtures.device("", "d2", "environment", "dev"));
    fleet.create(
        Fixtures.deployment("", "prod")
            .target("tags.environment='prod'")
            .module("m", "img:1")
            .metric("devEverywhere", "SELECT deviceId FROM devices WHERE tags.environment = 'dev'")
            .build());
    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + operator.httpPort();
      assertThat(get(http, base + "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(http, base + "/readyz").statusCode()).isEqualTo(200);
      eventually(
          () -> {
            String metrics = get(http, base + "/metrics").body();
            assertThat(metrics)
                .contains(
                    "edgefleet_deployment_devices{deployment=\"prod\",namespace=\"metrics\",state=\"targeted\"} 1.0")
                .contains(
                    "edgefleet_deployment_devices{deployment=\"prod\",namespace=\"metrics\",state=\"applied\"} 1.0")
                .contains("edgefleet_api_writes_total{kind=\"ConfigMap\",verb=\"create\"} 1.0")
                .contains(
                    "edgefleet_deployment_metric{deployment=\"prod\",metric=\"devEverywhere\",namespace=\"metrics\"} 1.0")
                .contains("edgefleet_decisions_total")
                .contains("edgefleet_reconcile_seconds_count{kind=\"EdgeDevice\"}")
                .contains("jvm_memory_used_bytes");
          });
      fleet.deleteDeployment("prod");
      eventually(
          () ->
              assertThat(get(http, base + "/metrics").body())
                  .doesNotContain("deployment=\"prod\",namespace=\"metrics\"")
                  .doesNotContain("metric=\"devEverywhere\""));
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

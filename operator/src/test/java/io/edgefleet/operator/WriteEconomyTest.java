package io.edgefleet.operator;

import static io.edgefleet.operator.support.Fleet.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.edgefleet.operator.support.ApiRequests;
import io.edgefleet.operator.support.Fleet;
import io.edgefleet.operator.support.TestOperators;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator writes what changed and nothing else, counted at the API server: a deployment over N
 * devices costs exactly N ConfigMap creates and N device status patches; a resync or a restart with
 * nothing changed costs nothing.
 */
@EnableKubernetesMockClient(crud = true)
class WriteEconomyTest {

  static {
    QuietMockServer.install();
  }

  static final int DEVICES = 25;

  /** How long without any write counts as settled (the resync interval here is 1 s). */
  static final Duration QUIET = Duration.ofSeconds(2);

  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void writesExactlyWhatChangesAndNothingOnResyncOrRestart() {
    ApiRequests requests = new ApiRequests(server);
    Fleet fleet = new Fleet(client, "economy");
    for (int i = 0; i < DEVICES; i++) {
      fleet.create(Fixtures.device("", "d" + i, "environment", i % 5 == 0 ? "lab" : "prod"));
    }
    int targeted = DEVICES - DEVICES / 5;
    EdgeFleetOperator first =
        TestOperators.started(client, TestOperators.settings("EDGEFLEET_RESYNC_INTERVAL", "1s"));
    try {
      eventually(
          () ->
              assertThat(fleet.devices())
                  .hasSize(DEVICES)
                  .allSatisfy(d -> assertThat(d.getStatus()).isNotNull()));
      requests.writesUntilQuiet(QUIET);

      // a deployment over the prod devices: one ConfigMap and one status patch each
      fleet.create(
          Fixtures.deployment("", "prod")
              .target("tags.environment='prod'")
              .module("sensor", "sensor:1")
              .build());
      eventually(
          () ->
              assertThat(fleet.deployment("prod").getStatus().getAppliedCount())
                  .isEqualTo(targeted));
      Map<String, Integer> create = requests.writesUntilQuiet(QUIET);
      System.out.println("writes for a deployment over " + targeted + " devices: " + create);
      assertThat(ApiRequests.count(create, "POST configmaps")).isEqualTo(targeted);
      assertThat(ApiRequests.count(create, "PUT configmaps")).isZero();
      assertThat(ApiRequests.count(create, "PATCH edgedevices/status")).isEqualTo(targeted);
      assertThat(ApiRequests.count(create, "POST edgedeployments")).isEqualTo(1);

      // resyncs (every second here) with nothing changed: no writes
      await()
          .during(Duration.ofMillis(2500))
          .atMost(Duration.ofSeconds(10))
          .until(() -> writesToDevices(requests.writes()) == 0);

      // an unrelated tag change: at most the device's own status, no ConfigMap
      fleet.editDevice(
          "d1",
          d -> {
            d.getSpec().getTags().put("floor", JsonNodeFactory.instance.textNode("3"));
            return d;
          });
      Map<String, Integer> tag = requests.writesUntilQuiet(QUIET);
      assertThat(
              ApiRequests.count(tag, "POST configmaps") + ApiRequests.count(tag, "PUT configmaps"))
          .isZero();
      assertThat(ApiRequests.count(tag, "PATCH edgedevices/status")).isLessThanOrEqualTo(1);
      // stop only once nothing is left to write (a status recompute may still be due on a busy
      // machine): the restart below must find nothing to do
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(60))
          .pollInterval(java.time.Duration.ofMillis(1500))
          .until(() -> requests.writes().isEmpty());
    } finally {
      first.close();
    }

    // a restart with nothing changed: no writes
    requests.reset();
    EdgeFleetOperator second = TestOperators.started(client);
    try {
      // every device decided again and the deployment counted again, then nothing more happens
      MeterRegistry registry = second.metrics().registry();
      eventually(
          () -> {
            assertThat(registry.counter("edgefleet.decisions").count())
                .isGreaterThanOrEqualTo(DEVICES);
            assertThat(registry.timer("edgefleet.reconcile", "kind", "EdgeDeployment").count())
                .isPositive();
          });
      Map<String, Integer> restart = requests.writesUntilQuiet(QUIET);
      assertThat(writesToDevices(restart)).as(restart.toString()).isZero();
      assertThat(ApiRequests.count(restart, "PATCH edgedeployments/status")).isZero();
    } finally {
      second.close();
    }
  }

  private static int writesToDevices(Map<String, Integer> writes) {
    return ApiRequests.count(writes, "POST configmaps")
        + ApiRequests.count(writes, "PUT configmaps")
        + ApiRequests.count(writes, "PATCH edgedevices/status")
        + ApiRequests.count(writes, "POST secrets")
        + ApiRequests.count(writes, "PUT secrets");
  }
}

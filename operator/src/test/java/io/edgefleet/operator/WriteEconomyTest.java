package io.edgefleet.operator;

import static io.edgefleet.operator.support.Fleet.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.edgefleet.operator.support.ApiRequests;
import io.edgefleet.operator.support.Fixtures;
import io.edgefleet.operator.support.Fleet;
import io.edgefleet.operator.support.QuietMockServer;
import io.edgefleet.operator.support.TestOperators;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
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

  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void writesExactlyWhatChangesAndNothingOnResyncOrRestart() throws InterruptedException {
    ApiRequests requests = new ApiRequests(server);
    Fleet fleet = new Fleet(client, "economy");
    for (int i = 0; i < DEVICES; i++) {
      fleet.create(Fixtures.device("", "d" + i, "environment", i % 5 == 0 ? "lab" : "prod"));
    }
    int targeted = DEVICES - DEVICES / 5;
    EdgeFleetOperator first =
        TestOperators.started(client, TestOperators.settings("EDGEFLEET_RESYNC_INTERVAL", "1s"));
    try {
      // every device's first status patch is in before counting starts (on a busy machine the
      // last device created is not always the last one decided)
      eventually(
          () -> {
            for (int i = 0; i < DEVICES; i++) {
              assertThat(fleet.device("d" + i).getStatus()).as("d" + i).isNotNull();
            }
          });
      settle();
      requests.reset();

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
      settle();
      Map<String, Integer> create = requests.writes();
      System.out.println("writes for a deployment over " + targeted + " devices: " + create);
      assertThat(ApiRequests.count(create, "POST configmaps")).isEqualTo(targeted);
      assertThat(ApiRequests.count(create, "PUT configmaps")).isZero();
      assertThat(ApiRequests.count(create, "PATCH edgedevices/status")).isEqualTo(targeted);
      assertThat(ApiRequests.count(create, "POST edgedeployments")).isEqualTo(1);

      // resyncs (every second here) with nothing changed: no writes
      Thread.sleep(2500);
      assertThat(writesToDevices(requests.writes())).isZero();

      // an unrelated tag change: at most the device's own status, no ConfigMap
      fleet.editDevice(
          "d1",
          d -> {
            d.getSpec().getTags().put("floor", JsonNodeFactory.instance.textNode("3"));
            return d;
          });
      settle();
      Map<String, Integer> tag = requests.writes();
      assertThat(
              ApiRequests.count(tag, "POST configmaps") + ApiRequests.count(tag, "PUT configmaps"))
          .isZero();
      assertThat(ApiRequests.count(tag, "PATCH edgedevices/status")).isLessThanOrEqualTo(1);
    } finally {
      first.close();
    }

    // a restart with nothing changed: no writes
    requests.reset();
    EdgeFleetOperator second = TestOperators.started(client);
    try {
      Thread.sleep(3000);
      Map<String, Integer> restart = requests.writes();
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

  /** Lets in-flight reconciles and status recomputations finish. */
  private static void settle() throws InterruptedException {
    Thread.sleep(1000);
  }
}

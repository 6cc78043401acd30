package io.edgefleet.operator;

import static io.edgefleet.operator.support.Fleet.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.operator.device.DeviceStatusBuilder;
import io.edgefleet.operator.status.Conditions;
import io.edgefleet.operator.support.ApiRequests;
import io.edgefleet.operator.support.Fleet;
import io.edgefleet.operator.support.TestOperators;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Per-device parameters against the API server: a tag change that changes a value rewrites exactly
 * that device's ConfigMap, an unrelated tag change writes nothing, and a device without the value
 * keeps what it has with a condition naming the placeholder, field and deployment.
 */
// operators and watches run for their effect within try blocks that need not name them
@SuppressWarnings("try")
@EnableKubernetesMockClient(crud = true)
class ParametersOperatorTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void aTagChangeRewritesExactlyOneConfigMapAndAMissingTagKeepsTheDeviceAsItIs() {
    Fleet fleet = new Fleet(client, "params");
    fleet.create(Fixtures.device("", "r1", "room", "2.01"));
    fleet.create(Fixtures.device("", "r2", "room", "2.02"));
    fleet.create(Fixtures.device("", "r3"));
    EdgeDeployment displays =
        Fixtures.deployment("", "displays").module("RoomDisplay", "display:1").build();
    displays
        .getSpec()
        .getModules()
        .get("RoomDisplay")
        .setEnv(Map.of("DISPLAY_NAME", "Room ${tags.room}"));
    fleet.create(displays);

    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      eventually(
          () -> {
            var status = fleet.deployment("displays").getStatus();
            assertThat(status.getAppliedCount()).isEqualTo(2);
            assertThat(status.getParameterErrorCount()).isEqualTo(1);
            assertThat(fleet.manifest("r1")).contains("\"Room 2.01\"");
            assertThat(fleet.manifest("r2")).contains("\"Room 2.02\"");
            assertThat(ready(fleet.device("r3")).getReason())
                .isEqualTo(DeviceStatusBuilder.PARAMETER_UNRESOLVED);
          });
      Condition r3 = ready(fleet.device("r3"));
      assertThat(r3.getStatus()).isEqualTo(Condition.FALSE);
      assertThat(r3.getMessage())
          .contains("${tags.room}")
          .contains("spec.modules.RoomDisplay.env.DISPLAY_NAME")
          .contains("deployment displays");
      assertThat(fleet.configMap("r3")).isNull();
      assertThat(fleet.device("r3").getStatus().getDeployments().get(0).getParameterError())
          .contains("${tags.room}");
      String r2Version = fleet.device("r2").getStatus().getDesiredVersion();
      ApiRequests requests = new ApiRequests(server);
      Map<String, Integer> writes = new TreeMap<>();
      settle(requests, writes);

      // the tag a value comes from changes: that device's ConfigMap, and only it, is rewritten
      writes.clear();
      fleet.editDevice("r1", d -> tag(d, "room", "2.10"));
      eventually(() -> assertThat(fleet.manifest("r1")).contains("\"Room 2.10\""));
      settle(requests, writes);
      assertThat(ApiRequests.count(writes, "PUT configmaps")).as("%s", writes).isEqualTo(1);
      assertThat(ApiRequests.count(writes, "POST configmaps")).as("%s", writes).isZero();
      assertThat(fleet.device("r2").getStatus().getDesiredVersion()).isEqualTo(r2Version);

      // a tag no placeholder reads changes: no ConfigMap is written
      writes.clear();
      fleet.editDevice("r2", d -> tag(d, "floor", "3"));
      settle(requests, writes);
      assertThat(
              ApiRequests.count(writes, "PUT configmaps")
                  + ApiRequests.count(writes, "POST configmaps"))
          .as("%s", writes)
          .isZero();
      assertThat(fleet.device("r2").getStatus().getDesiredVersion()).isEqualTo(r2Version);

      // the missing tag arrives: the device gets its configuration, the count goes back to 0
      fleet.editDevice("r3", d -> tag(d, "room", "2.03"));
      eventually(
          () -> {
            assertThat(fleet.manifest("r3")).contains("\"Room 2.03\"");
            assertThat(ready(fleet.device("r3")).getStatus()).isEqualTo(Condition.TRUE);
            var status = fleet.deployment("displays").getStatus();
            assertThat(status.getAppliedCount()).isEqualTo(3);
            assertThat(status.getParameterErrorCount()).isZero();
          });
    }
  }

  private static EdgeDevice tag(EdgeDevice device, String key, String value) {
    device.getSpec().getTags().put(key, JsonNodeFactory.instance.textNode(value));
    return device;
  }

  private static Condition ready(EdgeDevice device) {
    return device.getStatus() == null
        ? new Condition()
        : Conditions.find(device.getStatus().getConditions(), Conditions.READY);
  }

  /** Waits until two seconds pass without a ConfigMap write, adding up the writes seen. */
  private static void settle(ApiRequests requests, Map<String, Integer> writes) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Map<String, Integer> seen = requests.writes();
              seen.forEach((k, v) -> writes.merge(k, v, Integer::sum));
              return seen.isEmpty();
            });
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Map<String, Integer> seen = requests.writes();
              seen.forEach((k, v) -> writes.merge(k, v, Integer::sum));
              return ApiRequests.count(seen, "PUT configmaps")
                      + ApiRequests.count(seen, "POST configmaps")
                  == 0;
            });
  }
}

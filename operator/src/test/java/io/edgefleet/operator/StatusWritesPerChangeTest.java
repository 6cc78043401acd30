package io.edgefleet.operator;

import static io.edgefleet.operator.support.Fleet.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.operator.support.ApiRequests;
import io.edgefleet.operator.support.Fleet;
import io.edgefleet.operator.support.TestOperators;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What {@code kubectl get edev -w} shows for one deployment change: the device's status is written
 * exactly three times, each a different state (docs/operations.md, Troubleshooting): the operator
 * writes the new desired version (Pending), the agent reports it, the operator writes InSync. Then
 * nothing more is written, and no two successive watch events carry the same status.
 */
@EnableKubernetesMockClient(crud = true)
class StatusWritesPerChangeTest {

  static {
    QuietMockServer.install();
  }

  /** How long without any write counts as settled. */
  static final Duration QUIET = Duration.ofSeconds(2);

  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void oneDeploymentChangeWritesTheDeviceStatusOncePerState() {
    Fleet fleet = new Fleet(client, "writes-per-change");
    fleet.create(Fixtures.device("", "d1", "environment", "prod"));
    fleet.create(
        Fixtures.deployment("", "prod-base")
            .target("tags.environment='prod'")
            .module("sensor", "sensor:1")
            .build());
    EdgeFleetOperator operator = TestOperators.started(client);
    List<EdgeDeviceStatus> events = new CopyOnWriteArrayList<>();
    Watch watch = watch(fleet, events);
    try {
      eventually(
          () -> assertThat(fleet.device("d1").getStatus().getSyncState()).isEqualTo("Pending"));
      String v1 = fleet.device("d1").getStatus().getDesiredVersion();
      fleet.report("d1", report(v1, 200));
      eventually(
          () -> assertThat(fleet.device("d1").getStatus().getSyncState()).isEqualTo("InSync"));
      ApiRequests requests = new ApiRequests(server);
      requests.writesUntilQuiet(QUIET);
      int before = events.size();

      // one change of the deployment; the agent applies it once the device's status names it
      fleet.edit(
          "prod-base",
          d -> {
            d.getSpec().getModules().get("sensor").setImage("sensor:2");
            return d;
          });
      eventually(
          () -> {
            EdgeDeviceStatus status = fleet.device("d1").getStatus();
            assertThat(status.getDesiredVersion()).isNotEqualTo(v1);
            assertThat(status.getSyncState()).isEqualTo("Pending");
          });
      String v2 = fleet.device("d1").getStatus().getDesiredVersion();
      fleet.report("d1", report(v2, 200));
      eventually(
          () -> assertThat(fleet.device("d1").getStatus().getSyncState()).isEqualTo("InSync"));

      // then nothing more is written for a while
      Map<String, Integer> writes = requests.writesUntilQuiet(QUIET);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> ApiRequests.count(requests.writes(), "PATCH edgedevices/status") == 0);
      System.out.println("writes for one deployment change over one device: " + writes);
      // the operator's Pending, the agent's report, the operator's InSync
      assertThat(ApiRequests.count(writes, "PATCH edgedevices/status")).isEqualTo(3);
      assertThat(
              ApiRequests.count(writes, "POST configmaps")
                  + ApiRequests.count(writes, "PUT configmaps"))
          .isEqualTo(1);

      // the watch saw those three, each a different status than the one before
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(events).hasSizeGreaterThanOrEqualTo(before + 3));
      List<EdgeDeviceStatus> change = new ArrayList<>(events.subList(before - 1, events.size()));
      assertThat(change).hasSize(4);
      assertThat(change.stream().map(EdgeDeviceStatus::getSyncState).toList())
          .containsExactly("InSync", "Pending", "Pending", "InSync");
      KubernetesSerialization json = client.getKubernetesSerialization();
      for (int i = 1; i < change.size(); i++) {
        assertThat(json.asJson(change.get(i)))
            .as("event %d differs from the one before", i)
            .isNotEqualTo(json.asJson(change.get(i - 1)));
      }
    } finally {
      watch.close();
      operator.close();
    }
  }

  /** Records the device's status at every event of a watch on it (as kubectl get -w). */
  private static Watch watch(Fleet fleet, List<EdgeDeviceStatus> events) {
    return client
        .resources(EdgeDevice.class)
        .inNamespace(fleet.namespace())
        .withName("d1")
        .watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, EdgeDevice device) {
                if (device.getStatus() != null) {
                  events.add(device.getStatus());
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }

  private static String report(String version, int code) {
    return "{\"lastDesiredVersion\":\""
        + version
        + "\",\"lastDesiredStatus\":{\"code\":"
        + code
        + "}}";
  }
}

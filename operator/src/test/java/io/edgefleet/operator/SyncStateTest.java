package io.edgefleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.DeviceBehind;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.operator.status.Conditions;
import io.edgefleet.operator.support.Fleet;
import io.edgefleet.operator.support.TestOperators;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Written is not running: a device is InSync only when its agent reports the desired version with
 * 200, and the deployment lists the devices that are behind (docs/concepts.md, "Written and
 * running").
 */
@EnableKubernetesMockClient(crud = true)
class SyncStateTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;
  static EdgeFleetOperator operator;

  @BeforeAll
  static void startOperator() {
    operator = TestOperators.started(client);
  }

  @AfterAll
  static void stopOperator() {
    operator.close();
  }

  @Test
  void aDeviceWhoseAgentHasNotReportedTheNewVersionIsPendingAndListedOnItsDeployment() {
    Fleet fleet = new Fleet(client, "sync-pending");
    fleet.create(Fixtures.device("", "d1", "environment", "prod"));
    fleet.create(Fixtures.device("", "d2", "environment", "prod"));
    fleet.create(Fixtures.device("", "d3", "environment", "dev"));
    fleet.create(
        Fixtures.deployment("", "prod-base")
            .target("tags.environment='prod'")
            .module("sensor", "sensor:1")
            .build());

    // no agent at all: written (Ready) but not running (Pending)
    eventually(
        () -> {
          EdgeDevice d1 = fleet.device("d1");
          assertThat(d1.getStatus().getSyncState()).isEqualTo("Pending");
          assertCondition(d1, Conditions.READY, true, "ConfigurationCurrent");
          assertCondition(d1, Conditions.IN_SYNC, false, "AgentHasNotReported");
          assertThat(fleet.device("d3").getStatus().getSyncState()).isEqualTo("NotManaged");
          assertCondition(fleet.device("d3"), Conditions.IN_SYNC, false, "NoDeployment");
        });
    String v1 = fleet.device("d1").getStatus().getDesiredVersion();
    fleet.report("d1", report(v1, 200));
    fleet.report("d2", report(v1, 200));
    eventually(
        () -> {
          assertThat(fleet.device("d1").getStatus().getSyncState()).isEqualTo("InSync");
          assertCondition(
              fleet.device("d1"), Conditions.IN_SYNC, true, "AgentReportsDesiredVersion");
          EdgeDeploymentStatus status = fleet.deployment("prod-base").getStatus();
          assertThat(status.getPendingCount()).isZero();
          assertThat(status.getDevicesBehindCount()).isZero();
          assertThat(status.getDevicesBehind()).isNull();
        });

    // the content changes while d1's agent is stopped; d2's agent applies it and then fails
    fleet.edit("prod-base", d -> image(d, "sensor:2"));
    eventually(
        () -> assertThat(fleet.device("d2").getStatus().getDesiredVersion()).isNotEqualTo(v1));
    String v2 = fleet.device("d2").getStatus().getDesiredVersion();
    fleet.report("d2", report(v2, 500));
    eventually(
        () -> {
          EdgeDevice d1 = fleet.device("d1");
          assertThat(d1.getStatus().getSyncState()).isEqualTo("Pending");
          assertCondition(d1, Conditions.READY, true, "ConfigurationCurrent");
          assertCondition(d1, Conditions.IN_SYNC, false, "AgentReportsOlderVersion");
          assertThat(
                  Conditions.find(d1.getStatus().getConditions(), Conditions.IN_SYNC).getMessage())
              .contains(v1, v2);
          assertThat(fleet.device("d2").getStatus().getSyncState()).isEqualTo("Failed");
          EdgeDeploymentStatus status = fleet.deployment("prod-base").getStatus();
          assertThat(status.getAppliedCount()).isEqualTo(2);
          assertThat(status.getPendingCount()).isEqualTo(1);
          assertThat(status.getReportedFailedCount()).isEqualTo(1);
          assertThat(status.getDevicesBehindCount()).isEqualTo(2);
          assertThat(status.getDevicesBehind())
              .extracting(DeviceBehind::getName, DeviceBehind::getSyncState)
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple("d1", "Pending"),
                  org.assertj.core.groups.Tuple.tuple("d2", "Failed"));
          assertThat(status.getDevicesBehind().get(0).getMessage())
              .contains("still reports version " + v1);
        });

    // both catch up: nothing is behind any more
    fleet.report("d1", report(v2, 200));
    fleet.report("d2", report(v2, 200));
    eventually(
        () -> {
          assertThat(fleet.device("d1").getStatus().getSyncState()).isEqualTo("InSync");
          assertThat(fleet.device("d2").getStatus().getSyncState()).isEqualTo("InSync");
          EdgeDeploymentStatus status = fleet.deployment("prod-base").getStatus();
          assertThat(status.getReportedSuccessfulCount()).isEqualTo(2);
          assertThat(status.getDevicesBehindCount()).isZero();
          assertThat(status.getDevicesBehind()).isNull();
        });
  }

  @Test
  void aFrozenDeviceSaysSo() {
    Fleet fleet = new Fleet(client, "sync-frozen");
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.deployment("", "main").module("a", "alpha:1").build());
    eventually(
        () -> assertThat(fleet.device("d1").getStatus().getSyncState()).isEqualTo("Pending"));
    fleet.edit(
        "main",
        d -> {
          d.getSpec().setTargetCondition("tags.x = ");
          return d;
        });
    eventually(
        () -> {
          EdgeDevice d1 = fleet.device("d1");
          assertThat(d1.getStatus().getSyncState()).isEqualTo("Frozen");
          assertCondition(d1, Conditions.IN_SYNC, false, "FrozenByInvalidDeployment");
        });
  }

  @Test
  void aDeploymentSaysWhenItsConditionTargetsNoDeviceOrComparesAStringWithANumber() {
    Fleet fleet = new Fleet(client, "sync-targets");
    fleet.create(Fixtures.device("", "d1", "floor", "2"));
    fleet.create(Fixtures.deployment("", "floor-2").target("tags.floor = 2").build());
    eventually(
        () -> {
          Condition targets =
              Conditions.find(
                  fleet.deployment("floor-2").getStatus().getConditions(),
                  Conditions.TARGETS_DEVICES);
          assertThat(targets.getStatus()).isEqualTo(Condition.FALSE);
          assertThat(targets.getReason()).isEqualTo("TargetsNoDevice");
          assertThat(targets.getMessage())
              .contains("tags.floor is compared with a number, but 1 device holds it as a string")
              .contains("matches none of the 1 device");
        });
    fleet.edit(
        "floor-2",
        d -> {
          d.getSpec().setTargetCondition("tags.floor = '2'");
          return d;
        });
    eventually(
        () -> {
          Condition targets =
              Conditions.find(
                  fleet.deployment("floor-2").getStatus().getConditions(),
                  Conditions.TARGETS_DEVICES);
          assertThat(targets.getStatus()).isEqualTo(Condition.TRUE);
          assertThat(targets.getReason()).isEqualTo("DevicesTargeted");
        });
  }

  /** Waits up to a minute: the machine running the tests may be busy. */
  private static void eventually(org.awaitility.core.ThrowingRunnable assertion) {
    await()
        .atMost(java.time.Duration.ofSeconds(60))
        .pollInterval(java.time.Duration.ofMillis(200))
        .ignoreExceptions()
        .untilAsserted(assertion);
  }

  private static String report(String version, int code) {
    return "{\"lastDesiredVersion\":\""
        + version
        + "\",\"lastDesiredStatus\":{\"code\":"
        + code
        + "}}";
  }

  private static EdgeDeployment image(EdgeDeployment deployment, String image) {
    deployment.getSpec().getModules().get("sensor").setImage(image);
    return deployment;
  }

  private static void assertCondition(
      EdgeDevice device, String type, boolean status, String reason) {
    Condition condition = Conditions.find(device.getStatus().getConditions(), type);
    assertThat(condition).as(type + " condition").isNotNull();
    assertThat(condition.getReason()).as(condition.getMessage()).isEqualTo(reason);
    assertThat(condition.getStatus()).isEqualTo(status ? Condition.TRUE : Condition.FALSE);
  }
}

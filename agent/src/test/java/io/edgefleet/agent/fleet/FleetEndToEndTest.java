package io.edgefleet.agent.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgefleet.agent.runtime.FailureInjection;
import io.edgefleet.agent.support.Cluster;
import io.edgefleet.agent.support.Fleets;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.config.SettingsParser;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole loop on the mock API server: the real operator writes each device's ConfigMap, a
 * simulated fleet's agents apply and report, and the operator's deployment counts follow.
 */
@EnableKubernetesMockClient(crud = true)
class FleetEndToEndTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;
  static EdgeFleetOperator operator;

  @BeforeAll
  static void startOperator() {
    // deployment counts recomputed every 250 ms (default 2 s) so that short dips are seen
    operator =
        EdgeFleetOperator.create(
            client,
            SettingsParser.parse(
                Map.of("EDGEFLEET_HTTP_PORT", "0", "EDGEFLEET_STATUS_INTERVAL", "250ms")),
            Clock.systemUTC());
    operator.start();
  }

  @AfterAll
  static void stopOperator() {
    operator.close();
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50));
  }

  private static EdgeDeploymentStatus status(String namespace, String deployment) {
    return Cluster.deploymentStatus(client, namespace, deployment);
  }

  private static List<EdgeDevice> devices(String namespace) {
    return client.resources(EdgeDevice.class).inNamespace(namespace).list().getItems();
  }

  private static long count(Long value) {
    return value == null ? 0 : value;
  }

  @Test
  void aDeploymentReachesEveryDeviceAndANewVersionGoesBackToPendingThenToSuccess()
      throws Exception {
    String ns = "healthy";
    int n = 30;
    try (SimulatedFleet fleet =
        new SimulatedFleet(
            client,
            Fleets.settings(
                ns, n, "building=1..3,environment=prod|test", null, FailureInjection.none()),
            Clock.systemUTC())) {
      fleet.start();
      assertThat(devices(ns)).hasSize(n);
      client
          .resource(
              Fixtures.deployment(ns, "base")
                  .module("sensor", "mcr.microsoft.com/sensor:1.0")
                  .module("filter", "contoso.azurecr.io/filter:1.0", 1L, null)
                  .build())
          .create();
      eventually()
          .untilAsserted(
              () -> {
                EdgeDeploymentStatus status = status(ns, "base");
                assertThat(count(status.getTargetedCount())).isEqualTo(n);
                assertThat(count(status.getAppliedCount())).isEqualTo(n);
                assertThat(count(status.getReportedSuccessfulCount())).isEqualTo(n);
                assertThat(count(status.getReportedFailedCount())).isZero();
              });
      assertThat(fleet.progress().applied()).isEqualTo(n);
      for (EdgeDevice device : devices(ns)) {
        assertThat(device.getStatus().getReported().get("lastDesiredVersion").asText())
            .isEqualTo(device.getStatus().getDesiredVersion());
        assertThat(
                device
                    .getStatus()
                    .getReported()
                    .get("modules")
                    .get("filter")
                    .get("runtimeStatus")
                    .asText())
            .isEqualTo("running");
      }
      String firstVersion = devices(ns).get(0).getStatus().getDesiredVersion();

      // a new version of the deployment: counts drop while devices apply it, then come back
      client
          .resources(EdgeDeployment.class)
          .inNamespace(ns)
          .withName("base")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"modules\":{\"filter\":{\"image\":\"contoso.azurecr.io/filter:1.1\"}}}}");
      eventually().until(() -> count(status(ns, "base").getReportedSuccessfulCount()) < n);
      eventually()
          .untilAsserted(
              () -> {
                assertThat(count(status(ns, "base").getReportedSuccessfulCount())).isEqualTo(n);
                for (EdgeDevice device : devices(ns)) {
                  String desired = device.getStatus().getDesiredVersion();
                  assertThat(desired).isNotEqualTo(firstVersion);
                  assertThat(device.getStatus().getReported().get("lastDesiredVersion").asText())
                      .isEqualTo(desired);
                }
              });
      assertThat(fleet.runtime("sim-00001").modules().get("filter").spec().image())
          .isEqualTo("contoso.azurecr.io/filter:1.1");
    }
  }

  @Test
  void devicesWhereAnImageFailsAreCountedAsFailedAndSayWhy() throws Exception {
    String ns = "failing";
    int n = 24;
    try (SimulatedFleet fleet =
        new SimulatedFleet(
            client,
            Fleets.settings(ns, n, "floor=1..3", null, FailureInjection.images("*/filter:2.0")),
            Clock.systemUTC())) {
      fleet.start();
      client
          .resource(
              Fixtures.deployment(ns, "base")
                  .module("sensor", "mcr.microsoft.com/sensor:1.0")
                  .build())
          .create();
      EdgeDeployment layer =
          Fixtures.deployment(ns, "floor1-filter")
              .target("tags.floor='1'")
              .priority(20)
              .module("filter", "contoso.azurecr.io/filter:2.0")
              .build();
      layer.getSpec().setLayered(true);
      client.resource(layer).create();

      Set<String> floor1 =
          devices(ns).stream()
              .filter(d -> d.getSpec().getTags().get("floor").asText().equals("1"))
              .map(d -> d.getMetadata().getName())
              .collect(Collectors.toSet());
      assertThat(floor1).isNotEmpty().hasSizeLessThan(n);
      eventually()
          .untilAsserted(
              () -> {
                EdgeDeploymentStatus layered = status(ns, "floor1-filter");
                assertThat(count(layered.getAppliedCount())).isEqualTo(floor1.size());
                assertThat(count(layered.getReportedFailedCount())).isEqualTo(floor1.size());
                assertThat(count(layered.getReportedSuccessfulCount())).isZero();
                EdgeDeploymentStatus base = status(ns, "base");
                assertThat(count(base.getReportedFailedCount())).isEqualTo(floor1.size());
                assertThat(count(base.getReportedSuccessfulCount())).isEqualTo(n - floor1.size());
              });
      for (EdgeDevice device : devices(ns)) {
        var reported = device.getStatus().getReported();
        if (floor1.contains(device.getMetadata().getName())) {
          assertThat(reported.get("lastDesiredStatus").get("code").asInt()).isEqualTo(500);
          assertThat(reported.get("lastDesiredStatus").get("description").asText())
              .contains(
                  "module filter (contoso.azurecr.io/filter:2.0) failed to start: image matches"
                      + " failure pattern */filter:2.0");
          assertThat(reported.get("modules").get("filter").get("exitCode").asInt()).isEqualTo(1);
        } else {
          assertThat(reported.get("lastDesiredStatus").get("code").asInt()).isEqualTo(200);
          assertThat(reported.get("modules").has("filter")).isFalse();
        }
      }
      assertThat(fleet.progress().failed()).isEqualTo(floor1.size());
    }
  }

  @Test
  void targetingAndMetricsOverReportedPropertiesCountTheReportingDevices() throws Exception {
    String ns = "models";
    int n = 20;
    try (SimulatedFleet fleet =
        new SimulatedFleet(
            client,
            Fleets.settings(ns, n, null, "devicemodel=4000x|3000x", FailureInjection.none()),
            Clock.systemUTC())) {
      fleet.start();
      client
          .resource(
              Fixtures.deployment(ns, "base")
                  .module("sensor", "mcr.microsoft.com/sensor:1.0")
                  .metric(
                      "model4000x",
                      "SELECT deviceId FROM devices WHERE properties.reported.devicemodel='4000x'")
                  .build())
          .create();
      EdgeDeployment vibration =
          Fixtures.deployment(ns, "vibration")
              .target("properties.reported.devicemodel='4000x'")
              .priority(30)
              .module("vibration", "contoso.azurecr.io/vibration:1.3")
              .build();
      vibration.getSpec().setLayered(true);
      client.resource(vibration).create();

      eventually()
          .untilAsserted(
              () ->
                  assertThat(devices(ns))
                      .allSatisfy(
                          d -> assertThat(d.getStatus().getReported()).containsKey("devicemodel")));
      Set<String> models4000 =
          devices(ns).stream()
              .filter(d -> d.getStatus().getReported().get("devicemodel").asText().equals("4000x"))
              .map(d -> d.getMetadata().getName())
              .collect(Collectors.toSet());
      assertThat(models4000).isNotEmpty().hasSizeLessThan(n);
      eventually()
          .untilAsserted(
              () -> {
                EdgeDeploymentStatus base = status(ns, "base");
                assertThat(base.getMetrics()).containsEntry("model4000x", (long) models4000.size());
                assertThat(count(base.getReportedSuccessfulCount())).isEqualTo(n);
                EdgeDeploymentStatus layer = status(ns, "vibration");
                assertThat(count(layer.getTargetedCount())).isEqualTo(models4000.size());
                assertThat(count(layer.getReportedSuccessfulCount())).isEqualTo(models4000.size());
              });
      for (String device : models4000) {
        assertThat(fleet.runtime(device).modules()).containsKey("vibration");
      }
    }
  }
}

package io.edgefleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.operator.config.OperatorSettings;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class OperatorSmokeTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void writesAConfigMapForATargetedDevice() {
    try (EdgeFleetOperator operator =
        EdgeFleetOperator.create(client, OperatorSettings.local(), Clock.systemUTC())) {
      operator.start();
      client.resource(Fixtures.device("smoke", "d1", "environment", "prod")).create();
      client
          .resource(
              Fixtures.deployment("smoke", "base")
                  .target("tags.environment='prod'")
                  .module("sensor", "sensor:1")
                  .build())
          .create();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                ConfigMap cm =
                    client
                        .configMaps()
                        .inNamespace("smoke")
                        .withName(GeneratedObjects.configMapName("d1"))
                        .get();
                assertThat(cm).isNotNull();
                assertThat(cm.getData().get(GeneratedObjects.MANIFEST_KEY)).contains("sensor:1");
                EdgeDevice device =
                    client.resources(EdgeDevice.class).inNamespace("smoke").withName("d1").get();
                assertThat(device.getStatus()).isNotNull();
                assertThat(device.getStatus().getBaseDeployment()).isEqualTo("base");
                EdgeDeployment deployment =
                    client
                        .resources(EdgeDeployment.class)
                        .inNamespace("smoke")
                        .withName("base")
                        .get();
                assertThat(deployment.getStatus()).isNotNull();
                assertThat(deployment.getStatus().getAppliedCount()).isEqualTo(1L);
              });
    }
  }
}

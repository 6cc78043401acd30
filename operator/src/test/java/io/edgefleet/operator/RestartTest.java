package io.edgefleet.operator;

import static io.edgefleet.operator.support.Fleet.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.edgefleet.operator.support.Fleet;
import io.edgefleet.operator.support.TestOperators;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

/**
 * Decisions come from what the cluster stores, not from memory: changes made while the operator is
 * down are applied when a new one starts, and sticky devices stay untouched.
 */
@EnableKubernetesMockClient(crud = true)
class RestartTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void aNewOperatorConvergesOnWhatChangedWhileNoneRan() {
    Fleet fleet = new Fleet(client, "restart");
    fleet.create(Fixtures.device("", "moves", "environment", "prod"));
    fleet.create(Fixtures.device("", "sticky", "environment", "prod"));
    fleet.create(Fixtures.device("", "edited", "environment", "test"));
    fleet.create(
        Fixtures.deployment("", "prod")
            .target("tags.environment='prod'")
            .module("p", "prod-img:1")
            .build());
    fleet.create(
        Fixtures.deployment("", "test")
            .target("tags.environment='test'")
            .module("t", "test-img:1")
            .build());
    EdgeFleetOperator first = TestOperators.started(client);
    try {
      eventually(
          () -> {
            assertThat(fleet.manifest("sticky")).contains("prod-img:1");
            assertThat(fleet.manifest("edited")).contains("test-img:1");
          });
    } finally {
      first.close();
    }
    String stickyVersion = fleet.configMap("sticky").getMetadata().getResourceVersion();

    // while no operator runs
    fleet.editDevice("moves", d -> tag(d, "environment", "test"));
    fleet.editDevice("sticky", d -> tag(d, "environment", "retired"));
    fleet.edit(
        "test",
        d -> {
          d.getSpec().getModules().get("t").setImage("test-img:2");
          return d;
        });

    EdgeFleetOperator second = TestOperators.started(client);
    try {
      eventually(
          () -> {
            assertThat(fleet.manifest("moves")).contains("test-img:2").doesNotContain("prod-img");
            assertThat(fleet.manifest("edited")).contains("test-img:2");
            assertThat(fleet.device("sticky").getStatus().getManaged()).isFalse();
          });
      assertThat(fleet.configMap("sticky").getMetadata().getResourceVersion())
          .isEqualTo(stickyVersion);
      assertThat(fleet.manifest("sticky")).contains("prod-img:1");
    } finally {
      second.close();
    }
  }

  private static io.edgefleet.api.v1alpha1.EdgeDevice tag(
      io.edgefleet.api.v1alpha1.EdgeDevice device, String key, String value) {
    device.getSpec().getTags().put(key, JsonNodeFactory.instance.textNode(value));
    return device;
  }
}

package io.edgefleet.operator;

import static io.edgefleet.operator.support.Fleet.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeFleetApi;
import io.edgefleet.operator.status.Conditions;
import io.edgefleet.operator.support.Fleet;
import io.edgefleet.operator.support.TestOperators;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One stored object that the operator's Java types cannot hold (a number out of range, a wrong type
 * an older schema allowed) never stops an informer or a loop: the object is reported and skipped
 * (or its status repaired), every other object converges, and the operator stays healthy, also when
 * it starts while the object exists. The objects are stored behind the schema's back, as the mock
 * does not validate; a real API server refuses them now that every integer is bounded.
 */
@EnableKubernetesMockClient(crud = true)
class BadObjectsTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void aDeploymentWithAnOutOfRangePriorityIsInvalidAndTheRestConverges() {
    Fleet fleet = new Fleet(client, "bad-deployment");
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.deployment("", "good").priority(5).module("m", "m:1").build());
    store(
        fleet,
        "EdgeDeployment",
        "huge",
        Map.of("priority", 2147483648L, "targetCondition", "*", "modules", Map.of()));

    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      eventually(
          () -> {
            assertThat(fleet.manifest("d1")).contains("m:1");
            Condition ready = ready(fleet.deployment("huge"));
            assertThat(ready.getStatus()).isEqualTo(Condition.FALSE);
            assertThat(ready.getReason()).isEqualTo("InvalidSpec");
            assertThat(ready.getMessage()).contains("spec.priority").contains("2147483648");
            assertThat(operator.metrics().unreadableCount("EdgeDeployment", "spec")).isPositive();
          });
      // the informers still run: a device created now converges too
      fleet.create(Fixtures.device("", "d2"));
      eventually(() -> assertThat(fleet.manifest("d2")).contains("m:1"));
      assertThat(operator.healthy()).isTrue();
      assertThat(operator.ready()).isTrue();
    }
  }

  @Test
  void aForgedOutOfRangeDeviceStatusIsRepairedAndTheRestConverges() {
    Fleet fleet = new Fleet(client, "bad-device-status");
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.device("", "forger"));
    fleet.create(Fixtures.deployment("", "good").priority(5).module("m", "m:1").build());
    patchStatus(
        fleet,
        "forger",
        "{\"status\":{\"reported\":{\"devicemodel\":\"4000x\"},"
            + "\"deployments\":[{\"name\":\"x\",\"priority\":2147483648}]}}");

    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      eventually(
          () -> {
            assertThat(fleet.manifest("d1")).contains("m:1");
            assertThat(fleet.manifest("forger")).contains("m:1");
            EdgeDevice forger = fleet.device("forger");
            assertThat(forger.getStatus().getDeployments())
                .extracting(d -> d.getName())
                .containsExactly("good");
            assertThat(forger.getStatus().getReported()).containsKey("devicemodel");
            assertThat(operator.metrics().unreadableCount("EdgeDevice", "status")).isPositive();
          });
      fleet.create(Fixtures.device("", "d2"));
      eventually(() -> assertThat(fleet.manifest("d2")).contains("m:1"));
      assertThat(operator.healthy()).isTrue();
    }
  }

  @Test
  void aDeviceWhoseSpecCannotBeReadKeepsItsConfigurationAndTheRestConverges() {
    Fleet fleet = new Fleet(client, "bad-device-spec");
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.deployment("", "good").priority(5).module("m", "m:1").build());
    store(fleet, "EdgeDevice", "garbled", Map.of("tags", List.of("not", "an", "object")));

    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      eventually(
          () -> {
            assertThat(fleet.manifest("d1")).contains("m:1");
            Condition ready = ready(fleet.device("garbled"));
            assertThat(ready.getStatus()).isEqualTo(Condition.FALSE);
            assertThat(ready.getReason()).isEqualTo("UnreadableSpec");
            assertThat(ready.getMessage()).contains("spec.tags");
            assertThat(operator.metrics().unreadableCount("EdgeDevice", "spec")).isPositive();
          });
      assertThat(fleet.configMap("garbled")).isNull();
      fleet.create(Fixtures.device("", "d2"));
      eventually(() -> assertThat(fleet.manifest("d2")).contains("m:1"));
      assertThat(operator.healthy()).isTrue();
    }
  }

  @Test
  void aDeploymentWithAGarbledStatusIsRepaired() {
    Fleet fleet = new Fleet(client, "bad-deployment-status");
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.deployment("", "good").priority(5).module("m", "m:1").build());
    client
        .genericKubernetesResources(context("EdgeDeployment"))
        .inNamespace(fleet.namespace())
        .withName("good")
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"targetedCount\":\"lots\",\"metrics\":{\"x\":1e40}}}");

    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      eventually(
          () -> {
            assertThat(fleet.manifest("d1")).contains("m:1");
            EdgeDeployment good = fleet.deployment("good");
            assertThat(good.getStatus().getTargetedCount()).isEqualTo(1L);
            assertThat(good.getStatus().getMetrics()).isNull();
          });
      assertThat(operator.healthy()).isTrue();
    }
  }

  private static Condition ready(io.fabric8.kubernetes.api.model.HasMetadata object) {
    var status =
        object instanceof EdgeDevice d
            ? d.getStatus().getConditions()
            : ((EdgeDeployment) object).getStatus().getConditions();
    return Conditions.find(status, Conditions.READY);
  }

  /** Stores an object as given, without the typed model (which would refuse it). */
  private static void store(Fleet fleet, String kind, String name, Map<String, Object> spec) {
    String namespace = fleet.namespace();
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(EdgeFleetApi.API_VERSION);
    object.setKind(kind);
    object.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    object.setAdditionalProperty("spec", spec);
    client
        .genericKubernetesResources(context(kind))
        .inNamespace(namespace)
        .resource(object)
        .create();
  }

  private static ResourceDefinitionContext context(String kind) {
    return ResourceDefinitionContext.fromResourceType(
        kind.equals("EdgeDevice") ? EdgeDevice.class : EdgeDeployment.class);
  }

  private static void patchStatus(Fleet fleet, String device, String body) {
    client
        .genericKubernetesResources(context("EdgeDevice"))
        .inNamespace(fleet.namespace())
        .withName(device)
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), body);
  }
}

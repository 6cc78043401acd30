package io.edgefleet.operator;

import static io.edgefleet.operator.support.Fleet.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.DeploymentConsideration;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.RegistryCredential;
import io.edgefleet.operator.status.Conditions;
import io.edgefleet.operator.support.Fleet;
import io.edgefleet.operator.support.TestOperators;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * docs/concepts.md section 5 (changes over time) end to end against the API server (the mock in
 * CRUD mode): every way a device's configuration can change, and every way it must not.
 */
@EnableKubernetesMockClient(crud = true)
class DeviceLifecycleTest {

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

  private static Fleet fleet(TestInfo test) {
    String name = test.getTestMethod().orElseThrow().getName().toLowerCase();
    return new Fleet(client, name.length() > 40 ? name.substring(0, 40) : name);
  }

  @Test
  void targetedDevicesGetAConfigMapOwnedByTheirEdgeDevice(TestInfo test) {
    Fleet fleet = fleet(test);
    EdgeDevice prod = fleet.create(Fixtures.device("", "d1", "environment", "prod"));
    fleet.create(Fixtures.device("", "d2", "environment", "dev"));
    fleet.create(
        Fixtures.deployment("", "prod-base")
            .target("tags.environment='prod'")
            .module("sensor", "sensor:1")
            .route("up", "FROM /messages/* INTO $upstream")
            .build());

    eventually(
        () -> {
          ConfigMap cm = fleet.configMap("d1");
          assertThat(cm).isNotNull();
          assertThat(cm.getMetadata().getOwnerReferences())
              .singleElement()
              .satisfies(
                  (OwnerReference owner) -> {
                    assertThat(owner.getKind()).isEqualTo("EdgeDevice");
                    assertThat(owner.getName()).isEqualTo("d1");
                    assertThat(owner.getUid()).isEqualTo(prod.getMetadata().getUid());
                    assertThat(owner.getController()).isTrue();
                  });
          assertThat(cm.getMetadata().getLabels())
              .containsEntry(GeneratedObjects.MANAGED_BY_LABEL, GeneratedObjects.MANAGED_BY)
              .containsEntry(GeneratedObjects.DEVICE_LABEL, "d1");
          String version = cm.getData().get(GeneratedObjects.DESIRED_VERSION_KEY);
          assertThat(cm.getMetadata().getAnnotations())
              .containsEntry(GeneratedObjects.DESIRED_VERSION_ANNOTATION, version)
              .containsEntry(GeneratedObjects.BASE_ANNOTATION, "prod-base");
          assertThat(cm.getData().get(GeneratedObjects.MANIFEST_KEY))
              .contains("\"sensor\"", "sensor:1", "FROM /messages/* INTO $upstream");
          EdgeDevice device = fleet.device("d1");
          assertThat(device.getStatus().getManaged()).isTrue();
          assertThat(device.getStatus().getBaseDeployment()).isEqualTo("prod-base");
          assertThat(device.getStatus().getDesiredVersion()).isEqualTo(version);
          assertThat(device.getStatus().getConfigMapName()).isEqualTo(cm.getMetadata().getName());
          assertReady(device.getStatus().getConditions(), true, "ConfigurationCurrent");
          assertThat(client.v1().events().inNamespace(fleet.namespace()).list().getItems())
              .anySatisfy(
                  e -> {
                    assertThat(e.getReason()).isEqualTo("ConfigurationChanged");
                    assertThat(e.getInvolvedObject().getName()).isEqualTo("d1");
                    assertThat(e.getMessage()).contains("prod-base", version);
                  });
          EdgeDevice other = fleet.device("d2");
          assertThat(other.getStatus().getManaged()).isFalse();
          assertReady(other.getStatus().getConditions(), true, "NoDeployment");
          assertThat(fleet.configMap("d2")).isNull();
        });
  }

  @Test
  void targetAndPriorityEditsMoveDevicesBetweenDeployments(TestInfo test) {
    Fleet fleet = fleet(test);
    fleet.create(Fixtures.device("", "d1", "environment", "prod"));
    fleet.create(Fixtures.deployment("", "fallback").priority(5).module("a", "alpha:1").build());
    fleet.create(
        Fixtures.deployment("", "prod")
            .priority(20)
            .target("tags.environment='prod'")
            .module("b", "bravo:1")
            .build());
    eventually(
        () -> assertThat(fleet.device("d1").getStatus().getBaseDeployment()).isEqualTo("prod"));

    fleet.edit("prod", d -> target(d, "tags.environment='test'"));
    eventually(
        () -> {
          assertThat(fleet.device("d1").getStatus().getBaseDeployment()).isEqualTo("fallback");
          assertThat(fleet.manifest("d1")).contains("alpha:1").doesNotContain("bravo:1");
        });

    fleet.edit("fallback", d -> priority(d, 1));
    fleet.create(Fixtures.deployment("", "other").priority(3).module("c", "charlie:1").build());
    eventually(
        () -> assertThat(fleet.device("d1").getStatus().getBaseDeployment()).isEqualTo("other"));
    fleet.edit("fallback", d -> priority(d, 4));
    eventually(
        () -> assertThat(fleet.device("d1").getStatus().getBaseDeployment()).isEqualTo("fallback"));
  }

  @Test
  void contentEditsReachEveryTargetedDeviceWithANewVersion(TestInfo test) {
    Fleet fleet = fleet(test);
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.device("", "d2"));
    fleet.create(Fixtures.deployment("", "base").module("sensor", "sensor:1").build());
    eventually(() -> assertThat(fleet.manifest("d2")).contains("sensor:1"));
    String before = fleet.device("d1").getStatus().getDesiredVersion();

    fleet.edit("base", d -> module(d, "sensor", "sensor:2"));
    eventually(
        () -> {
          for (String device : new String[] {"d1", "d2"}) {
            assertThat(fleet.manifest(device)).contains("sensor:2").doesNotContain("sensor:1");
            assertThat(fleet.device(device).getStatus().getDesiredVersion()).isNotEqualTo(before);
          }
        });
  }

  @Test
  void deletingADeploymentFallsBackOrKeepsWhatTheDeviceHas(TestInfo test) {
    Fleet fleet = fleet(test);
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.deployment("", "low").priority(1).module("a", "alpha:1").build());
    fleet.create(Fixtures.deployment("", "high").priority(9).module("b", "bravo:1").build());
    eventually(
        () -> assertThat(fleet.device("d1").getStatus().getBaseDeployment()).isEqualTo("high"));

    fleet.deleteDeployment("high");
    eventually(
        () -> assertThat(fleet.manifest("d1")).contains("alpha:1").doesNotContain("bravo:1"));

    String resourceVersion = fleet.configMap("d1").getMetadata().getResourceVersion();
    String manifest = fleet.manifest("d1");
    fleet.deleteDeployment("low");
    eventually(
        () -> {
          EdgeDevice device = fleet.device("d1");
          assertThat(device.getStatus().getManaged()).isFalse();
          assertReady(device.getStatus().getConditions(), true, "NotManaged");
          // it still runs low's configuration: the status says so
          assertThat(device.getStatus().getBaseDeployment()).isEqualTo("low");
          assertThat(device.getStatus().getSyncState()).isEqualTo("NotManaged");
          assertThat(
                  Conditions.find(device.getStatus().getConditions(), Conditions.READY)
                      .getMessage())
              .contains("(base low, no layers)");
        });
    ConfigMap kept = fleet.configMap("d1");
    assertThat(kept.getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
    assertThat(kept.getData().get(GeneratedObjects.MANIFEST_KEY)).isEqualTo(manifest);
  }

  @Test
  void aDeviceThatMatchesNothingKeepsItsConfigurationUntilADeploymentTargetsItAgain(TestInfo test) {
    Fleet fleet = fleet(test);
    fleet.create(Fixtures.device("", "d1", "environment", "prod"));
    fleet.create(
        Fixtures.deployment("", "prod")
            .target("tags.environment='prod'")
            .module("a", "alpha:1")
            .build());
    eventually(() -> assertThat(fleet.manifest("d1")).contains("alpha:1"));
    String resourceVersion = fleet.configMap("d1").getMetadata().getResourceVersion();

    fleet.editDevice("d1", d -> tag(d, "environment", "lab"));
    eventually(() -> assertThat(fleet.device("d1").getStatus().getManaged()).isFalse());
    assertThat(fleet.configMap("d1").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
    assertThat(fleet.device("d1").getStatus().getDesiredVersion())
        .isEqualTo(fleet.configMap("d1").getData().get(GeneratedObjects.DESIRED_VERSION_KEY));

    fleet.create(
        Fixtures.deployment("", "lab")
            .target("tags.environment='lab'")
            .module("z", "zulu:1")
            .build());
    eventually(
        () -> {
          assertThat(fleet.device("d1").getStatus().getBaseDeployment()).isEqualTo("lab");
          assertThat(fleet.manifest("d1")).contains("zulu:1").doesNotContain("alpha:1");
        });
  }

  @Test
  void layersApplyOnlyAboveTheBaseAndTheStatusSaysWhy(TestInfo test) {
    Fleet fleet = fleet(test);
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.deployment("", "base").priority(10).module("a", "alpha:1").build());
    fleet.create(
        Fixtures.deployment("", "above").priority(20).layered().module("b", "bravo:1").build());
    fleet.create(
        Fixtures.deployment("", "same").priority(10).layered().module("c", "charlie:1").build());
    eventually(
        () -> {
          EdgeDevice device = fleet.device("d1");
          assertThat(device.getStatus().getLayers()).containsExactly("above");
          assertThat(fleet.manifest("d1"))
              .contains("alpha:1", "bravo:1")
              .doesNotContain("charlie:1");
          Map<String, String> reasons = new LinkedHashMap<>();
          for (DeploymentConsideration c : device.getStatus().getDeployments()) {
            reasons.put(c.getName(), c.getReason());
          }
          assertThat(reasons)
              .containsEntry("base", "base")
              .containsEntry("above", "layer")
              .hasEntrySatisfying(
                  "same", r -> assertThat(r).startsWith("layered at or below base priority"));
        });
  }

  @Test
  void anInvalidEditFreezesItsDevicesAndAFixReleasesThem(TestInfo test) {
    Fleet fleet = fleet(test);
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.deployment("", "fallback").priority(1).module("f", "foxtrot:1").build());
    fleet.create(Fixtures.deployment("", "main").priority(5).module("m", "mike:1").build());
    eventually(() -> assertThat(fleet.manifest("d1")).contains("mike:1"));
    String resourceVersion = fleet.configMap("d1").getMetadata().getResourceVersion();

    fleet.edit("main", d -> module(target(d, "tags.environment = "), "m", "mike:2"));
    eventually(
        () -> {
          EdgeDeployment main = fleet.deployment("main");
          Condition ready = Conditions.find(main.getStatus().getConditions(), Conditions.READY);
          assertThat(ready.getStatus()).isEqualTo(Condition.FALSE);
          assertThat(ready.getReason()).isEqualTo("InvalidTargetCondition");
          assertThat(ready.getMessage()).contains("column");
          assertThat(main.getStatus().getObservedGeneration())
              .isEqualTo(main.getMetadata().getGeneration());
          assertReady(
              fleet.device("d1").getStatus().getConditions(), false, "FrozenByInvalidDeployment");
        });
    assertThat(fleet.configMap("d1").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
    assertThat(fleet.manifest("d1")).contains("mike:1").doesNotContain("foxtrot:1");

    fleet.edit("main", d -> target(d, "*"));
    eventually(
        () -> {
          assertThat(fleet.manifest("d1")).contains("mike:2");
          assertReady(fleet.device("d1").getStatus().getConditions(), true, "ConfigurationCurrent");
          assertReady(fleet.deployment("main").getStatus().getConditions(), true, "Valid");
          assertThat(client.v1().events().inNamespace(fleet.namespace()).list().getItems())
              .anySatisfy(
                  e -> {
                    assertThat(e.getReason()).isEqualTo("Unfrozen");
                    assertThat(e.getInvolvedObject().getName()).isEqualTo("d1");
                  });
        });
  }

  @Test
  void reportedPropertiesTargetDevicesAndReportsNeverGetOverwritten(TestInfo test) {
    Fleet fleet = fleet(test);
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.deployment("", "base").module("a", "alpha:1").build());
    fleet.create(
        Fixtures.deployment("", "model")
            .priority(50)
            .layered()
            .target("properties.reported.devicemodel = '4000x'")
            .module("vib", "vib:1")
            .build());
    eventually(
        () -> assertThat(fleet.device("d1").getStatus().getBaseDeployment()).isEqualTo("base"));
    assertThat(fleet.manifest("d1")).doesNotContain("vib:1");

    fleet.report("d1", "{\"devicemodel\":\"4000x\",\"lastDesiredStatus\":{\"code\":200}}");
    eventually(
        () -> {
          EdgeDevice device = fleet.device("d1");
          assertThat(device.getStatus().getLayers()).containsExactly("model");
          assertThat(fleet.manifest("d1")).contains("vib:1");
          assertThat(device.getStatus().getReported())
              .containsEntry("devicemodel", JsonNodeFactory.instance.textNode("4000x"));
        });
  }

  @Test
  void registryCredentialsGoToAPerDeviceSecretAndAMissingSecretHoldsTheUpdate(TestInfo test) {
    Fleet fleet = fleet(test);
    fleet.create(Fixtures.device("", "d1"));
    EdgeDeployment base =
        Fixtures.deployment("", "base").module("a", "contoso.azurecr.io/a:1").build();
    RegistryCredential credential = new RegistryCredential();
    credential.setAddress("contoso.azurecr.io");
    credential.setSecretName("contoso-pull");
    base.getSpec().setRegistryCredentials(Map.of("contoso", credential));
    fleet.create(base);
    eventually(
        () -> {
          EdgeDevice device = fleet.device("d1");
          assertReady(device.getStatus().getConditions(), false, "RegistrySecretMissing");
          assertThat(
                  Conditions.find(device.getStatus().getConditions(), Conditions.READY)
                      .getMessage())
              .contains("contoso-pull");
          // the deployment's author sees it too, with the count and the first devices
          assertThat(fleet.deployment("base").getStatus().getWarnings())
              .anySatisfy(
                  w ->
                      assertThat(w)
                          .startsWith(
                              "1 device keeps its previous configuration because the new one"
                                  + " cannot be written (RegistrySecretMissing): d1; d1: ")
                          .contains("contoso-pull"));
        });
    assertThat(fleet.configMap("d1")).isNull();

    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("contoso-pull")
                .withNamespace(fleet.namespace())
                .endMetadata()
                .withType("kubernetes.io/basic-auth")
                .withData(Map.of("username", b64("robot"), "password", b64("s3cret")))
                .build())
        .create();
    eventually(
        () -> {
          ConfigMap cm = fleet.configMap("d1");
          assertThat(cm).isNotNull();
          String secretName = GeneratedObjects.registrySecretName("d1");
          assertThat(cm.getData()).containsEntry(GeneratedObjects.REGISTRY_SECRET_KEY, secretName);
          assertThat(cm.getData().get(GeneratedObjects.MANIFEST_KEY))
              .doesNotContain("s3cret", "robot");
          Secret secret =
              client.secrets().inNamespace(fleet.namespace()).withName(secretName).get();
          assertThat(secret.getData())
              .containsEntry("contoso.username", b64("robot"))
              .containsEntry("contoso.password", b64("s3cret"));
          assertThat(secret.getMetadata().getOwnerReferences().get(0).getName()).isEqualTo("d1");
          assertThat(fleet.deployment("base").getStatus().getWarnings())
              .as("no device is held any more")
              .isNull();
          assertThat(fleet.device("d1").getStatus().getRegistrySecretName()).isEqualTo(secretName);
        });
  }

  @Test
  void aConfigurationTooLargeForAConfigMapIsRefusedAndTheDeviceKeepsItsOwn(TestInfo test) {
    Fleet fleet = fleet(test);
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.deployment("", "base").module("a", "alpha:1").build());
    eventually(() -> assertThat(fleet.manifest("d1")).contains("alpha:1"));
    String resourceVersion = fleet.configMap("d1").getMetadata().getResourceVersion();
    String huge = "x".repeat(1_100_000);
    fleet.edit(
        "base",
        d -> {
          d.getSpec().getModules().get("a").setEnv(Map.of("BLOB", huge));
          return d;
        });
    eventually(
        () ->
            assertReady(
                fleet.device("d1").getStatus().getConditions(), false, "ConfigurationTooLarge"));
    assertThat(fleet.configMap("d1").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
  }

  @Test
  void deploymentStatusCountsDevicesAndCustomMetrics(TestInfo test) {
    Fleet fleet = fleet(test);
    fleet.create(Fixtures.device("", "d1", "environment", "prod"));
    fleet.create(Fixtures.device("", "d2", "environment", "prod"));
    fleet.create(Fixtures.device("", "d3", "environment", "dev"));
    fleet.create(
        Fixtures.deployment("", "prod")
            .target("tags.environment='prod'")
            .module("a", "alpha:1")
            .metric("prodDevices", "SELECT deviceId FROM devices WHERE tags.environment = 'prod'")
            .metric("all", "SELECT * FROM devices")
            .build());
    eventually(() -> assertThat(fleet.device("d2").getStatus().getDesiredVersion()).isNotNull());
    String version = fleet.device("d1").getStatus().getDesiredVersion();
    fleet.report(
        "d1", "{\"lastDesiredVersion\":\"" + version + "\",\"lastDesiredStatus\":{\"code\":200}}");
    fleet.report(
        "d2", "{\"lastDesiredVersion\":\"" + version + "\",\"lastDesiredStatus\":{\"code\":500}}");
    eventually(
        () -> {
          EdgeDeployment prod = fleet.deployment("prod");
          assertThat(prod.getStatus().getTargetedCount()).isEqualTo(2);
          assertThat(prod.getStatus().getAppliedCount()).isEqualTo(2);
          assertThat(prod.getStatus().getReportedSuccessfulCount()).isEqualTo(1);
          assertThat(prod.getStatus().getReportedFailedCount()).isEqualTo(1);
          assertThat(prod.getStatus().getMetrics())
              .containsEntry("prodDevices", 2L)
              .containsEntry("all", 3L);
          assertThat(prod.getStatus().getObservedGeneration())
              .isEqualTo(prod.getMetadata().getGeneration());
          assertReady(prod.getStatus().getConditions(), true, "Valid");
        });
  }

  private static void assertReady(
      java.util.List<Condition> conditions, boolean status, String reason) {
    Condition ready = Conditions.find(conditions, Conditions.READY);
    assertThat(ready).as("Ready condition").isNotNull();
    assertThat(ready.getReason()).as(ready.getMessage()).isEqualTo(reason);
    assertThat(ready.getStatus()).isEqualTo(status ? Condition.TRUE : Condition.FALSE);
  }

  private static EdgeDeployment target(EdgeDeployment deployment, String condition) {
    deployment.getSpec().setTargetCondition(condition);
    return deployment;
  }

  private static EdgeDeployment priority(EdgeDeployment deployment, int priority) {
    deployment.getSpec().setPriority(priority);
    return deployment;
  }

  private static EdgeDeployment module(EdgeDeployment deployment, String name, String image) {
    deployment.getSpec().getModules().get(name).setImage(image);
    return deployment;
  }

  private static EdgeDevice tag(EdgeDevice device, String key, String value) {
    device.getSpec().getTags().put(key, JsonNodeFactory.instance.textNode(value));
    return device;
  }

  private static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}

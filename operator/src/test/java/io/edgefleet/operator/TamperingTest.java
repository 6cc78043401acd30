package io.edgefleet.operator;

import static io.edgefleet.operator.support.Fleet.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.RegistryCredential;
import io.edgefleet.operator.status.Conditions;
import io.edgefleet.operator.support.Fleet;
import io.edgefleet.operator.support.TestOperators;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What someone other than the operator can change, and what the operator does about it: ownership
 * by owner reference (not by label), provenance annotations verified against the content, forged
 * operator-owned status repaired, and registry credentials read only from Secrets meant for them.
 */
// operators and watches run for their effect within try blocks that need not name them
@SuppressWarnings("try")
@EnableKubernetesMockClient(crud = true)
class TamperingTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void anUnlabelledConfigMapOfTheDeviceIsAdoptedAndGetsLaterRollouts() {
    Fleet fleet = new Fleet(client, "adopt");
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.deployment("", "base").module("m", "m:1").build());
    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      eventually(() -> assertThat(fleet.manifest("d1")).contains("m:1"));
    }
    // someone strips the labels while the operator is down
    client
        .configMaps()
        .inNamespace(fleet.namespace())
        .withName(GeneratedObjects.configMapName("d1"))
        .edit(
            cm -> {
              cm.getMetadata().setLabels(Map.of("team", "ops"));
              return cm;
            });
    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      fleet.edit(
          "base",
          d -> {
            d.getSpec().getModules().get("m").setImage("m:2");
            return d;
          });
      eventually(
          () -> {
            ConfigMap cm = fleet.configMap("d1");
            assertThat(cm.getData().get(GeneratedObjects.MANIFEST_KEY)).contains("m:2");
            assertThat(cm.getMetadata().getLabels())
                .containsEntry(GeneratedObjects.MANAGED_BY_LABEL, GeneratedObjects.MANAGED_BY)
                .containsEntry("team", "ops");
            assertReady(fleet.device("d1"), true, "ConfigurationCurrent");
          });
    }
  }

  @Test
  void someoneElsesObjectsWithOurLabelsAndNamesAreNeverTouched() {
    Fleet fleet = new Fleet(client, "foreign");
    Map<String, String> ourLabels =
        GeneratedObjects.labels("d1", GeneratedObjects.CONFIGURATION_COMPONENT);
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(GeneratedObjects.configMapName("d1"))
                .withNamespace(fleet.namespace())
                .withLabels(ourLabels)
                .endMetadata()
                .withData(Map.of("mine", "keep me"))
                .build())
        .create();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(GeneratedObjects.registrySecretName("d2"))
                .withNamespace(fleet.namespace())
                .withLabels(GeneratedObjects.labels("d2", GeneratedObjects.CREDENTIALS_COMPONENT))
                .endMetadata()
                .withData(Map.of("token", b64("keep me")))
                .build())
        .create();
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.device("", "d2"));
    fleet.create(Fixtures.deployment("", "base").module("m", "m:1").build());
    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      eventually(
          () -> {
            assertReady(fleet.device("d1"), false, "NameConflict");
            // d2 has no credentials: before, the operator deleted the labelled Secret
            assertThat(fleet.manifest("d2")).contains("m:1");
            assertReady(fleet.device("d2"), true, "ConfigurationCurrent");
          });
      assertThat(fleet.configMap("d1").getData()).isEqualTo(Map.of("mine", "keep me"));
      assertThat(fleet.configMap("d1").getMetadata().getOwnerReferences()).isNullOrEmpty();
      Secret secret =
          client
              .secrets()
              .inNamespace(fleet.namespace())
              .withName(GeneratedObjects.registrySecretName("d2"))
              .get();
      assertThat(secret).isNotNull();
      assertThat(secret.getData()).containsEntry("token", b64("keep me"));
      assertThat(fleet.device("d2").getStatus().getRegistrySecretName()).isNull();
    }
  }

  @Test
  void anEditedProvenanceAnnotationIsRepaired() {
    Fleet fleet = new Fleet(client, "annotation");
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.deployment("", "base").module("m", "m:1").build());
    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      eventually(() -> assertThat(fleet.manifest("d1")).contains("m:1"));
      annotate(fleet, "d1", GeneratedObjects.BASE_ANNOTATION, "ghost");
      eventually(
          () ->
              assertThat(fleet.configMap("d1").getMetadata().getAnnotations())
                  .containsEntry(GeneratedObjects.BASE_ANNOTATION, "base"));
    }
  }

  @Test
  void anEditedBaseAnnotationCannotMoveAFrozenDevice() {
    Fleet fleet = new Fleet(client, "frozen");
    fleet.create(Fixtures.device("", "dev1"));
    fleet.create(
        Fixtures.deployment("", "real")
            .priority(20)
            .module("a", "alpha:1")
            .module("b", "bravo:1")
            .build());
    fleet.create(Fixtures.deployment("", "lower").priority(5).module("a", "alpha:1").build());
    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      eventually(
          () -> assertThat(fleet.device("dev1").getStatus().getBaseDeployment()).isEqualTo("real"));
    }
    // with the operator down: the annotation names a deployment that does not exist, and the real
    // base becomes invalid; the device must stay frozen on "real", keeping module b
    annotate(fleet, "dev1", GeneratedObjects.BASE_ANNOTATION, "ghost");
    fleet.edit(
        "real",
        d -> {
          d.getSpec().setTargetCondition("tags.x = = 'broken'");
          return d;
        });
    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      eventually(
          () -> {
            assertReady(fleet.device("dev1"), false, "FrozenByInvalidDeployment");
            assertThat(fleet.configMap("dev1").getMetadata().getAnnotations())
                .containsEntry(GeneratedObjects.BASE_ANNOTATION, "real");
          });
      assertThat(fleet.manifest("dev1")).contains("bravo:1");
      assertThat(fleet.device("dev1").getStatus().getBaseDeployment()).isEqualTo("real");
    }
  }

  @Test
  void statusFieldsTheOperatorOwnsAreRepairedWhenADeviceForgesThem() {
    Fleet fleet = new Fleet(client, "forged");
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.deployment("", "base").module("m", "m:1").build());
    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      fleet.report("d1", "{\"ok\":true}");
      eventually(
          () -> {
            assertReady(fleet.device("d1"), true, "ConfigurationCurrent");
            assertThat(fleet.device("d1").getStatus().getReported()).containsKey("ok");
          });
      EdgeDevice before = fleet.device("d1");
      // the agent's Role allows exactly this: a patch of its own status (reported untouched, so
      // only the operator's own fields changed; the default resync is minutes away)
      client
          .resources(EdgeDevice.class)
          .inNamespace(fleet.namespace())
          .withName("d1")
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON),
              "[{\"op\":\"add\",\"path\":\"/status/baseDeployment\",\"value\":\"forged\"},"
                  + "{\"op\":\"add\",\"path\":\"/status/desiredVersion\",\"value\":\"0000\"},"
                  + "{\"op\":\"add\",\"path\":\"/status/layers\",\"value\":[\"evil\"]},"
                  + "{\"op\":\"add\",\"path\":\"/status/deployments\",\"value\":"
                  + "[{\"name\":\"forged\",\"priority\":99,\"applied\":true}]}]");
      eventually(
          () -> {
            EdgeDevice after = fleet.device("d1");
            assertThat(after.getStatus().getBaseDeployment()).isEqualTo("base");
            assertThat(after.getStatus().getDesiredVersion())
                .isEqualTo(before.getStatus().getDesiredVersion());
            assertThat(after.getStatus().getLayers()).isNull();
            assertThat(after.getStatus().getDeployments())
                .isEqualTo(before.getStatus().getDeployments());
            assertThat(after.getStatus().getReported()).containsKey("ok");
          });
    }
  }

  @Test
  void aSecretNotMeantForRegistryCredentialsIsNeverCopied() {
    Fleet fleet = new Fleet(client, "secrets");
    fleet.create(Fixtures.device("", "d1"));
    fleet.create(Fixtures.deployment("", "base").module("m", "m:1").build());
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("database")
                .withNamespace(fleet.namespace())
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of("user", b64("admin"), "password", b64("db-s3cret")))
                .build())
        .create();
    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      eventually(() -> assertThat(fleet.manifest("d1")).contains("m:1"));
      String before = fleet.manifest("d1");
      fleet.edit(
          "base",
          d -> {
            d.getSpec().getModules().get("m").setImage("contoso.azurecr.io/m:2");
            d.getSpec().setRegistryCredentials(Map.of("db", credential("database", "user")));
            return d;
          });
      eventually(
          () -> {
            assertReady(fleet.device("d1"), false, "RegistrySecretRefused");
            assertThat(message(fleet.device("d1")))
                .contains("database", "Opaque", "edgefleet.io/registry-credential=true")
                .doesNotContain("db-s3cret");
            assertThat(client.v1().events().inNamespace(fleet.namespace()).list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("RegistrySecretRefused"));
          });
      assertThat(fleet.manifest("d1")).isEqualTo(before);
      assertThat(registrySecret(fleet, "d1")).isNull();

      // the namespace's owner marks it as a registry credential: now it is used
      client
          .secrets()
          .inNamespace(fleet.namespace())
          .withName("database")
          .edit(
              s -> {
                s.getMetadata().setLabels(Map.of("edgefleet.io/registry-credential", "true"));
                return s;
              });
      eventually(
          () -> {
            assertThat(fleet.manifest("d1")).contains("contoso.azurecr.io/m:2");
            assertThat(registrySecret(fleet, "d1").getData())
                .containsEntry("db.username", b64("admin"))
                .containsEntry("db.password", b64("db-s3cret"));
          });
    }
  }

  @Test
  void aDockerConfigJsonSecretGivesTheEntryOfTheRegistry() {
    Fleet fleet = new Fleet(client, "dockerconfig");
    fleet.create(Fixtures.device("", "d1"));
    String config =
        "{\"auths\":{"
            + "\"https://fabrikam.azurecr.io\":{\"username\":\"other\",\"password\":\"no\"},"
            + "\"https://contoso.azurecr.io/v2/\":{\"auth\":\""
            + b64("robot:pull-token")
            + "\"}}}";
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("pull")
                .withNamespace(fleet.namespace())
                .endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .withData(Map.of(".dockerconfigjson", b64(config)))
                .build())
        .create();
    EdgeDeployment base = Fixtures.deployment("", "base").module("m", "m:1").build();
    base.getSpec().setRegistryCredentials(Map.of("contoso", credential("pull", null)));
    base.getSpec().getRegistryCredentials().get("contoso").setAddress("contoso.azurecr.io/v2");
    fleet.create(base);
    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      eventually(
          () ->
              assertThat(registrySecret(fleet, "d1").getData())
                  .containsEntry("contoso.username", b64("robot"))
                  .containsEntry("contoso.password", b64("pull-token")));
    }
  }

  private static RegistryCredential credential(String secret, String usernameKey) {
    RegistryCredential credential = new RegistryCredential();
    credential.setAddress("contoso.azurecr.io");
    credential.setSecretName(secret);
    credential.setUsernameKey(usernameKey);
    return credential;
  }

  private static Secret registrySecret(Fleet fleet, String device) {
    return client
        .secrets()
        .inNamespace(fleet.namespace())
        .withName(GeneratedObjects.registrySecretName(device))
        .get();
  }

  private static void annotate(Fleet fleet, String device, String key, String value) {
    client
        .configMaps()
        .inNamespace(fleet.namespace())
        .withName(GeneratedObjects.configMapName(device))
        .edit(
            cm -> {
              Map<String, String> annotations = new HashMap<>(cm.getMetadata().getAnnotations());
              annotations.put(key, value);
              cm.getMetadata().setAnnotations(annotations);
              return cm;
            });
  }

  private static void assertReady(EdgeDevice device, boolean status, String reason) {
    Condition ready = Conditions.find(device.getStatus().getConditions(), Conditions.READY);
    assertThat(ready.getStatus()).isEqualTo(status ? Condition.TRUE : Condition.FALSE);
    assertThat(ready.getReason()).isEqualTo(reason);
  }

  private static String message(EdgeDevice device) {
    return Conditions.find(device.getStatus().getConditions(), Conditions.READY).getMessage();
  }

  private static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}

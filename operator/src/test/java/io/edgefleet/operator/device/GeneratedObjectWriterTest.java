package io.edgefleet.operator.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.operator.fleet.DeviceInputs;
import io.edgefleet.operator.metrics.OperatorMetrics;
import io.edgefleet.operator.support.ApiServerCache;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the writer of a device's ConfigMap and registry Secret decides, one row per situation: what
 * it reports, and which objects it writes (checked on the API server, the mock in CRUD mode).
 */
@EnableKubernetesMockClient(crud = true)
class GeneratedObjectWriterTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;

  private static int namespaces;

  /** The situation before the write: what exists; deployments for the decision. */
  record Row(
      String name,
      BiConsumer<String, EdgeDevice> before,
      List<EdgeDeployment> deployments,
      ApplyResult.Kind kind,
      boolean configMapWritten,
      boolean secretPresentAfter) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static EdgeDeployment base(String namespace) {
    return Fixtures.deployment(namespace, "base").module("m", "img:1").build();
  }

  private static EdgeDeployment withCredentials(String namespace, String secret) {
    return Fixtures.deployment(namespace, "base")
        .module("m", "registry.example/img:1")
        .registry("example", "registry.example", secret)
        .build();
  }

  private static EdgeDeployment tooLarge(String namespace) {
    EdgeDeployment deployment = base(namespace);
    deployment.getSpec().getModules().get("m").setEnv(Map.of("BIG", "x".repeat(1_100_000)));
    return deployment;
  }

  private static Secret userSecret(String namespace, String name, String type) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withType(type)
        .withData(
            Map.of(
                "username", base64("robot"),
                "password", base64("s3cret")))
        .build();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static ConfigMap foreignConfigMap(String namespace, String device) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(GeneratedObjects.configMapName(device))
        .withNamespace(namespace)
        .endMetadata()
        .withData(Map.of("mine", "keep me"))
        .build();
  }

  static Stream<Arguments> rows() {
    return Stream.of(
            new Row(
                "nothing there yet: written",
                (ns, d) -> {},
                deployments(),
                ApplyResult.Kind.WRITTEN,
                true,
                false),
            new Row(
                "already as decided: unchanged",
                (ns, d) -> apply(d, deployments().get(0)),
                deployments(),
                ApplyResult.Kind.UNCHANGED,
                false,
                false),
            new Row(
                "its data edited by someone: written back",
                (ns, d) -> {
                  apply(d, deployments().get(0));
                  client
                      .configMaps()
                      .inNamespace(ns)
                      .withName(GeneratedObjects.configMapName(d.getMetadata().getName()))
                      .edit(
                          cm -> {
                            cm.getData().put(GeneratedObjects.MANIFEST_KEY, "{}");
                            return cm;
                          });
                },
                deployments(),
                ApplyResult.Kind.WRITTEN,
                true,
                false),
            new Row(
                "someone else's ConfigMap has the name: conflict, left alone",
                (ns, d) ->
                    client.resource(foreignConfigMap(ns, d.getMetadata().getName())).create(),
                deployments(),
                ApplyResult.Kind.NAME_CONFLICT,
                false,
                false),
            new Row(
                "no deployment any more: kept as it is",
                (ns, d) -> apply(d, deployments().get(0)),
                List.of(),
                ApplyResult.Kind.KEPT,
                false,
                false),
            new Row(
                "too large: nothing written",
                (ns, d) -> {},
                List.of(tooLarge("")),
                ApplyResult.Kind.TOO_LARGE,
                false,
                false),
            new Row(
                "a registry Secret missing: nothing written",
                (ns, d) -> {},
                List.of(withCredentials("", "pull")),
                ApplyResult.Kind.SECRET_MISSING,
                false,
                false),
            new Row(
                "a Secret not meant for registry credentials: nothing written or copied",
                (ns, d) -> client.resource(userSecret(ns, "pull", "Opaque")).create(),
                List.of(withCredentials("", "pull")),
                ApplyResult.Kind.SECRET_REFUSED,
                false,
                false),
            new Row(
                "a basic-auth Secret: the device's Secret and ConfigMap written",
                (ns, d) ->
                    client.resource(userSecret(ns, "pull", "kubernetes.io/basic-auth")).create(),
                List.of(withCredentials("", "pull")),
                ApplyResult.Kind.WRITTEN,
                true,
                true),
            new Row(
                "credentials no longer used: the device's Secret deleted",
                (ns, d) -> {
                  client.resource(userSecret(ns, "pull", "kubernetes.io/basic-auth")).create();
                  apply(d, withCredentials(ns, "pull"));
                },
                deployments(),
                ApplyResult.Kind.WRITTEN,
                true,
                false))
        .map(Arguments::of);
  }

  /** The default deployments (namespace filled in when used). */
  private static List<EdgeDeployment> deployments() {
    return List.of(base(""));
  }

  private static GeneratedObjectWriter writer() {
    return new GeneratedObjectWriter(
        client,
        new ApiServerCache<>(client, ConfigMap.class),
        new ApiServerCache<>(client, Secret.class),
        new OperatorMetrics(new SimpleMeterRegistry()));
  }

  /** Decides as the reconciler does and applies; the result. */
  private static ApplyResult apply(EdgeDevice device, EdgeDeployment... deployments) {
    String namespace = device.getMetadata().getNamespace();
    GeneratedObjectWriter writer = writer();
    ConfigMap cached = writer.cachedConfigMap(device);
    DeploymentSet set =
        DeploymentSet.prepare(
            Arrays.stream(deployments)
                .map(d -> inNamespace(d, namespace))
                .map(DeploymentCatalog::source)
                .toList());
    DeviceDecision decision =
        set.decide(DeviceInputs.source(device, Ownership.ownedBy(cached, device) ? cached : null));
    return writer.apply(device, decision, cached);
  }

  private static EdgeDeployment inNamespace(EdgeDeployment deployment, String namespace) {
    deployment.getMetadata().setNamespace(namespace);
    return deployment;
  }

  private static String version(HasMetadata object) {
    return object == null ? null : object.getMetadata().getResourceVersion();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void theWriterWritesOnlyWhatTheDecisionNeeds(Row row) {
    String namespace = "writer" + (++namespaces);
    EdgeDevice device = client.resource(Fixtures.device(namespace, "d1", "room", "r1")).create();
    row.before().accept(namespace, device);
    String configMapName = GeneratedObjects.configMapName("d1");
    ConfigMap before = client.configMaps().inNamespace(namespace).withName(configMapName).get();

    ApplyResult result = apply(device, row.deployments().toArray(EdgeDeployment[]::new));

    assertThat(result.kind()).isEqualTo(row.kind());
    ConfigMap after = client.configMaps().inNamespace(namespace).withName(configMapName).get();
    if (row.configMapWritten()) {
      assertThat(after).isNotNull();
      assertThat(version(after)).as("ConfigMap written").isNotEqualTo(version(before));
      assertThat(Ownership.ownedBy(after, device)).isTrue();
      assertThat(result.configMapName()).isEqualTo(configMapName);
    } else {
      assertThat(version(after)).as("ConfigMap untouched").isEqualTo(version(before));
    }
    if (result.refused()) {
      assertThat(result.message()).isNotBlank();
    }
    Secret secret =
        client
            .secrets()
            .inNamespace(namespace)
            .withName(GeneratedObjects.registrySecretName("d1"))
            .get();
    assertThat(secret != null)
        .as("the device's registry Secret")
        .isEqualTo(row.secretPresentAfter());
  }
}

package io.edgefleet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.config.OperatorSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator, in this process, against the sandbox: applying {@code examples/} produces each
 * device's ConfigMap with the modules {@code examples/README.md} lists, and deleting an EdgeDevice
 * removes its ConfigMap and Secret through the sandbox's garbage collector.
 */
class SandboxOperatorIT {

  private static final String NS = "campus";
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  private static SandboxApiServer server;
  private static KubernetesClient client;
  private static EdgeFleetOperator operator;

  @BeforeAll
  static void start() {
    server = SandboxApiServer.builder().build().start();
    client = server.client();
    operator = EdgeFleetOperator.create(client, OperatorSettings.local(), Clock.systemUTC());
    operator.start();
    new ManifestApplier(client)
        .apply(
            List.of(
                Examples.file("namespace.yaml"),
                Examples.file("registry-secret.yaml"),
                Examples.file("devices.yaml"),
                Examples.file("deployments")));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void examplesConvergeThenDeletingADeviceCollectsItsConfigMap() {
    // before any agent reports a device model: README's table without VibrationMonitor
    Map<String, Set<String>> before =
        Map.of(
            "b20-f1-lobby", Set.of("SimulatedTemperatureSensor", "filter"),
            "b20-f2-conf-01", Set.of("SimulatedTemperatureSensor", "filter", "RoomDisplay"),
            "b20-f2-conf-02", Set.of("SimulatedTemperatureSensor", "filter", "RoomDisplay"),
            "b20-f3-office", Set.of("SimulatedTemperatureSensor", "filter"),
            "b21-f1-lab", Set.of("SimulatedTemperatureSensor", "filter"),
            "b21-f2-conf-01", Set.of("SimulatedTemperatureSensor", "filter", "RoomDisplay"),
            "b21-f2-kitchen", Set.of("SimulatedTemperatureSensor", "filter"),
            "b40-f1-server", Set.of("SimulatedTemperatureSensor", "filter"),
            "b40-f2-conf-01", Set.of("SimulatedTemperatureSensor", "filter", "RoomDisplay"));
    await().atMost(CONVERGE).untilAsserted(() -> assertModules(before));
    assertThat(configMap("b40-spare-01")).isNull();

    // the agents report (examples/README.md "Try it"); 4000x devices gain VibrationMonitor
    report("b20-f1-lobby", "4000x", 200);
    report("b20-f2-conf-01", "4000x", 200);
    report("b20-f2-conf-02", "3000x", 200);
    report("b21-f2-conf-01", "4000x", 500);
    report("b40-f1-server", "4000x", 200);
    Map<String, Set<String>> after = new java.util.HashMap<>(before);
    for (String d : List.of("b20-f1-lobby", "b20-f2-conf-01", "b21-f2-conf-01", "b40-f1-server")) {
      Set<String> modules = new TreeSet<>(before.get(d));
      modules.add("VibrationMonitor");
      after.put(d, modules);
    }
    await().atMost(CONVERGE).untilAsserted(() -> assertModules(after));
    await()
        .atMost(CONVERGE)
        .untilAsserted(
            () -> {
              EdgeDeployment prod = deployment("prod-base");
              assertThat(prod.getStatus()).isNotNull();
              assertThat(prod.getStatus().getTargetedCount()).isEqualTo(7L);
              assertThat(prod.getStatus().getAppliedCount()).isEqualTo(6L);
              assertThat(deployment("lobby-signage").getStatus().getAppliedCount()).isZero();
            });

    // the device's generated objects are owned by it: the sandbox's GC deletes them
    String secret = GeneratedObjects.registrySecretName("b20-f1-lobby");
    assertThat(client.secrets().inNamespace(NS).withName(secret).get()).isNotNull();
    client.resources(EdgeDevice.class).inNamespace(NS).withName("b20-f1-lobby").delete();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(configMap("b20-f1-lobby")).isNull();
              assertThat(client.secrets().inNamespace(NS).withName(secret).get()).isNull();
            });
    assertThat(configMap("b20-f2-conf-01")).isNotNull();
  }

  @Test
  void leaderElectionTakesTheLease() {
    try (SandboxApiServer own = SandboxApiServer.builder().build().start();
        EdgeFleetOperator elected =
            EdgeFleetOperator.create(
                own.client(),
                OperatorSettings.local().withLeaderElection(true, "default", "sandbox-it"),
                Clock.systemUTC())) {
      elected.start();
      await().atMost(Duration.ofSeconds(30)).until(elected::leading);
      var lease =
          own.client()
              .leases()
              .inNamespace("default")
              .withName(OperatorSettings.local().leaseName())
              .get();
      assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("sandbox-it");
      assertThat(own.requestCounts().count("create", "selfsubjectrulesreviews"))
          .as("JOSDK checks its permissions first")
          .isPositive();
    }
  }

  private static void assertModules(Map<String, Set<String>> expected) {
    for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
      ConfigMap cm = configMap(e.getKey());
      assertThat(cm).as("ConfigMap of %s", e.getKey()).isNotNull();
      assertThat(modules(cm))
          .as("modules of %s", e.getKey())
          .isEqualTo(new TreeSet<>(e.getValue()));
    }
  }

  private static Set<String> modules(ConfigMap cm) {
    var manifest = Json.stored(cm.getData().get(GeneratedObjects.MANIFEST_KEY));
    Set<String> names = new TreeSet<>();
    manifest
        .path("modulesContent")
        .path("$edgeAgent")
        .path("properties.desired")
        .path("modules")
        .fieldNames()
        .forEachRemaining(names::add);
    return names;
  }

  private static ConfigMap configMap(String device) {
    return client
        .configMaps()
        .inNamespace(NS)
        .withName(GeneratedObjects.configMapName(device))
        .get();
  }

  private static EdgeDeployment deployment(String name) {
    return client.resources(EdgeDeployment.class).inNamespace(NS).withName(name).get();
  }

  private static void report(String device, String model, int code) {
    client
        .resources(EdgeDevice.class)
        .inNamespace(NS)
        .withName(device)
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"reported\":{\"devicemodel\":\""
                + model
                + "\",\"lastDesiredStatus\":{\"code\":"
                + code
                + ",\"description\":\"x\"}}}}");
  }
}

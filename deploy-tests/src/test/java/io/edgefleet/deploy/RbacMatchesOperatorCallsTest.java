package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceSpec;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.api.v1alpha1.RegistryCredential;
import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.config.SettingsParser;
import io.edgefleet.testfixtures.MockApiServers;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The chart grants exactly what the operator calls: the real operator runs through every code path
 * that talks to the API server (configurations, registry Secrets, name conflicts, Events, status,
 * leader election), every request it makes is turned into the permission it needs, and that set
 * must equal what the rendered ClusterRole and Lease Role grant. A permission the code needs but
 * the chart lacks, or one the chart grants but the code never uses, fails the test.
 */
@EnableKubernetesMockClient(crud = true)
class RbacMatchesOperatorCallsTest {

  static {
    QuietMockServer.install();
  }

  private static final String AGENT = "edgefleet-rbac-probe";
  private static final String NS = "rbac";

  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void theChartGrantsExactlyWhatTheOperatorCalls() throws Exception {
    MockApiServers.allowLeaseChecks(server);
    KubernetesClient operatorClient =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(AGENT).build())
            .build();
    Map<String, String> env = new HashMap<>();
    env.put("EDGEFLEET_HTTP_PORT", "0");
    env.put("EDGEFLEET_STATUS_INTERVAL", "200ms");
    env.put("EDGEFLEET_LEADER_ELECTION", "true");
    env.put("EDGEFLEET_LEADER_ELECTION_NAMESPACE", "edgefleet-system");
    env.put("EDGEFLEET_LEADER_ELECTION_LEASE_DURATION", "4s");
    env.put("POD_NAME", "probe");
    Rendered chart = Helm.render("leaderElection.enabled=true");
    Set<String> granted = new TreeSet<>(RbacRules.of(chart.one("ClusterRole")));
    for (JsonNode role : chart.all("Role")) {
      granted.addAll(RbacRules.of(role));
    }
    OperatorCalls calls = new OperatorCalls();
    try (EdgeFleetOperator operator =
        EdgeFleetOperator.create(operatorClient, SettingsParser.parse(env), Clock.systemUTC())) {
      operator.start();
      exerciseEveryApiCall();
      // the events sender and the status trigger work on their own: wait until every granted
      // permission was used (one used but not granted never matches: the wait fails with the diff)
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> assertThat(used(calls)).as("permissions the operator used").isEqualTo(granted));
    } finally {
      operatorClient.close();
    }
    // stopping uses nothing more
    assertThat(used(calls)).as("permissions the operator used").isEqualTo(granted);
  }

  /** The permissions the operator's requests so far needed. */
  private static Set<String> used(OperatorCalls calls) throws InterruptedException {
    RecordedRequest request;
    while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
      if (AGENT.equals(request.getHeader("User-Agent"))) {
        calls.add(request);
      }
    }
    Set<String> used = new TreeSet<>(calls.permissions());
    // every authenticated user may review its own rules (system:basic-user): no grant needed; the
    // review is java-operator-sdk checking that it may get, create and update Leases
    if (used.remove("authorization.k8s.io selfsubjectrulesreviews create")) {
      used.add("coordination.k8s.io leases get");
      used.add("coordination.k8s.io leases create");
      used.add("coordination.k8s.io leases update");
    }
    return used;
  }

  private static void exerciseEveryApiCall() {
    secret("pull", "robot", "s3cret");
    // a ConfigMap and a Secret with generated names that EdgeFleet did not make: name conflicts
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(GeneratedObjects.configMapName("taken"))
                .withNamespace(NS)
                .endMetadata()
                .build())
        .create();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(GeneratedObjects.registrySecretName("taken-secret"))
                .withNamespace(NS)
                .endMetadata()
                .build())
        .create();
    for (String name : new String[] {"d1", "taken", "taken-secret"}) {
      client.resource(device(name)).create();
    }
    client.resource(deployment("image:1", true)).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(configMap("d1")).contains("image:1");
              assertThat(readyReason("taken")).isEqualTo("NameConflict");
              assertThat(readyReason("taken-secret")).isEqualTo("NameConflict");
              assertThat(deploymentApplied()).isEqualTo(1L);
            });
    // an edit (ConfigMap update) and a rotated credential (Secret update)
    secret("pull", "robot", "rotated");
    editDeployment(d -> deploymentSpec(d, "image:2", true));
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(configMap("d1")).contains("image:2");
              assertThat(registrySecret("d1")).containsEntry("pull.password", b64("rotated"));
            });
    // credentials removed: the device's registry Secret is deleted
    editDeployment(d -> deploymentSpec(d, "image:3", false));
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(configMap("d1")).contains("image:3");
              assertThat(
                      client
                          .secrets()
                          .inNamespace(NS)
                          .withName(GeneratedObjects.registrySecretName("d1"))
                          .get())
                  .isNull();
            });
    // back to an earlier content with a history of one: the kept revision is renumbered (patch),
    // the oldest pruned (delete)
    editDeployment(
        d -> {
          EdgeDeployment edited = deploymentSpec(d, "image:2", true);
          edited.getSpec().setRevisionHistoryLimit(1);
          return edited;
        });
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(configMap("d1")).contains("image:2");
              assertThat(client.apps().controllerRevisions().inNamespace(NS).list().getItems())
                  .hasSize(2)
                  .anySatisfy(r -> assertThat(r.getRevision()).isEqualTo(4L));
            });
  }

  private static EdgeDevice device(String name) {
    EdgeDevice device = new EdgeDevice();
    device.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    device.setSpec(new EdgeDeviceSpec());
    return device;
  }

  private static EdgeDeployment deployment(String image, boolean credentials) {
    EdgeDeployment deployment = new EdgeDeployment();
    deployment.setMetadata(new ObjectMetaBuilder().withName("base").withNamespace(NS).build());
    return deploymentSpec(deployment, image, credentials);
  }

  private static EdgeDeployment deploymentSpec(
      EdgeDeployment deployment, String image, boolean credentials) {
    EdgeDeploymentSpec spec = new EdgeDeploymentSpec();
    spec.setPriority(1);
    spec.setTargetCondition("*");
    EdgeModule module = new EdgeModule();
    module.setImage("registry.example.com/" + image);
    Map<String, EdgeModule> modules = new LinkedHashMap<>();
    modules.put("m", module);
    spec.setModules(modules);
    if (credentials) {
      RegistryCredential credential = new RegistryCredential();
      credential.setAddress("registry.example.com");
      credential.setSecretName("pull");
      spec.setRegistryCredentials(Map.of("pull", credential));
    }
    deployment.setSpec(spec);
    return deployment;
  }

  private static void secret(String name, String user, String password) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withType("kubernetes.io/basic-auth")
                .withData(Map.of("username", b64(user), "password", b64(password)))
                .build())
        .createOr(op -> op.update());
  }

  private static String configMap(String device) {
    return client
        .configMaps()
        .inNamespace(NS)
        .withName(GeneratedObjects.configMapName(device))
        .get()
        .getData()
        .get(GeneratedObjects.MANIFEST_KEY);
  }

  private static Map<String, String> registrySecret(String device) {
    return client
        .secrets()
        .inNamespace(NS)
        .withName(GeneratedObjects.registrySecretName(device))
        .get()
        .getData();
  }

  private static String readyReason(String device) {
    return client
        .resources(EdgeDevice.class)
        .inNamespace(NS)
        .withName(device)
        .get()
        .getStatus()
        .getConditions()
        .stream()
        .filter(c -> c.getType().equals("Ready"))
        .findFirst()
        .orElseThrow()
        .getReason();
  }

  private static Long deploymentApplied() {
    return client
        .resources(EdgeDeployment.class)
        .inNamespace(NS)
        .withName("base")
        .get()
        .getStatus()
        .getAppliedCount();
  }

  private static String b64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Edits the deployment as a user would, retrying when the operator wrote its status in between
   * (an edit carries the resourceVersion it read: 409 Conflict).
   */
  private static void editDeployment(UnaryOperator<EdgeDeployment> change) {
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptionsInstanceOf(KubernetesClientException.class)
        .until(
            () ->
                client.resources(EdgeDeployment.class).inNamespace(NS).withName("base").edit(change)
                    != null);
  }
}

package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What helm template renders with the default values. */
class ChartDefaultsTest {

  private static Rendered rendered;
  private static String appVersion;
  private static String chartVersion;

  @BeforeAll
  static void render() throws IOException {
    rendered = Helm.render();
    JsonNode chart = Rendered.YAML.readTree(Files.readString(Repo.chart().resolve("Chart.yaml")));
    appVersion = chart.path("appVersion").asText();
    chartVersion = chart.path("version").asText();
  }

  @Test
  void rendersExactlyTheOperatorObjects() {
    assertThat(rendered.kinds())
        .containsExactly(
            "ClusterRole",
            "ClusterRoleBinding",
            "Deployment",
            "Role",
            "RoleBinding",
            "Secret",
            "Service",
            "ServiceAccount",
            "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding",
            "ValidatingWebhookConfiguration");
    // two Services (metrics, admission webhook), leader election's Role and RoleBinding, the
    // agents'
    // admission policy and its binding, the webhook's certificate Secret and configuration
    assertThat(rendered.all()).hasSize(12);
  }

  @Test
  void chartVersionsFollowTheBuild() throws IOException {
    JsonNode chart = Rendered.YAML.readTree(Files.readString(Repo.chart().resolve("Chart.yaml")));
    String release = System.getProperty("edgefleet.version").replace("-SNAPSHOT", "");
    assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
    assertThat(chart.path("appVersion").asText())
        .as("the image the chart runs is the one this build makes")
        .isEqualTo(release);
    // the oldest Kubernetes docs/install.md promises
    assertThat(chart.path("kubeVersion").asText()).isEqualTo(">=1.25.0-0");
  }

  @Test
  void refusesKubernetesOlderThan125() {
    Processes.Result old = Helm.templateFor("1.24.9", List.of());
    assertThat(old.succeeded()).as(old.describe()).isFalse();
    assertThat(old.stderr()).contains("kubeVersion");

    Processes.Result managed = Helm.templateFor("v1.25.16-eks-1234", List.of());
    assertThat(managed.succeeded()).as(managed.describe()).isTrue();
  }

  @Test
  void imageTagDefaultsToAppVersion() {
    assertThat(rendered.container().path("image").asText())
        .isEqualTo("ghcr.io/edgefleet/edgefleet-operator:" + appVersion);
    assertThat(rendered.container().path("imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    assertThat(rendered.container().path("args").toString()).isEqualTo("[\"operator\"]");
  }

  @Test
  void everyObjectCarriesTheStandardLabels() {
    Map<String, String> expected =
        Map.of(
            "app.kubernetes.io/name", "edgefleet",
            "app.kubernetes.io/instance", Helm.RELEASE,
            "app.kubernetes.io/version", appVersion,
            "app.kubernetes.io/component", "operator",
            "app.kubernetes.io/part-of", "edgefleet",
            "app.kubernetes.io/managed-by", "Helm",
            "helm.sh/chart", "edgefleet-" + chartVersion);
    for (ObjectNode object : rendered.all()) {
      JsonNode labels = object.path("metadata").path("labels");
      expected.forEach(
          (key, value) ->
              assertThat(labels.path(key).asText())
                  .as("label %s on %s", key, object.path("kind").asText())
                  .isEqualTo(value));
    }
    JsonNode podLabels =
        rendered.one("Deployment").path("spec").path("template").path("metadata").path("labels");
    expected.forEach(
        (key, value) ->
            assertThat(podLabels.path(key).asText()).as("pod label " + key).isEqualTo(value));
  }

  @Test
  void selectorsUseOnlyTheStableLabels() {
    JsonNode selector =
        rendered.one("Deployment").path("spec").path("selector").path("matchLabels");
    assertThat(selector.size()).isEqualTo(2);
    assertThat(selector.path("app.kubernetes.io/name").asText()).isEqualTo("edgefleet");
    assertThat(selector.path("app.kubernetes.io/instance").asText()).isEqualTo(Helm.RELEASE);
    for (JsonNode service : rendered.all("Service")) {
      assertThat(service.path("spec").path("selector")).isEqualTo(selector);
    }
  }

  @Test
  void namespacedObjectsGoToTheReleaseNamespace() {
    for (String kind : new String[] {"Deployment", "Service", "ServiceAccount", "Secret"}) {
      for (JsonNode object : rendered.all(kind)) {
        assertThat(object.path("metadata").path("namespace").asText())
            .as(kind)
            .isEqualTo(Helm.NAMESPACE);
      }
    }
  }

  @Test
  void podPassesTheRestrictedPodSecurityStandard() {
    assertThat(RestrictedPodSecurity.violations(rendered.podSpec())).isEmpty();
  }

  @Test
  void securityContextIsHardenedFieldByField() {
    JsonNode pod = rendered.podSpec().path("securityContext");
    assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("runAsUser").asInt()).isEqualTo(65532);
    assertThat(pod.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");

    JsonNode container = rendered.container().path("securityContext");
    assertThat(container.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(container.path("runAsUser").asInt()).isEqualTo(65532);
    assertThat(container.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.path("allowPrivilegeEscalation").isBoolean()).isTrue();
    assertThat(container.path("allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.path("privileged").asBoolean()).isFalse();
    assertThat(container.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(container.path("capabilities").has("add")).isFalse();
    assertThat(container.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
  }

  @Test
  void tmpIsAWritableEmptyDirForTheReadOnlyRoot() {
    JsonNode mount = rendered.container().path("volumeMounts").get(0);
    assertThat(mount.path("mountPath").asText()).isEqualTo("/tmp");
    JsonNode volume = rendered.podSpec().path("volumes").get(0);
    assertThat(volume.path("name").asText()).isEqualTo(mount.path("name").asText());
    assertThat(volume.has("emptyDir")).isTrue();
    // the other mount is the admission webhook's certificate, read-only
    assertThat(rendered.container().path("volumeMounts").size()).isEqualTo(2);
    assertThat(rendered.container().path("volumeMounts").get(1).path("readOnly").asBoolean())
        .isTrue();
  }

  @Test
  void probesHitHealthzAndReadyzOnTheHttpPort() {
    JsonNode container = rendered.container();
    assertThat(container.path("ports").size()).isEqualTo(2); // http, webhook
    assertThat(container.path("ports").get(0).path("name").asText()).isEqualTo("http");
    assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
    assertThat(probe(container, "livenessProbe")).isEqualTo("/healthz http");
    assertThat(probe(container, "readinessProbe")).isEqualTo("/readyz http");
    assertThat(probe(container, "startupProbe")).isEqualTo("/healthz http");
    JsonNode startup = container.path("startupProbe");
    assertThat(startup.path("periodSeconds").asInt() * startup.path("failureThreshold").asInt())
        .as("seconds the JVM gets to start before liveness applies")
        .isGreaterThanOrEqualTo(120);
  }

  @Test
  void environmentFollowsTheContract() {
    assertThat(rendered.envNames())
        .containsExactly(
            "POD_NAME",
            "POD_NAMESPACE",
            "EDGEFLEET_WATCH_NAMESPACES",
            "EDGEFLEET_RECONCILE_THREADS",
            "EDGEFLEET_STATUS_INTERVAL",
            "EDGEFLEET_LEADER_ELECTION",
            "EDGEFLEET_LEADER_ELECTION_NAMESPACE",
            "EDGEFLEET_LEADER_ELECTION_LEASE",
            "EDGEFLEET_HTTP_PORT",
            "EDGEFLEET_LOG_LEVEL",
            "EDGEFLEET_LOG_FORMAT",
            "EDGEFLEET_WEBHOOK_PORT",
            "EDGEFLEET_WEBHOOK_CERT_DIR",
            "JAVA_TOOL_OPTIONS");
    assertThat(rendered.env("EDGEFLEET_WATCH_NAMESPACES")).isEmpty();
    assertThat(rendered.env("EDGEFLEET_RECONCILE_THREADS")).isEqualTo("16");
    assertThat(rendered.env("EDGEFLEET_STATUS_INTERVAL")).isEqualTo("2s");
    assertThat(rendered.env("EDGEFLEET_LEADER_ELECTION")).isEqualTo("true");
    assertThat(rendered.env("EDGEFLEET_HTTP_PORT")).isEqualTo("8080");
    assertThat(rendered.env("EDGEFLEET_LOG_LEVEL")).isEqualTo("INFO");
    assertThat(rendered.env("EDGEFLEET_LOG_FORMAT")).isEqualTo("json");
    assertThat(rendered.env("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=75");
    JsonNode env = rendered.container().path("env");
    assertThat(env.get(0).path("valueFrom").path("fieldRef").path("fieldPath").asText())
        .isEqualTo("metadata.name");
    assertThat(env.get(1).path("valueFrom").path("fieldRef").path("fieldPath").asText())
        .isEqualTo("metadata.namespace");
  }

  @Test
  void leaderElectionIsOnByDefaultSoASecondPodWaits() {
    JsonNode spec = rendered.one("Deployment").path("spec");
    assertThat(spec.path("replicas").asInt()).isEqualTo(1);
    assertThat(rendered.env("EDGEFLEET_LEADER_ELECTION")).isEqualTo("true");
    assertThat(spec.path("strategy").path("type").asText()).isEqualTo("RollingUpdate");
    JsonNode off = Helm.render("leaderElection.enabled=false").one("Deployment").path("spec");
    assertThat(off.path("strategy").path("type").asText())
        .as("two operators without leader election must never overlap")
        .isEqualTo("Recreate");
  }

  @Test
  void resourcesHaveRequestsAndAMemoryLimit() {
    JsonNode resources = rendered.container().path("resources");
    assertThat(resources.path("requests").path("cpu").asText()).isNotEmpty();
    assertThat(resources.path("requests").path("memory").asText()).isNotEmpty();
    assertThat(resources.path("limits").path("memory").asText())
        .as("MaxRAMPercentage needs a memory limit")
        .isNotEmpty();
  }

  @Test
  void clusterRoleHasExactlyTheContractRules() {
    ObjectNode clusterRole = rendered.one("ClusterRole");
    assertThat(RbacRules.of(clusterRole)).isEqualTo(RbacRules.OPERATOR);
    ObjectNode binding = rendered.one("ClusterRoleBinding");
    assertThat(binding.path("roleRef").path("kind").asText()).isEqualTo("ClusterRole");
    assertThat(binding.path("roleRef").path("name").asText())
        .isEqualTo(clusterRole.path("metadata").path("name").asText());
    assertThat(binding.path("subjects").size()).isEqualTo(1);
    JsonNode subject = binding.path("subjects").get(0);
    assertThat(subject.path("kind").asText()).isEqualTo("ServiceAccount");
    assertThat(subject.path("name").asText())
        .isEqualTo(rendered.one("ServiceAccount").path("metadata").path("name").asText())
        .isEqualTo(rendered.podSpec().path("serviceAccountName").asText());
    assertThat(subject.path("namespace").asText()).isEqualTo(Helm.NAMESPACE);
  }

  @Test
  void leaseRbacByDefaultAndNoneWhenSwitchedOff() {
    assertThat(RbacRules.of(rendered.one("Role"))).isEqualTo(RbacRules.LEADER_ELECTION);
    assertThat(rendered.has("RoleBinding")).isTrue();
    Rendered off = Helm.render("leaderElection.enabled=false");
    assertThat(off.has("Role")).isFalse();
    assertThat(off.has("RoleBinding")).isFalse();
    assertThat(off.envNames())
        .doesNotContain("EDGEFLEET_LEADER_ELECTION_NAMESPACE", "EDGEFLEET_LEADER_ELECTION_LEASE");
  }

  @Test
  void metricsServiceTargetsTheHttpPort() {
    JsonNode port = rendered.named("Service", "-metrics").path("spec").path("ports").get(0);
    assertThat(port.path("name").asText()).isEqualTo("http");
    assertThat(port.path("port").asInt()).isEqualTo(8080);
    assertThat(port.path("targetPort").asText()).isEqualTo("http");
    assertThat(rendered.named("Service", "-metrics").path("spec").path("type").asText())
        .isEqualTo("ClusterIP");
  }

  @Test
  void noPodDisruptionBudgetOrServiceMonitorByDefault() {
    assertThat(rendered.has("PodDisruptionBudget")).isFalse();
    assertThat(rendered.has("ServiceMonitor")).isFalse();
  }

  private static String probe(JsonNode container, String probe) {
    JsonNode get = container.path(probe).path("httpGet");
    return get.path("path").asText() + " " + get.path("port").asText();
  }
}

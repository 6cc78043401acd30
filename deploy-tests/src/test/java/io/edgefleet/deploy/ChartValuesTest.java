package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What helm template renders with non-default values. */
class ChartValuesTest {

  @Nested
  class LeaderElection {

    @Test
    void onWithSeveralReplicasWithLeaseRbacInTheReleaseNamespace() {
      Rendered rendered = Helm.renderWith("replicas-3.yaml");

      assertThat(rendered.one("Deployment").path("spec").path("replicas").asInt()).isEqualTo(3);
      assertThat(rendered.env("EDGEFLEET_LEADER_ELECTION")).isEqualTo("true");
      assertThat(rendered.env("EDGEFLEET_LEADER_ELECTION_NAMESPACE")).isEqualTo(Helm.NAMESPACE);
      assertThat(rendered.env("EDGEFLEET_LEADER_ELECTION_LEASE")).isEqualTo("edgefleet-leader");
      ObjectNode role = rendered.one("Role");
      assertThat(role.path("metadata").path("namespace").asText()).isEqualTo(Helm.NAMESPACE);
      assertThat(RbacRules.of(role)).isEqualTo(RbacRules.LEADER_ELECTION);
      ObjectNode binding = rendered.one("RoleBinding");
      assertThat(binding.path("metadata").path("namespace").asText()).isEqualTo(Helm.NAMESPACE);
      assertThat(binding.path("roleRef").path("name").asText())
          .isEqualTo(role.path("metadata").path("name").asText());
      assertThat(binding.path("subjects").get(0).path("namespace").asText())
          .isEqualTo(Helm.NAMESPACE);
      // the operator's own rules stay cluster-wide
      assertThat(RbacRules.of(rendered.one("ClusterRole"))).isEqualTo(RbacRules.OPERATOR);
    }

    @Test
    void severalReplicasRollWithoutEverHavingNoPod() {
      JsonNode strategy =
          Helm.renderWith("replicas-3.yaml").one("Deployment").path("spec").path("strategy");
      assertThat(strategy.path("type").asText()).isEqualTo("RollingUpdate");
      assertThat(strategy.path("rollingUpdate").path("maxUnavailable").asInt()).isZero();
    }

    @Test
    void offWithOneReplicaOnlyWhenSwitchedOffOrAuto() {
      for (String mode : new String[] {"false", "auto"}) {
        Rendered rendered = Helm.render("replicaCount=1", "leaderElection.enabled=" + mode);
        assertThat(rendered.env("EDGEFLEET_LEADER_ELECTION")).as(mode).isEqualTo("false");
        assertThat(rendered.has("Role")).as(mode).isFalse();
      }
    }

    @Test
    void onWithTwoReplicas() {
      assertThat(Helm.render("replicaCount=2").env("EDGEFLEET_LEADER_ELECTION")).isEqualTo("true");
    }

    @Test
    void canBeForcedOnWithOneReplica() {
      Rendered rendered =
          Helm.render("leaderElection.enabled=true", "leaderElection.namespace=leases");
      assertThat(rendered.env("EDGEFLEET_LEADER_ELECTION")).isEqualTo("true");
      assertThat(rendered.env("EDGEFLEET_LEADER_ELECTION_NAMESPACE")).isEqualTo("leases");
      assertThat(rendered.env("EDGEFLEET_LEADER_ELECTION_LEASE")).isEqualTo("edgefleet-operator");
      assertThat(rendered.one("Role").path("metadata").path("namespace").asText())
          .isEqualTo("leases");
      assertThat(rendered.one("RoleBinding").path("metadata").path("namespace").asText())
          .isEqualTo("leases");
      assertThat(rendered.one("Deployment").path("spec").path("strategy").path("type").asText())
          .isEqualTo("RollingUpdate");
    }

    @Test
    void explicitOffWithOneReplicaIsOff() {
      assertThat(Helm.render("leaderElection.enabled=false").env("EDGEFLEET_LEADER_ELECTION"))
          .isEqualTo("false");
    }

    @Test
    void cannotBeTurnedOffWithSeveralReplicas() {
      Processes.Result result =
          Helm.template(List.of(), "replicaCount=3", "leaderElection.enabled=false");
      assertThat(result.succeeded()).as(result.describe()).isFalse();
      assertThat(result.stderr()).contains("leaderElection.enabled=false needs replicaCount 1");
    }
  }

  @Nested
  class WatchNamespaces {

    private final Rendered rendered = Helm.renderWith("namespaced.yaml");

    @Test
    void aRoleAndRoleBindingInEachWatchedNamespaceAndNothingClusterWide() {
      assertThat(rendered.has("ClusterRole")).isFalse();
      assertThat(rendered.has("ClusterRoleBinding")).isFalse();
      // the lease Role (leader election is on by default) is checked elsewhere
      List<ObjectNode> operatorRoles =
          rendered.all("Role").stream()
              .filter(r -> !RbacRules.of(r).equals(RbacRules.LEADER_ELECTION))
              .toList();
      Set<String> roleNames =
          operatorRoles.stream()
              .map(r -> r.path("metadata").path("name").asText())
              .collect(java.util.stream.Collectors.toSet());
      Map<String, ObjectNode> roles = byNamespace(operatorRoles);
      Map<String, ObjectNode> bindings =
          byNamespace(
              rendered.all("RoleBinding").stream()
                  .filter(b -> roleNames.contains(b.path("roleRef").path("name").asText()))
                  .toList());
      assertThat(roles).containsOnlyKeys("campus", "factory");
      assertThat(bindings).containsOnlyKeys("campus", "factory");
      roles.forEach(
          (namespace, role) -> {
            assertThat(RbacRules.of(role)).as("Role in " + namespace).isEqualTo(RbacRules.OPERATOR);
            JsonNode binding = bindings.get(namespace);
            assertThat(binding.path("roleRef").path("kind").asText()).isEqualTo("Role");
            assertThat(binding.path("roleRef").path("name").asText())
                .isEqualTo(role.path("metadata").path("name").asText());
            JsonNode subject = binding.path("subjects").get(0);
            assertThat(subject.path("kind").asText()).isEqualTo("ServiceAccount");
            assertThat(subject.path("namespace").asText()).isEqualTo(Helm.NAMESPACE);
          });
    }

    @Test
    void theOperatorIsToldWhichNamespacesToWatch() {
      assertThat(rendered.env("EDGEFLEET_WATCH_NAMESPACES")).isEqualTo("campus,factory");
    }

    @Test
    void leaseRoleIsSeparateFromWatchedNamespaceRoles() {
      Rendered ha = Helm.render(List.of(Repo.valuesFile("namespaced.yaml")), "replicaCount=2");
      Map<String, List<String>> rolesPerNamespace = new TreeMap<>();
      for (ObjectNode role : ha.all("Role")) {
        rolesPerNamespace
            .computeIfAbsent(
                role.path("metadata").path("namespace").asText(), k -> new java.util.ArrayList<>())
            .add(role.path("metadata").path("name").asText());
      }
      assertThat(rolesPerNamespace).containsOnlyKeys("campus", "factory", Helm.NAMESPACE);
      ObjectNode leaseRole =
          ha.all("Role").stream()
              .filter(r -> r.path("metadata").path("namespace").asText().equals(Helm.NAMESPACE))
              .findFirst()
              .orElseThrow();
      assertThat(RbacRules.of(leaseRole)).isEqualTo(RbacRules.LEADER_ELECTION);
    }

    private Map<String, ObjectNode> byNamespace(List<ObjectNode> objects) {
      Map<String, ObjectNode> map = new TreeMap<>();
      for (ObjectNode object : objects) {
        ObjectNode previous = map.put(object.path("metadata").path("namespace").asText(), object);
        assertThat(previous).as("two objects in one namespace").isNull();
      }
      return map;
    }
  }

  @Nested
  class PodDisruptionBudget {

    @Test
    void createdWithSeveralReplicas() {
      ObjectNode pdb = Helm.renderWith("replicas-3.yaml").one("PodDisruptionBudget");
      assertThat(pdb.path("spec").path("minAvailable").asInt()).isEqualTo(1);
      assertThat(pdb.path("spec").has("maxUnavailable")).isFalse();
      assertThat(
              pdb.path("spec")
                  .path("selector")
                  .path("matchLabels")
                  .path("app.kubernetes.io/instance")
                  .asText())
          .isEqualTo(Helm.RELEASE);
    }

    @Test
    void createdWithOneReplicaWhenEnabled() {
      Rendered rendered = Helm.render("podDisruptionBudget.enabled=true");
      assertThat(rendered.one("PodDisruptionBudget").path("spec").path("minAvailable").asInt())
          .isEqualTo(1);
    }

    @Test
    void maxUnavailableReplacesMinAvailable() {
      JsonNode spec = Helm.renderWith("everything.yaml").one("PodDisruptionBudget").path("spec");
      assertThat(spec.path("maxUnavailable").asText()).isEqualTo("50%");
      assertThat(spec.has("minAvailable")).isFalse();
    }
  }

  @Nested
  class Metrics {

    @Test
    void serviceMonitorOnlyWhenEnabled() {
      assertThat(Helm.render().has("ServiceMonitor")).isFalse();
      Rendered rendered = Helm.renderWith("service-monitor.yaml");
      ObjectNode monitor = rendered.one("ServiceMonitor");
      assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
      assertThat(monitor.path("metadata").path("labels").path("release").asText())
          .isEqualTo("prometheus");
      JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
      assertThat(endpoint.path("port").asText()).isEqualTo("http");
      assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
      assertThat(endpoint.path("interval").asText()).isEqualTo("15s");
      assertThat(monitor.path("spec").path("selector").path("matchLabels"))
          .isEqualTo(rendered.named("Service", "-metrics").path("spec").path("selector"));
      assertThat(monitor.path("spec").path("namespaceSelector").path("matchNames").get(0).asText())
          .isEqualTo(Helm.NAMESPACE);
    }

    @Test
    void serviceMonitorNeedsTheService() {
      Processes.Result result =
          Helm.template(
              List.of(Repo.valuesFile("service-monitor.yaml")), "metrics.service.enabled=false");
      assertThat(result.succeeded()).as(result.describe()).isFalse();
      assertThat(result.stderr())
          .contains("metrics.serviceMonitor.enabled needs metrics.service.enabled");
    }

    @Test
    void serviceCanBeTurnedOff() {
      assertThat(Helm.render("metrics.service.enabled=false").all("Service"))
          .noneMatch(s -> s.path("metadata").path("name").asText().endsWith("-metrics"));
    }
  }

  @Nested
  class Environment {

    @Test
    void extraEnvIsAppendedAfterTheContractVariables() {
      Rendered rendered = Helm.renderWith("extra-env.yaml");
      assertThat(rendered.env("EDGEFLEET_LOG_LEVEL")).isEqualTo("DEBUG");
      assertThat(rendered.env("EDGEFLEET_LOG_FORMAT")).isEqualTo("text");
      assertThat(rendered.env("EDGEFLEET_RECONCILE_THREADS")).isEqualTo("4");
      assertThat(rendered.env("EDGEFLEET_STATUS_INTERVAL")).isEqualTo("500ms");
      assertThat(rendered.env("EDGEFLEET_EXPERIMENT")).isEqualTo("on");
      List<String> names = rendered.envNames();
      assertThat(names.subList(names.size() - 2, names.size()))
          .containsExactly("EDGEFLEET_EXPERIMENT", "NODE_NAME");
      JsonNode nodeName = rendered.container().path("env").get(names.size() - 1);
      assertThat(nodeName.path("valueFrom").path("fieldRef").path("fieldPath").asText())
          .isEqualTo("spec.nodeName");
    }
  }

  @Nested
  class SecurityContext {

    @Test
    void withoutFixedIdsThePodStillPassesRestricted() {
      Rendered rendered = Helm.renderWith("custom-security-context.yaml");
      JsonNode pod = rendered.podSpec().path("securityContext");
      JsonNode container = rendered.container().path("securityContext");
      assertThat(pod.has("runAsUser")).isFalse();
      assertThat(pod.has("fsGroup")).isFalse();
      assertThat(container.has("runAsUser")).isFalse();
      assertThat(container.path("readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(RestrictedPodSecurity.violations(rendered.podSpec())).isEmpty();
    }

    @Test
    void theRestrictedCheckCatchesAWeakenedSecurityContext() {
      Rendered rendered =
          Helm.render(
              "securityContext.allowPrivilegeEscalation=true",
              "securityContext.runAsNonRoot=false",
              "securityContext.capabilities.drop=null",
              "securityContext.capabilities.add={NET_ADMIN}",
              "podSecurityContext.seccompProfile=null",
              "securityContext.seccompProfile.type=Unconfined",
              "securityContext.runAsUser=0");
      assertThat(RestrictedPodSecurity.violations(rendered.podSpec()))
          .containsExactlyInAnyOrder(
              "container operator: allowPrivilegeEscalation must be false",
              "container operator: runAsNonRoot must be true (on the container or the pod)",
              "container operator: runAsUser must not be 0",
              "container operator: seccompProfile.type must be RuntimeDefault or Localhost (on the container or the pod)",
              "container operator: capabilities.drop must contain ALL",
              "container operator: capability NET_ADMIN must not be added");
    }
  }

  @Nested
  class Everything {

    private final Rendered rendered = Helm.renderWith("everything.yaml");

    @Test
    void imageAndNamesFollowTheValues() {
      assertThat(rendered.container().path("image").asText())
          .isEqualTo("registry.example.com/mirror/edgefleet-operator:0.1.0-rc.1");
      assertThat(rendered.container().path("imagePullPolicy").asText()).isEqualTo("Always");
      assertThat(rendered.podSpec().path("imagePullSecrets").get(0).path("name").asText())
          .isEqualTo("regcred");
      assertThat(rendered.one("Deployment").path("metadata").path("name").asText())
          .isEqualTo("edgefleet-custom");
      assertThat(rendered.podSpec().path("serviceAccountName").asText()).isEqualTo("edgefleet-sa");
      assertThat(rendered.one("ServiceAccount").path("metadata").path("annotations").size())
          .isEqualTo(1);
      assertThat(
              rendered
                  .one("Deployment")
                  .path("metadata")
                  .path("labels")
                  .path("app.kubernetes.io/name")
                  .asText())
          .isEqualTo("fleet");
      assertThat(
              rendered
                  .one("Deployment")
                  .path("metadata")
                  .path("labels")
                  .path("app.kubernetes.io/version")
                  .asText())
          .isEqualTo("0.1.0-rc.1");
    }

    @Test
    void schedulingSettingsReachThePod() {
      JsonNode pod = rendered.podSpec();
      assertThat(pod.path("nodeSelector").path("kubernetes.io/os").asText()).isEqualTo("linux");
      assertThat(pod.path("tolerations").get(0).path("key").asText()).isEqualTo("dedicated");
      assertThat(pod.path("affinity").has("nodeAffinity")).isTrue();
      assertThat(pod.path("priorityClassName").asText()).isEqualTo("system-cluster-critical");
      assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isEqualTo(60);
      JsonNode template = rendered.one("Deployment").path("spec").path("template").path("metadata");
      assertThat(template.path("annotations").path("example.com/team").asText()).isEqualTo("iot");
      assertThat(template.path("labels").path("example.com/cost-center").asText()).isEqualTo("42");
      assertThat(
              Helm.renderWith("replicas-3.yaml").podSpec().path("topologySpreadConstraints").size())
          .isEqualTo(1);
    }

    @Test
    void portProbesAndResourcesFollowTheValues() {
      JsonNode container = rendered.container();
      assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(9090);
      assertThat(rendered.env("EDGEFLEET_HTTP_PORT")).isEqualTo("9090");
      assertThat(container.path("livenessProbe").path("periodSeconds").asInt()).isEqualTo(20);
      assertThat(container.path("readinessProbe").path("failureThreshold").asInt()).isEqualTo(2);
      assertThat(container.path("startupProbe").path("failureThreshold").asInt()).isEqualTo(60);
      assertThat(container.path("resources").path("limits").path("memory").asText())
          .isEqualTo("2Gi");
      assertThat(rendered.env("JAVA_TOOL_OPTIONS"))
          .isEqualTo("-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError");
      assertThat(
              rendered.podSpec().path("volumes").get(0).path("emptyDir").path("sizeLimit").asText())
          .isEqualTo("128Mi");
      assertThat(
              rendered
                  .named("Service", "-metrics")
                  .path("spec")
                  .path("ports")
                  .get(0)
                  .path("port")
                  .asInt())
          .isEqualTo(9090);
      assertThat(RestrictedPodSecurity.violations(rendered.podSpec())).isEmpty();
    }

    @Test
    void rbacIsNamespacedAndLeaseRbacIsInTheLeaseNamespace() {
      assertThat(rendered.has("ClusterRole")).isFalse();
      assertThat(rendered.all("Role")).hasSize(2);
      assertThat(rendered.env("EDGEFLEET_WATCH_NAMESPACES")).isEqualTo("campus");
      assertThat(rendered.env("EDGEFLEET_LEADER_ELECTION_NAMESPACE")).isEqualTo("edgefleet-leases");
      assertThat(rendered.env("EDGEFLEET_LEADER_ELECTION_LEASE")).isEqualTo("fleet-lease");
      for (ObjectNode binding : rendered.all("RoleBinding")) {
        assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo("edgefleet-sa");
      }
    }
  }

  @Nested
  class ServiceAccountAndRbacSwitches {

    @Test
    void existingServiceAccountIsUsedWhenNotCreated() {
      Rendered rendered =
          Helm.render("serviceAccount.create=false", "serviceAccount.name=existing");
      assertThat(rendered.has("ServiceAccount")).isFalse();
      assertThat(rendered.podSpec().path("serviceAccountName").asText()).isEqualTo("existing");
      assertThat(rendered.one("ClusterRoleBinding").path("subjects").get(0).path("name").asText())
          .isEqualTo("existing");
    }

    @Test
    void anExistingServiceAccountNeedsAName() {
      Processes.Result result = Helm.template(List.of(), "serviceAccount.create=false");
      assertThat(result.succeeded()).as(result.describe()).isFalse();
      assertThat(result.stderr()).contains("serviceAccount.name is required");
    }

    @Test
    void rbacCanBeLeftToTheClusterAdmin() {
      Rendered rendered = Helm.render("rbac.create=false", "replicaCount=2");
      assertThat(rendered.kinds())
          .doesNotContain("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
    }
  }
}

package io.edgefleet.agent.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.testfixtures.RbacCheck;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentRbacTest {

  private static final List<PolicyRule> RULES = AgentRbac.rules("d1");

  @Test
  void theRulesAreExactlyTheDevicesOwnObjects() {
    assertThat(RULES)
        .containsExactlyInAnyOrder(
            new PolicyRuleBuilder()
                .withApiGroups("")
                .withResources("configmaps")
                .withResourceNames("edgefleet-d1")
                .withVerbs("get", "list", "watch")
                .build(),
            new PolicyRuleBuilder()
                .withApiGroups("")
                .withResources("secrets")
                .withResourceNames("edgefleet-d1-registry")
                .withVerbs("get", "list", "watch")
                .build(),
            new PolicyRuleBuilder()
                .withApiGroups("edgefleet.io")
                .withResources("edgedevices")
                .withResourceNames("d1")
                .withVerbs("get", "list", "watch")
                .build(),
            new PolicyRuleBuilder()
                .withApiGroups("edgefleet.io")
                .withResources("edgedevices/status")
                .withResourceNames("d1")
                .withVerbs("patch")
                .build());
    assertThat(RULES)
        .allSatisfy(
            rule -> {
              assertThat(rule.getApiGroups()).hasSize(1).doesNotContain("*");
              assertThat(rule.getResources()).hasSize(1).doesNotContain("*");
              assertThat(rule.getResourceNames()).hasSize(1);
              assertThat(rule.getVerbs()).doesNotContain("*", "create", "update", "delete");
              assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
            });
  }

  @Test
  void printedYamlIsAServiceAccountBoundToTheRole() {
    String yaml = AgentRbac.yaml("campus", "d1");
    List<HasMetadata> objects = new KubernetesSerialization().unmarshal(yaml);
    assertThat(objects).hasSize(3);
    ServiceAccount account = (ServiceAccount) objects.get(0);
    Role role = (Role) objects.get(1);
    RoleBinding binding = (RoleBinding) objects.get(2);
    assertThat(account.getMetadata().getName()).isEqualTo("edgefleet-agent-d1");
    assertThat(objects)
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("campus"));
    assertThat(role.getRules()).isEqualTo(RULES);
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects()).hasSize(1);
    assertThat(binding.getSubjects().get(0).getKind()).isEqualTo("ServiceAccount");
    assertThat(binding.getSubjects().get(0).getName()).isEqualTo(account.getMetadata().getName());
    assertThat(binding.getSubjects().get(0).getNamespace()).isEqualTo("campus");
  }

  @Test
  void theRulesDenyOtherDevicesAndOtherVerbs() {
    String ns = "/api/v1/namespaces/campus";
    String edge = "/apis/edgefleet.io/v1alpha1/namespaces/campus";
    assertThat(allowed("GET", ns + "/configmaps/edgefleet-d1")).isTrue();
    assertThat(allowed("GET", ns + "/configmaps?fieldSelector=metadata.name%3Dedgefleet-d1"))
        .isTrue();
    assertThat(
            allowed(
                "GET", ns + "/configmaps?watch=true&fieldSelector=metadata.name%3Dedgefleet-d1"))
        .isTrue();
    assertThat(allowed("PATCH", edge + "/edgedevices/d1/status")).isTrue();
    assertThat(allowed("GET", edge + "/edgedevices/d1")).isTrue();

    assertThat(allowed("GET", ns + "/configmaps")).as("list without a name").isFalse();
    assertThat(allowed("GET", ns + "/configmaps/edgefleet-d2")).as("another device").isFalse();
    assertThat(allowed("GET", ns + "/secrets/edgefleet-d2-registry")).isFalse();
    assertThat(allowed("GET", ns + "/secrets/contoso-pull")).as("a user's Secret").isFalse();
    assertThat(allowed("PUT", ns + "/configmaps/edgefleet-d1")).isFalse();
    assertThat(allowed("PATCH", edge + "/edgedevices/d1")).as("the spec (tags)").isFalse();
    assertThat(allowed("PUT", edge + "/edgedevices/d1/status")).isFalse();
    assertThat(allowed("PATCH", edge + "/edgedevices/d2/status")).isFalse();
    assertThat(allowed("POST", ns + "/events")).isFalse();
    assertThat(allowed("GET", edge + "/edgedeployments")).isFalse();
  }

  private static boolean allowed(String method, String path) {
    return RbacCheck.allowed(RULES, RbacCheck.attributes(method, path));
  }

  @Test
  void longDeviceNamesGiveValidObjectNames() {
    String device = "d".repeat(253);
    assertThat(AgentRbac.name(device)).hasSize(253).startsWith("edgefleet-agent-d");
    assertThat(AgentRbac.name("d1")).isEqualTo("edgefleet-agent-d1");
  }
}

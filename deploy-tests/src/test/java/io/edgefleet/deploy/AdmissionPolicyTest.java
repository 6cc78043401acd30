package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.validation.AdmissionPolicyCel;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart's ValidatingAdmissionPolicy, its CEL compiled against the EdgeDevice CRD's schema and
 * evaluated offline on allowed and refused changes: a device agent may change nothing in an
 * EdgeDevice but {@code status.reported}; the operator and people are not matched.
 */
class AdmissionPolicyTest {

  private static final String AGENT = "system:serviceaccount:campus:edgefleet-agent-b20-f1-lobby";

  private static ObjectNode policy;
  private static AdmissionPolicyCel cel;
  private static AdmissionPolicyCel.Expression matchesAgent;
  private static List<AdmissionPolicyCel.Expression> validations;

  @BeforeAll
  static void compile() throws IOException {
    Rendered rendered = Helm.render();
    policy = rendered.one("ValidatingAdmissionPolicy");
    JsonNode crd =
        Rendered.YAML.readTree(Files.readString(Repo.path("crds/edgedevices.edgefleet.io-v1.yml")));
    cel = AdmissionPolicyCel.forCrd(crd);
    JsonNode conditions = policy.path("spec").path("matchConditions");
    assertThat(conditions).hasSize(1);
    matchesAgent = cel.compile(conditions.get(0).path("expression").asText());
    validations = new ArrayList<>();
    for (JsonNode validation : policy.path("spec").path("validations")) {
      validations.add(cel.compile(validation.path("expression").asText()));
    }
  }

  @Test
  void isBoundToDenyAndMatchesEdgeDeviceUpdates() {
    ObjectNode binding = Helm.render().one("ValidatingAdmissionPolicyBinding");
    assertThat(binding.path("spec").path("policyName").asText())
        .isEqualTo(policy.path("metadata").path("name").asText());
    assertThat(binding.path("spec").path("validationActions").toString()).isEqualTo("[\"Deny\"]");
    JsonNode rule = policy.path("spec").path("matchConstraints").path("resourceRules").get(0);
    assertThat(rule.path("resources").toString()).contains("edgedevices", "edgedevices/status");
    assertThat(rule.path("operations").toString()).isEqualTo("[\"UPDATE\"]");
    assertThat(policy.path("spec").path("failurePolicy").asText()).isEqualTo("Fail");
  }

  @Test
  void matchesDeviceAgentsOnly() {
    assertThat(matches(AGENT)).isTrue();
    assertThat(matches("system:serviceaccount:edgefleet-system:ef-edgefleet")).isFalse();
    assertThat(matches("system:serviceaccount:argocd:argocd-application-controller")).isFalse();
    assertThat(matches("alice@example.com")).isFalse();
    assertThat(matches("edgefleet-agent-x")).isFalse();
  }

  @Test
  void anAgentMayChangeItsReportedProperties() {
    assertThat(
            allowed(
                device(),
                changed(s -> s.withObjectProperty("reported").put("devicemodel", "5000x"))))
        .isTrue();
    assertThat(
            allowed(
                device(),
                changed(
                    s ->
                        s.withObjectProperty("reported")
                            .withObjectProperty("lastDesiredStatus")
                            .put("code", 500))))
        .isTrue();
  }

  @Test
  void anAgentMayReportBeforeTheOperatorWroteAnyStatus() {
    ObjectNode before = device();
    before.remove("status");
    ObjectNode after = before.deepCopy();
    after.putObject("status").putObject("reported").put("devicemodel", "4000x");
    assertThat(allowed(before, after)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "managed",
        "baseDeployment",
        "layers",
        "configMapName",
        "registrySecretName",
        "desiredVersion",
        "deployments",
        "observedGeneration",
        "conditions"
      })
  void anAgentMayNotChangeRemoveOrAddAnOperatorField(String field) {
    ObjectNode before = device();
    JsonNode value = before.path("status").path(field);
    assertThat(value.isMissingNode()).as("the fixture sets status.%s", field).isFalse();

    ObjectNode removed = before.deepCopy();
    ((ObjectNode) removed.get("status")).remove(field);
    assertThat(allowed(before, removed)).as("removing status.%s", field).isFalse();

    ObjectNode added = removed.deepCopy();
    ((ObjectNode) added.get("status")).set(field, value);
    assertThat(allowed(removed, added)).as("adding status.%s", field).isFalse();

    ObjectNode changed = before.deepCopy();
    ((ObjectNode) changed.get("status")).set(field, other(value));
    assertThat(allowed(before, changed)).as("changing status.%s", field).isFalse();
  }

  @Test
  void anAgentMayNotChangeTheSpec() {
    ObjectNode after = device();
    after.withObjectProperty("spec").withObjectProperty("tags").put("environment", "dev");
    assertThat(allowed(device(), after)).isFalse();
    ObjectNode noSpec = device();
    noSpec.remove("spec");
    assertThat(allowed(device(), noSpec)).isFalse();
  }

  @Test
  void canBeSwitchedOffAndNeedsKubernetes130() {
    assertThat(Helm.render("admissionPolicy.enabled=false").kinds())
        .doesNotContain("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
    Processes.Result old = Helm.templateFor("1.29.0", List.of());
    assertThat(old.succeeded()).as(old.describe()).isTrue();
    assertThat(Rendered.parse(old.stdout()).kinds())
        .doesNotContain("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
  }

  @Test
  void theAgentPatternIsAValue() {
    ObjectNode custom =
        Helm.render("admissionPolicy.agentUsernamePattern=^system:serviceaccount:[^:]+:dev-.+$")
            .one("ValidatingAdmissionPolicy");
    AdmissionPolicyCel.Expression condition =
        cel.compile(custom.path("spec").path("matchConditions").get(0).path("expression").asText());
    assertThat(cel.test(condition, device(), device(), request("system:serviceaccount:x:dev-1")))
        .isTrue();
    assertThat(cel.test(condition, device(), device(), request(AGENT))).isFalse();
  }

  private static boolean matches(String user) {
    return cel.test(matchesAgent, device(), device(), request(user));
  }

  /** Whether every validation passes for an agent's update from {@code before} to {@code after}. */
  private static boolean allowed(ObjectNode before, ObjectNode after) {
    JsonNode request = request(AGENT);
    assertThat(cel.test(matchesAgent, after, before, request)).isTrue();
    return validations.stream().allMatch(v -> cel.test(v, after, before, request));
  }

  private static ObjectNode changed(Consumer<ObjectNode> change) {
    ObjectNode after = device();
    change.accept((ObjectNode) after.get("status"));
    return after;
  }

  private static JsonNode request(String user) {
    ObjectNode request = Rendered.YAML.createObjectNode();
    request.put("operation", "UPDATE");
    request.putObject("userInfo").put("username", user);
    return request;
  }

  private static JsonNode other(JsonNode value) {
    if (value.isBoolean()) {
      return Rendered.YAML.getNodeFactory().booleanNode(!value.booleanValue());
    }
    if (value.isNumber()) {
      return Rendered.YAML.getNodeFactory().numberNode(value.longValue() + 1);
    }
    if (value.isTextual()) {
      return Rendered.YAML.getNodeFactory().textNode(value.asText() + "-forged");
    }
    JsonNode copy = value.deepCopy();
    if (copy.get(0).isObject()) {
      ((ObjectNode) copy.get(0)).put("reason", "forged");
    } else {
      ((com.fasterxml.jackson.databind.node.ArrayNode) copy).set(0, "forged");
    }
    return copy;
  }

  private static ObjectNode device() {
    try {
      return (ObjectNode)
          Rendered.YAML.readTree(
              """
              apiVersion: edgefleet.io/v1alpha1
              kind: EdgeDevice
              metadata: {name: b20-f1-lobby, namespace: campus, generation: 2}
              spec:
                tags: {environment: prod}
              status:
                reported:
                  devicemodel: 4000x
                  lastDesiredStatus: {code: 200}
                managed: true
                baseDeployment: prod-base
                layers: [monitoring]
                configMapName: edgefleet-b20-f1-lobby
                registrySecretName: edgefleet-b20-f1-lobby-registry
                desiredVersion: 4e48751b3a318af9
                deployments:
                  - {name: prod-base, layered: false, priority: 10, targeted: true, applied: true, reason: base}
                observedGeneration: 2
                conditions:
                  - {type: Ready, status: "True", reason: ConfigurationCurrent, message: ok, lastTransitionTime: "2026-01-01T00:00:00Z"}
              """);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

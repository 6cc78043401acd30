package io.edgefleet.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.engine.model.DeviceSource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AdmissionReview v1 in, AdmissionReview v1 out, with the engine's check. */
class DeploymentWebhookTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DeploymentWebhook webhook =
      new DeploymentWebhook(
          new KubernetesSerialization(),
          namespace ->
              List.of(
                  new DeviceSource(
                      namespace, "d1", (ObjectNode) read("{\"floor\":\"2\"}"), null, null, null)));

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode review(String operation, String targetCondition) {
    return read(
        """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "705ab4f5-6393-11e8-b7cc-42010a800002",
          "kind": {"group": "edgefleet.io", "version": "v1alpha1", "kind": "EdgeDeployment"},
          "resource": {"group": "edgefleet.io", "version": "v1alpha1", "resource": "edgedeployments"},
          "name": "prod-base", "namespace": "campus", "operation": "%s",
          "object": {"apiVersion": "edgefleet.io/v1alpha1", "kind": "EdgeDeployment",
            "metadata": {"name": "prod-base"},
            "spec": {"priority": 10, "targetCondition": "%s", "modules": {}}},
          "dryRun": false}}
        """
            .formatted(operation, targetCondition));
  }

  @Test
  void refusesAConditionThatDoesNotParseWithTheColumnAndTheCaret() {
    JsonNode response = webhook.review(review("CREATE", "tags.floor == 2")).path("response");
    assertThat(response.path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(422);
    assertThat(response.path("status").path("message").asText())
        .startsWith("InvalidTargetCondition: spec.targetCondition: '==' is not an operator")
        .contains("column 12\n")
        .endsWith("^");
  }

  @Test
  void allowsAValidOneWithWarningsAboutTheNamespacesDevices() {
    JsonNode response = webhook.review(review("UPDATE", "tags.floor = 2")).path("response");
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("warnings")).hasSize(2);
    assertThat(response.path("warnings").get(0).asText())
        .startsWith("tags.floor is compared with a number");
    assertThat(response.path("warnings").get(1).asText())
        .startsWith("the target condition matches none of the 1 device of namespace campus");
    JsonNode quiet = webhook.review(review("CREATE", "tags.floor = '2'")).path("response");
    assertThat(quiet.path("allowed").asBoolean()).isTrue();
    assertThat(quiet.has("warnings")).isFalse();
  }

  @Test
  void deletesAreAlwaysAllowed() {
    ObjectNode review = (ObjectNode) review("DELETE", "tags.floor == 2");
    assertThat(webhook.review(review).path("response").path("allowed").asBoolean()).isTrue();
  }
}

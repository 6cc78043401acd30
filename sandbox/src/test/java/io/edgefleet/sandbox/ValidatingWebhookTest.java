package io.edgefleet.sandbox;

import static io.edgefleet.sandbox.Harness.DEPLOYMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Validating webhooks are called as kube-apiserver calls them, after schema validation. */
class ValidatingWebhookTest {

  private final Harness h = new Harness();
  private final List<JsonNode> requests = new ArrayList<>();

  ValidatingWebhookTest() {
    h.namespace("ns");
    h.core.dispatcher.register(
        new ValidatingWebhook() {
          @Override
          public String name() {
            return "check.example.io";
          }

          @Override
          public boolean handles(String group, String resource) {
            return group.equals("edgefleet.io") && resource.equals("edgedeployments");
          }

          @Override
          public JsonNode review(JsonNode review) {
            JsonNode request = review.path("request");
            requests.add(request);
            ObjectNode answer = Json.NODES.objectNode();
            ObjectNode response = answer.putObject("response");
            response.put("uid", request.path("uid").asText());
            int priority = request.path("object").path("spec").path("priority").asInt();
            response.put("allowed", priority != 7);
            response.putArray("warnings").add("priority " + priority + " is unusual");
            if (priority == 7) {
              response
                  .putObject("status")
                  .put("code", 422)
                  .put("reason", "Invalid")
                  .put("message", "seven is refused");
            }
            return answer;
          }
        });
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aDenialRefusesTheWriteWithTheWebhooksMessage() {
    Harness.Response r = h.post(DEPLOYMENTS.formatted("ns"), Harness.deployment("ns", "d", 7));
    assertThat(r.code()).isEqualTo(422);
    assertThat(r.message())
        .isEqualTo("admission webhook \"check.example.io\" denied the request: seven is refused");
    assertThat(h.get(DEPLOYMENTS.formatted("ns") + "/d").code()).isEqualTo(404);
    JsonNode request = requests.get(0);
    assertThat(request.path("operation").asText()).isEqualTo("CREATE");
    assertThat(request.path("namespace").asText()).isEqualTo("ns");
    assertThat(request.path("resource").path("resource").asText()).isEqualTo("edgedeployments");
  }

  @Test
  void anAllowedWriteIsStoredWithTheWebhooksWarningsAndUpdatesAreReviewedToo() {
    Harness.Response created =
        h.post(DEPLOYMENTS.formatted("ns"), Harness.deployment("ns", "d", 3));
    assertThat(created.code()).isEqualTo(201);
    assertThat(created.warnings()).contains("priority 3 is unusual");
    Harness.Response edit =
        h.merge(DEPLOYMENTS.formatted("ns") + "/d", "{\"spec\":{\"priority\":7}}");
    assertThat(edit.code()).isEqualTo(422);
    assertThat(requests.get(1).path("operation").asText()).isEqualTo("UPDATE");
    assertThat(requests.get(1).path("oldObject").path("spec").path("priority").asInt())
        .isEqualTo(3);
  }

  @Test
  void otherKindsAndStatusWritesAreNotReviewed() {
    h.post(Harness.DEVICES.formatted("ns"), Harness.device("ns", "dev", "{\"a\":\"b\"}"));
    assertThat(requests).isEmpty();
  }
}

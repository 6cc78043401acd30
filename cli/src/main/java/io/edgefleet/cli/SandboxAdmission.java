package io.edgefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.webhook.DeploymentWebhook;
import io.edgefleet.sandbox.SandboxApiServer;
import io.edgefleet.sandbox.ValidatingWebhook;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The operator's admission webhook in the sandbox: the same check as in a cluster (refuses an
 * EdgeDeployment whose condition, routes or metric queries do not parse, warns about conditions
 * that target no device), called in-process for every create and update. {@link #down()} plays an
 * operator that does not answer with {@code failurePolicy: Ignore}: writes are not checked.
 */
public final class SandboxAdmission implements ValidatingWebhook {

  private final DeploymentWebhook webhook;
  private volatile boolean down;

  private SandboxAdmission(DeploymentWebhook webhook) {
    this.webhook = webhook;
  }

  /** Registers the check of {@code operator} (or, without one, the check without warnings). */
  public static SandboxAdmission register(SandboxApiServer server, EdgeFleetOperator operator) {
    SandboxAdmission admission =
        new SandboxAdmission(
            operator != null
                ? operator.deploymentWebhook()
                : new DeploymentWebhook(new KubernetesSerialization(), namespace -> null));
    server.register(admission);
    return admission;
  }

  /** From now on, writes pass unchecked (as when the operator is down and failures are ignored). */
  public void down() {
    down = true;
  }

  /** From now on, writes are checked again. */
  public void up() {
    down = false;
  }

  @Override
  public String name() {
    return DeploymentWebhook.NAME;
  }

  @Override
  public boolean handles(String group, String resource) {
    return DeploymentWebhook.handles(group, resource);
  }

  @Override
  public JsonNode review(JsonNode admissionReview) {
    if (down) {
      ObjectNode review = JsonNodeFactory.instance.objectNode();
      review.put("apiVersion", "admission.k8s.io/v1");
      review.put("kind", "AdmissionReview");
      review
          .putObject("response")
          .put("uid", admissionReview.path("request").path("uid").asText())
          .put("allowed", true);
      return review;
    }
    return webhook.review(admissionReview);
  }
}

package io.edgefleet.operator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeFleetApi;
import io.edgefleet.engine.admission.AdmissionVerdict;
import io.edgefleet.engine.admission.DeploymentAdmission;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.function.Function;

/**
 * The validating admission webhook of EdgeDeployments ({@code admission.k8s.io/v1}): refuses a spec
 * whose target condition, routes or metric queries the engine cannot parse, with the engine's
 * message (column and caret), and warns when a condition targets no device of the namespace or
 * compares a property with a literal of another type than devices hold. The same check runs in the
 * operator's HTTPS webhook and in the sandbox.
 */
public final class DeploymentWebhook {

  /** The webhook's name in the ValidatingWebhookConfiguration. */
  public static final String NAME = "edgedeployments.edgefleet.io";

  /** The resource it reviews. */
  public static final String RESOURCE = "edgedeployments";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final KubernetesSerialization serialization;
  private final Function<String, List<DeviceSource>> devices;

  /**
   * @param devices the devices of a namespace, or null when they are not known (then no warning
   *     that needs them is given)
   */
  public DeploymentWebhook(
      KubernetesSerialization serialization, Function<String, List<DeviceSource>> devices) {
    this.serialization = serialization;
    this.devices = devices;
  }

  /** Whether it reviews writes of {@code resource} in {@code group}. */
  public static boolean handles(String group, String resource) {
    return EdgeFleetApi.GROUP.equals(group) && RESOURCE.equals(resource);
  }

  /** The response {@code AdmissionReview} to a request {@code AdmissionReview}. */
  public JsonNode review(JsonNode admissionReview) {
    JsonNode request = admissionReview.path("request");
    ObjectNode review = JSON.objectNode();
    review.put("apiVersion", admissionReview.path("apiVersion").asText("admission.k8s.io/v1"));
    review.put("kind", "AdmissionReview");
    ObjectNode response = review.putObject("response");
    response.put("uid", request.path("uid").asText(""));
    JsonNode object = request.get("object");
    if (object == null || object.isNull() || "DELETE".equals(request.path("operation").asText())) {
      response.put("allowed", true);
      return review;
    }
    EdgeDeployment deployment;
    try {
      deployment = serialization.convertValue(object, EdgeDeployment.class);
    } catch (RuntimeException e) {
      return deny(review, "InvalidSpec", "the object is not an EdgeDeployment: " + e.getMessage());
    }
    String namespace = request.path("namespace").asText("");
    if (deployment.getMetadata() != null
        && (deployment.getMetadata().getNamespace() == null
            || deployment.getMetadata().getNamespace().isEmpty())) {
      deployment.getMetadata().setNamespace(namespace);
    }
    AdmissionVerdict verdict =
        DeploymentAdmission.review(
            DeploymentCatalog.source(deployment),
            namespace.isEmpty() ? null : devices.apply(namespace));
    if (!verdict.allowed()) {
      return deny(review, verdict.reason(), verdict.message());
    }
    response.put("allowed", true);
    if (!verdict.warnings().isEmpty()) {
      verdict.warnings().forEach(response.putArray("warnings")::add);
    }
    return review;
  }

  private static ObjectNode deny(ObjectNode review, String reason, String message) {
    ObjectNode response = (ObjectNode) review.get("response");
    response.put("allowed", false);
    ObjectNode status = response.putObject("status");
    status.put("code", 422);
    status.put("reason", "Invalid");
    status.put("message", reason + ": " + message);
    return review;
  }
}

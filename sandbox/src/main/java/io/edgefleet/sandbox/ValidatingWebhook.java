package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validating admission webhook, called as kube-apiserver calls one: with an {@code
 * admission.k8s.io/v1} {@code AdmissionReview} request for every create and update of the resources
 * it handles (dry runs included), after schema validation; its response allows or denies the write
 * and may carry warnings. Registered with {@link SandboxApiServer#register(ValidatingWebhook)} (in
 * a cluster: a ValidatingWebhookConfiguration). A webhook that throws fails the write, as {@code
 * failurePolicy: Fail} does.
 */
public interface ValidatingWebhook {

  /** The webhook's name, as kube-apiserver quotes it in a denial (e.g. {@code x.edgefleet.io}). */
  String name();

  /** Whether it reviews writes of {@code resource} (plural) in {@code group}. */
  boolean handles(String group, String resource);

  /**
   * The {@code AdmissionReview} with a {@code response} for the given one with a {@code request}.
   */
  JsonNode review(JsonNode admissionReview);
}

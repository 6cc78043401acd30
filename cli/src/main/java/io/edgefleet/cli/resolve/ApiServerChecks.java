package io.edgefleet.cli.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.api.v1alpha1.EdgeFleetApi;
import io.edgefleet.sandbox.EdgeFleetCrds;
import io.edgefleet.validation.Admission;
import io.edgefleet.validation.ApiServerErrors;
import io.edgefleet.validation.CrdValidator;
import io.edgefleet.validation.FieldError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the API server would answer to each object {@code edgefleet resolve} reads: the EdgeFleet
 * CRDs' schemas and CEL rules (the same validator the sandbox runs), and strict field validation
 * (unknown fields are refused, as {@code kubectl apply} asks for by default).
 */
final class ApiServerChecks {

  /**
   * An object as the API server would store it (pruned, defaulted), or why it would refuse it.
   *
   * @param object the stored object; null when refused
   * @param refusal the API server's message; null when accepted
   */
  record Checked(JsonNode object, String refusal) {}

  private final Map<String, CrdValidator> byKind = new HashMap<>();

  ApiServerChecks() {
    for (String crd : EdgeFleetCrds.yaml()) {
      CrdValidator validator = CrdValidator.load(crd);
      byKind.put(validator.kind(), validator);
    }
  }

  /** Whether {@code object} belongs to the EdgeFleet API group (any version, any kind). */
  static boolean ours(JsonNode object) {
    return object.path("apiVersion").asText("").startsWith(EdgeFleetApi.GROUP + "/");
  }

  /** Checks an object of the EdgeFleet API group. */
  Checked check(JsonNode object) {
    String kind = object.path("kind").asText("");
    String apiVersion = object.path("apiVersion").asText("");
    CrdValidator validator = byKind.get(kind);
    if (validator == null) {
      return new Checked(
          null,
          "no matches for kind \""
              + kind
              + "\" in version \""
              + apiVersion
              + "\" (the EdgeFleet CRDs define "
              + String.join(", ", byKind.keySet().stream().sorted().toList())
              + ")");
    }
    String name = object.path("metadata").path("name").asText("");
    List<String> unknown = validator.unknownFields(object);
    if (!unknown.isEmpty()) {
      String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
      return new Checked(null, ApiServerErrors.strictDecodingMessage(kind, version, unknown));
    }
    Admission admission = validator.admit(object);
    if (!admission.allowed()) {
      return new Checked(
          null, ApiServerErrors.invalidMessage(kind, validator.group(), name, admission.errors()));
    }
    return new Checked(admission.object(), null);
  }

  /** Checks a ConfigMap as far as resolve reads one: it needs a name. */
  static String configMapRefusal(JsonNode object) {
    String name = object.path("metadata").path("name").asText("");
    if (!name.isEmpty()) {
      return null;
    }
    return ApiServerErrors.invalidMessage(
        "ConfigMap",
        "",
        name,
        List.of(
            new FieldError(
                "metadata.name",
                FieldError.Type.REQUIRED,
                null,
                "name or generateName is required")));
  }
}

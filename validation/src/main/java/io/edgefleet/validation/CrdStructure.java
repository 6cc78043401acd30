package io.edgefleet.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The checks the API server makes before it accepts a CRD: a structural schema (a type on every
 * node except int-or-string and preserve-unknown-fields ones, no {@code additionalProperties}
 * beside {@code properties} or set to false, only name and generateName under root metadata, no
 * forbidden keywords, valid defaults and list types), and x-kubernetes-validations rules that
 * compile against the CEL type derived from their node.
 *
 * <p>Not checked: the static cost estimate of CEL rules (see the module's README).
 */
public final class CrdStructure {

  private CrdStructure() {}

  /** Problems of a CRD given as JSON, phrased like the API server's; empty when it is fine. */
  public static List<String> check(JsonNode crd) {
    return List.copyOf(CrdModel.read(crd).problems);
  }

  /** Problems of a CRD given as YAML or JSON text. */
  public static List<String> check(String crdYamlOrJson) {
    return check(Json.read(crdYamlOrJson));
  }
}

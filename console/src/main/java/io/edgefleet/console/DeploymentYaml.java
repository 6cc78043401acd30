package io.edgefleet.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.EdgeFleetApi;

/** An EdgeDeployment to and from the YAML a person pastes, downloads or commits. */
final class DeploymentYaml {

  /** Why a text is not an EdgeDeployment, in words a person can act on. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  private static final YAMLMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY))
          .build();

  private DeploymentYaml() {}

  /** The YAML of a deployment as one would apply it: apiVersion, kind, name, namespace, spec. */
  static String write(String namespace, String name, EdgeDeploymentSpec spec) {
    ObjectNode root = YAML.createObjectNode();
    root.put("apiVersion", EdgeFleetApi.API_VERSION);
    root.put("kind", "EdgeDeployment");
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    root.set("spec", YAML.valueToTree(spec == null ? new EdgeDeploymentSpec() : spec));
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads one EdgeDeployment; its namespace defaults to {@code namespace}.
   *
   * @throws Invalid when the text is not YAML, not one EdgeDeployment, or has unknown fields
   */
  static EdgeDeployment read(String text, String namespace) throws Invalid {
    if (text == null || text.isBlank()) {
      throw new Invalid("Paste an EdgeDeployment, or build one with the form.");
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new Invalid("Not YAML: " + e.getOriginalMessage() + at(e));
    }
    if (root == null || !root.isObject()) {
      throw new Invalid("Expected one EdgeDeployment object.");
    }
    if (!"EdgeDeployment".equals(root.path("kind").asText())
        || !EdgeFleetApi.API_VERSION.equals(root.path("apiVersion").asText())) {
      throw new Invalid(
          "Expected apiVersion: "
              + EdgeFleetApi.API_VERSION
              + " and kind: EdgeDeployment, not "
              + root.path("apiVersion").asText("(none)")
              + " / "
              + root.path("kind").asText("(none)")
              + ".");
    }
    EdgeDeployment deployment;
    try {
      deployment = YAML.treeToValue(root, EdgeDeployment.class);
    } catch (JsonMappingException e) {
      throw new Invalid(e.getOriginalMessage() + " at " + path(e));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new Invalid(e.getMessage());
    }
    String name = deployment.getMetadata() == null ? null : deployment.getMetadata().getName();
    if (name == null || name.isBlank()) {
      throw new Invalid("metadata.name is required.");
    }
    if (deployment.getMetadata().getNamespace() == null
        || deployment.getMetadata().getNamespace().isBlank()) {
      deployment.getMetadata().setNamespace(namespace);
    }
    return deployment;
  }

  private static String at(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "the top" : path.toString();
  }
}

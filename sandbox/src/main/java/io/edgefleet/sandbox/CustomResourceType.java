package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.validation.CrdValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A resource type defined by a CustomResourceDefinition: its served versions with their printer
 * columns and schema, and the validator that admits its objects.
 */
final class CustomResourceType {

  /** A printer column of one version ({@code additionalPrinterColumns}). */
  record Column(
      String name, String type, String format, String description, int priority, String jsonPath) {}

  /** One served version. */
  record Version(String name, ApiResource resource, List<Column> columns, JsonNode schema) {}

  private final String crdName;
  private final String group;
  private final String plural;
  private final String kind;
  private final JsonNode crd;
  private final CrdValidator validator;
  private final Map<String, Version> versions;

  private CustomResourceType(JsonNode crd, CrdValidator validator) {
    this.crd = crd;
    this.validator = validator;
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    this.crdName = crd.path("metadata").path("name").asText();
    this.group = spec.path("group").asText();
    this.plural = names.path("plural").asText();
    this.kind = names.path("kind").asText();
    String singular = names.path("singular").asText(kind.toLowerCase(Locale.ROOT));
    boolean namespaced = !"Cluster".equals(spec.path("scope").asText());
    List<String> shortNames = strings(names.path("shortNames"));
    List<String> categories = strings(names.path("categories"));
    Map<String, Version> served = new LinkedHashMap<>();
    for (JsonNode v : spec.path("versions")) {
      if (!v.path("served").asBoolean(true)) {
        continue;
      }
      String name = v.path("name").asText();
      Set<String> subresources = v.path("subresources").has("status") ? Set.of("status") : Set.of();
      ApiResource resource =
          new ApiResource(
              group,
              name,
              plural,
              singular,
              kind,
              namespaced,
              ApiResource.ALL_VERBS,
              shortNames,
              categories,
              subresources,
              true);
      served.put(
          name,
          new Version(
              name, resource, columns(v), v.path("schema").path("openAPIV3Schema").deepCopy()));
    }
    this.versions = Map.copyOf(served);
  }

  /**
   * Reads a CRD.
   *
   * @throws io.edgefleet.validation.InvalidCrdException when the API server would reject it
   */
  static CustomResourceType of(JsonNode crd) {
    return new CustomResourceType(crd, CrdValidator.load(crd));
  }

  String crdName() {
    return crdName;
  }

  String group() {
    return group;
  }

  String plural() {
    return plural;
  }

  String kind() {
    return kind;
  }

  JsonNode crd() {
    return crd;
  }

  CrdValidator validator() {
    return validator;
  }

  Map<String, Version> versions() {
    return versions;
  }

  private static List<Column> columns(JsonNode version) {
    List<Column> columns = new ArrayList<>();
    JsonNode defined = version.path("additionalPrinterColumns");
    if (!defined.isArray() || defined.isEmpty()) {
      // the API server's default when a CRD defines no columns
      columns.add(
          new Column(
              "Age",
              "date",
              "",
              "Time since the object was created",
              0,
              ".metadata.creationTimestamp"));
      return columns;
    }
    for (JsonNode c : defined) {
      columns.add(
          new Column(
              c.path("name").asText(),
              c.path("type").asText("string"),
              c.path("format").asText(""),
              c.path("description").asText(""),
              c.path("priority").asInt(0),
              c.path("jsonPath").asText()));
    }
    return columns;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    for (JsonNode n : array) {
      values.add(n.asText());
    }
    return values;
  }
}

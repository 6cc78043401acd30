package io.edgefleet.api.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders docs/crd-reference.md from the generated CRDs: every field with its type, constraints and
 * description, every validation rule with its message, the printer columns. Generated, so the
 * reference cannot drift from the schema the API server enforces.
 */
public final class CrdReference {

  private CrdReference() {}

  /**
   * Writes the reference for the CRD files in {@code args[0]} to {@code args[1]}.
   *
   * @param args the CRD directory and the output file
   */
  public static void main(String[] args) throws IOException {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    for (String file :
        new String[] {"edgedevices.edgefleet.io-v1.yml", "edgedeployments.edgefleet.io-v1.yml"}) {
      try (InputStream in = Files.newInputStream(Path.of(args[0], file))) {
        crds.add(Serialization.unmarshal(in, CustomResourceDefinition.class));
      }
    }
    Path out = Path.of(args[1]);
    Files.createDirectories(out.getParent());
    Files.writeString(out, render(crds), StandardCharsets.UTF_8);
  }

  /** The Markdown reference of {@code crds}. */
  public static String render(List<CustomResourceDefinition> crds) {
    StringBuilder md = new StringBuilder();
    md.append("# CRD reference\n\n")
        .append("<!-- Generated from crds/ by scripts/update-crds; do not edit by hand. -->\n\n")
        .append(
            "API group `edgefleet.io`, version `v1alpha1`. Both kinds are namespaced and in the")
        .append(" `edgefleet` category (`kubectl get edgefleet`). `kubectl explain` shows the same")
        .append(" descriptions.\n\n");
    for (CustomResourceDefinition crd : crds) {
      var names = crd.getSpec().getNames();
      CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
      JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
      md.append("## ").append(names.getKind()).append("\n\n");
      md.append(root.getDescription()).append("\n\n");
      md.append("Plural `")
          .append(names.getPlural())
          .append("`, short name `")
          .append(String.join("`, `", names.getShortNames()))
          .append("`.\n\n");
      md.append("### Printer columns\n\n| column | JSON path | type |\n|---|---|---|\n");
      for (CustomResourceColumnDefinition column : version.getAdditionalPrinterColumns()) {
        md.append("| ")
            .append(column.getName())
            .append(" | `")
            .append(column.getJsonPath())
            .append("` | ")
            .append(column.getType())
            .append(" |\n");
      }
      md.append(
          "\n### Fields\n\n| field | type | constraints | description |\n|---|---|---|---|\n");
      Map<String, List<ValidationRule>> rules = new TreeMap<>();
      if (root.getXKubernetesValidations() != null) {
        rules.put("(object)", root.getXKubernetesValidations());
      }
      for (String top : List.of("spec", "status")) {
        JSONSchemaProps schema = root.getProperties().get(top);
        if (schema != null) {
          fields(md, top, schema, false, rules);
        }
      }
      if (!rules.isEmpty()) {
        md.append("\n### Validation rules\n\nChecked by the API server (CEL); the message is what")
            .append(" `kubectl apply` prints.\n\n| field | rule | message |\n|---|---|---|\n");
        rules.forEach(
            (path, list) ->
                list.forEach(
                    rule ->
                        md.append("| `")
                            .append(path)
                            .append("` | `")
                            .append(cell(rule.getRule()))
                            .append("` | ")
                            .append(cell(rule.getMessage()))
                            .append(" |\n")));
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static void fields(
      StringBuilder md,
      String path,
      JSONSchemaProps schema,
      boolean required,
      Map<String, List<ValidationRule>> rules) {
    md.append("| `")
        .append(path)
        .append("` | ")
        .append(type(schema))
        .append(" | ")
        .append(constraints(schema, required))
        .append(" | ")
        .append(cell(schema.getDescription() == null ? "" : schema.getDescription()))
        .append(" |\n");
    if (schema.getXKubernetesValidations() != null
        && !schema.getXKubernetesValidations().isEmpty()) {
      rules.put(path, schema.getXKubernetesValidations());
    }
    if (schema.getProperties() != null) {
      List<String> requiredFields = schema.getRequired() == null ? List.of() : schema.getRequired();
      new TreeMap<>(schema.getProperties())
          .forEach(
              (name, child) ->
                  fields(md, path + "." + name, child, requiredFields.contains(name), rules));
    }
    if (schema.getAdditionalProperties() != null
        && schema.getAdditionalProperties().getSchema() != null) {
      JSONSchemaProps values = schema.getAdditionalProperties().getSchema();
      if (values.getProperties() != null || values.getXKubernetesValidations() != null) {
        fields(md, path + ".<name>", values, false, rules);
      }
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      JSONSchemaProps items = schema.getItems().getSchema();
      if (items.getProperties() != null) {
        fields(md, path + "[]", items, false, rules);
      }
    }
  }

  private static String type(JSONSchemaProps schema) {
    if (schema.getType() == null) {
      return Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields()) ? "any JSON" : "";
    }
    if ("object".equals(schema.getType())
        && schema.getAdditionalProperties() != null
        && schema.getAdditionalProperties().getSchema() != null) {
      return "map of " + type(schema.getAdditionalProperties().getSchema());
    }
    if ("array".equals(schema.getType())
        && schema.getItems() != null
        && schema.getItems().getSchema() != null) {
      return "list of " + type(schema.getItems().getSchema());
    }
    return schema.getType();
  }

  private static String constraints(JSONSchemaProps schema, boolean required) {
    List<String> parts = new ArrayList<>();
    if (required) {
      parts.add("required");
    }
    if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
      List<String> values = new ArrayList<>();
      schema.getEnum().forEach(v -> values.add(v.asText()));
      parts.add("one of " + String.join(", ", values));
    }
    if (schema.getDefault() != null) {
      parts.add("default " + schema.getDefault());
    }
    if (schema.getMinimum() != null) {
      parts.add("min " + number(schema.getMinimum()));
    }
    if (schema.getMaximum() != null) {
      parts.add("max " + number(schema.getMaximum()));
    }
    if (schema.getMinLength() != null) {
      parts.add("length ≥ " + schema.getMinLength());
    }
    if (schema.getMaxLength() != null) {
      parts.add("length ≤ " + schema.getMaxLength());
    }
    if (schema.getMaxProperties() != null) {
      parts.add("at most " + schema.getMaxProperties() + " entries");
    }
    if (schema.getPattern() != null) {
      parts.add("pattern `" + cell(schema.getPattern()) + "`");
    }
    return String.join("; ", parts);
  }

  private static String number(Double value) {
    return value == Math.rint(value) ? Long.toString(value.longValue()) : value.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}

package io.edgefleet.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.types.CelType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CRD: checks it the way the API server does before accepting it (structural schema,
 * x-kubernetes extensions, every CEL rule compiles against the type derived from its node) and
 * builds a validator per served version. Problems are phrased like the API server's, with its paths
 * ({@code spec.versions[0].schema.openAPIV3Schema.properties[spec]...}).
 */
final class CrdModel {

  private static final Set<String> TYPES =
      Set.of("array", "boolean", "integer", "number", "object", "string");
  private static final Set<String> REASONS =
      Set.of(
          "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired");
  private static final Set<String> ROOT_KEYS_WITH_SUBRESOURCES =
      Set.of(
          "description",
          "properties",
          "required",
          "type",
          "x-kubernetes-preserve-unknown-fields",
          "x-kubernetes-validations");
  private static final List<String> JUNCTORS = List.of("allOf", "anyOf", "oneOf", "not");

  final List<String> problems = new ArrayList<>();
  final Map<String, VersionValidator> served = new LinkedHashMap<>();
  String group = "";
  String kind = "";
  String plural = "";
  boolean namespaced = true;

  private CrdModel() {}

  static CrdModel read(JsonNode crd) {
    CrdModel m = new CrdModel();
    m.readCrd(crd);
    return m;
  }

  private void readCrd(JsonNode crd) {
    if (!"apiextensions.k8s.io/v1".equals(crd.path("apiVersion").asText())
        || !"CustomResourceDefinition".equals(crd.path("kind").asText())) {
      problems.add(
          "not an apiextensions.k8s.io/v1 CustomResourceDefinition (apiVersion "
              + crd.path("apiVersion").asText("<none>")
              + ", kind "
              + crd.path("kind").asText("<none>")
              + ")");
      return;
    }
    JsonNode spec = crd.path("spec");
    group = spec.path("group").asText("");
    kind = spec.path("names").path("kind").asText("");
    plural = spec.path("names").path("plural").asText("");
    namespaced = !"Cluster".equals(spec.path("scope").asText("Namespaced"));
    if (group.isEmpty()) {
      problems.add("spec.group: Required value");
    }
    if (kind.isEmpty()) {
      problems.add("spec.names.kind: Required value");
    }
    if (plural.isEmpty()) {
      problems.add("spec.names.plural: Required value");
    }
    String name = crd.path("metadata").path("name").asText("");
    if (!name.equals(plural + "." + group)) {
      problems.add(
          "metadata.name: Invalid value: "
              + GoFormat.quote(name)
              + ": must be spec.names.plural+\".\"+spec.group");
    }
    String scope = spec.path("scope").asText("");
    if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
      problems.add(
          "spec.scope: Unsupported value: "
              + GoFormat.quote(scope)
              + ": supported values: \"Cluster\", \"Namespaced\"");
    }
    JsonNode versions = spec.path("versions");
    if (!versions.isArray() || versions.isEmpty()) {
      problems.add(
          "spec.versions: Invalid value: null: must have exactly one version marked as storage version");
      return;
    }
    int storage = 0;
    for (int i = 0; i < versions.size(); i++) {
      JsonNode v = versions.get(i);
      String at = "spec.versions[" + i + "]";
      storage += v.path("storage").asBoolean(false) ? 1 : 0;
      JsonNode schemaNode = v.path("schema").path("openAPIV3Schema");
      if (!schemaNode.isObject()) {
        problems.add(at + ".schema.openAPIV3Schema: Required value: schemas are required");
        continue;
      }
      boolean subresources = v.path("subresources").isObject() && !v.path("subresources").isEmpty();
      boolean status = v.path("subresources").has("status");
      Schema root = Schema.of(schemaNode);
      int before = problems.size();
      String schemaPath = at + ".schema.openAPIV3Schema";
      checkRoot(root, schemaPath, subresources);
      checkNode(root, schemaPath, Position.ROOT, false);
      IdentityHashMap<Schema, List<CelSupport.CompiledRule>> compiled = new IdentityHashMap<>();
      if (problems.size() == before) {
        compileRules(root, schemaPath, true, "v" + i, compiled, false);
      }
      if (v.path("served").asBoolean(false)) {
        served.put(
            v.path("name").asText(""),
            new VersionValidator(v.path("name").asText(""), root, status, compiled));
      }
    }
    if (storage != 1) {
      problems.add(
          "spec.versions: Invalid value: "
              + storage
              + ": must have exactly one version marked as storage version");
    }
  }

  private enum Position {
    ROOT,
    PROPERTY,
    ADDITIONAL_PROPERTIES,
    ITEMS
  }

  private void checkRoot(Schema root, String path, boolean subresources) {
    if (root.hasType() && !root.isObject()) {
      problems.add(
          path
              + ".type: Invalid value: "
              + GoFormat.quote(root.type)
              + ": must be object at the root");
    }
    if (subresources) {
      root.raw
          .fieldNames()
          .forEachRemaining(
              k -> {
                if (!ROOT_KEYS_WITH_SUBRESOURCES.contains(k)) {
                  problems.add(
                      path
                          + ": Invalid value: "
                          + GoFormat.quote(k)
                          + ": if subresources for custom resources are enabled, only description,"
                          + " properties, required, type, x-kubernetes-preserve-unknown-fields and"
                          + " x-kubernetes-validations can be used at the root of the schema");
                }
              });
    }
    Schema metadata = root.properties.get("metadata");
    if (metadata != null) {
      String mp = path + ".properties[metadata]";
      if (metadata.hasType() && !metadata.isObject()) {
        problems.add(
            mp + ".type: Invalid value: " + GoFormat.quote(metadata.type) + ": must be object");
      }
      for (String k : metadata.properties.keySet()) {
        if (!k.equals("name") && !k.equals("generateName")) {
          problems.add(
              mp
                  + ": Forbidden: must not specify anything other than name and generateName, but"
                  + " metadata is implicitly specified");
          break;
        }
      }
      metadata
          .raw
          .fieldNames()
          .forEachRemaining(
              k -> {
                if (!Set.of("type", "properties", "description").contains(k)) {
                  problems.add(
                      mp
                          + ": Forbidden: must not specify anything other than name and generateName,"
                          + " but metadata is implicitly specified");
                }
              });
    }
  }

  private void checkNode(Schema s, String path, Position position, boolean inJunctor) {
    JsonNode raw = s.raw;
    if (s.hasType() && !TYPES.contains(s.type)) {
      problems.add(
          path
              + ".type: Unsupported value: "
              + GoFormat.quote(s.type)
              + ": supported values: \"array\", \"boolean\", \"integer\", \"number\", \"object\","
              + " \"string\"");
    }
    if ("null".equals(s.type)) {
      problems.add(
          path + ".type: Forbidden: type cannot be set to null, use nullable as an alternative");
    }
    if (!s.hasType() && !s.preserveUnknownFields && !s.intOrString && !inJunctor) {
      String where =
          switch (position) {
            case ROOT -> "at the root";
            case ITEMS -> "for specified array items";
            default -> "for specified object fields";
          };
      problems.add(path + ".type: Required value: must not be empty " + where);
    }
    if (s.intOrString && s.hasType()) {
      problems.add(
          path
              + ".type: Invalid value: "
              + GoFormat.quote(s.type)
              + ": must be empty to be structural when x-kubernetes-int-or-string is true");
    }
    for (String forbidden :
        List.of(
            "$ref", "id", "patternProperties", "definitions", "dependencies", "additionalItems")) {
      if (raw.has(forbidden)) {
        problems.add(path + "." + forbidden + ": Forbidden: " + forbidden + " is not supported");
      }
    }
    if (raw.path("uniqueItems").asBoolean(false)) {
      problems.add(
          path
              + ".uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime"
              + " complexity becomes quadratic");
    }
    if (raw.has("items") && raw.get("items").isArray()) {
      problems.add(path + ".items: Forbidden: items must be a schema object and not an array");
    }
    if (!s.properties.isEmpty()
        && (s.additionalProperties != null || s.additionalPropertiesBool != null)) {
      problems.add(
          path
              + ".additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive");
    }
    if (Boolean.FALSE.equals(s.additionalPropertiesBool)) {
      problems.add(
          path + ".additionalProperties: Forbidden: additionalProperties cannot be set to false");
    }
    if (raw.has("x-kubernetes-preserve-unknown-fields") && !s.preserveUnknownFields) {
      problems.add(
          path
              + ".x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined");
    }
    if (s.embeddedResource) {
      if (!s.isObject()) {
        problems.add(
            path
                + ".type: Invalid value: "
                + GoFormat.quote(String.valueOf(s.type))
                + ": must be object if x-kubernetes-embedded-resource is true");
      }
      if (s.properties.isEmpty() && !s.preserveUnknownFields) {
        problems.add(
            path
                + ".properties: Required value: must not be empty if x-kubernetes-embedded-resource is"
                + " true without x-kubernetes-preserve-unknown-fields");
      }
    }
    if (s.patternError != null) {
      problems.add(
          path
              + ".pattern: Invalid value: "
              + GoFormat.quote(s.patternText)
              + ": must be a valid regular expression, but isn't: "
              + s.patternError);
    }
    if (s.listType != null) {
      if (!Set.of("atomic", "set", "map").contains(s.listType)) {
        problems.add(
            path
                + ".x-kubernetes-list-type: Unsupported value: "
                + GoFormat.quote(s.listType)
                + ": supported values: \"atomic\", \"map\", \"set\"");
      }
      if (!s.isArray()) {
        problems.add(
            path
                + ".type: Invalid value: "
                + GoFormat.quote(String.valueOf(s.type))
                + ": must be array if x-kubernetes-list-type is specified");
      }
      if ("map".equals(s.listType)) {
        if (s.listMapKeys.isEmpty()) {
          problems.add(
              path
                  + ".x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map");
        }
        for (String k : s.listMapKeys) {
          if (s.items == null || !s.items.properties.containsKey(k)) {
            problems.add(
                path
                    + ".x-kubernetes-list-map-keys: Invalid value: "
                    + GoFormat.quote(k)
                    + ": entries must all be names of item properties");
          }
        }
      }
    }
    if (inJunctor) {
      for (String k :
          List.of("type", "default", "additionalProperties", "nullable", "description")) {
        if (raw.has(k)) {
          problems.add(path + "." + k + ": Forbidden: must be empty to be structural");
        }
      }
    }
    for (String j : JUNCTORS) {
      JsonNode jn = raw.get(j);
      if (jn == null) {
        continue;
      }
      List<JsonNode> parts = new ArrayList<>();
      if (jn.isArray()) {
        jn.forEach(parts::add);
      } else {
        parts.add(jn);
      }
      for (int i = 0; i < parts.size(); i++) {
        String jp = path + "." + j + (jn.isArray() ? "[" + i + "]" : "");
        if (parts.get(i).isObject()) {
          checkNode(Schema.of(parts.get(i)), jp, position, true);
        }
      }
    }
    checkDefault(s, path);
    checkRules(s, path);
    for (Map.Entry<String, Schema> p : s.properties.entrySet()) {
      checkNode(
          p.getValue(), path + ".properties[" + p.getKey() + "]", Position.PROPERTY, inJunctor);
    }
    if (s.additionalProperties != null) {
      checkNode(
          s.additionalProperties,
          path + ".additionalProperties",
          Position.ADDITIONAL_PROPERTIES,
          inJunctor);
    }
    if (s.items != null) {
      checkNode(s.items, path + ".items", Position.ITEMS, inJunctor);
    }
  }

  private void checkDefault(Schema s, String path) {
    if (s.defaultValue == null) {
      return;
    }
    VersionValidator probe = new VersionValidator("default", s, false, new IdentityHashMap<>());
    Pruned pruned = probe.prune(s.defaultValue);
    if (!pruned.unknownFields().isEmpty()) {
      problems.add(
          path
              + ".default: Invalid value: "
              + GoFormat.value(s.defaultValue)
              + ": must not have unknown fields "
              + pruned.unknownFields());
    }
    for (FieldError e : probe.validateValue(pruned.object())) {
      problems.add(path + ".default: " + e);
    }
  }

  private void checkRules(Schema s, String path) {
    for (int i = 0; i < s.rules.size(); i++) {
      Schema.Rule r = s.rules.get(i);
      String rp = path + ".x-kubernetes-validations[" + i + "]";
      if (r.rule().isBlank()) {
        problems.add(rp + ".rule: Required value: rule is not specified");
      }
      if (r.message() != null && r.message().isBlank()) {
        problems.add(
            rp
                + ".message: Invalid value: "
                + GoFormat.quote(r.message())
                + ": message must be non-empty if specified");
      } else if (r.message() != null && r.message().trim().matches("(?s).*[\\n\\r].*")) {
        problems.add(
            rp
                + ".message: Invalid value: "
                + GoFormat.quote(r.message())
                + ": message must not contain line breaks");
      } else if (r.rule().trim().matches("(?s).*[\\n\\r].*")
          && (r.message() == null || r.message().isBlank())) {
        problems.add(
            rp
                + ".message: Required value: message must be specified if rule contains line breaks");
      }
      if (r.reason() != null && !REASONS.contains(r.reason())) {
        problems.add(
            rp
                + ".reason: Unsupported value: "
                + GoFormat.quote(r.reason())
                + ": supported values: \"FieldValueDuplicate\", \"FieldValueForbidden\","
                + " \"FieldValueInvalid\", \"FieldValueRequired\"");
      }
    }
  }

  private void compileRules(
      Schema s,
      String path,
      boolean resourceRoot,
      String typeName,
      IdentityHashMap<Schema, List<CelSupport.CompiledRule>> out,
      boolean uncorrelatable) {
    if (!s.rules.isEmpty()) {
      CelSupport cel = new CelSupport();
      CelType self = cel.declType(s, resourceRoot || s.embeddedResource, typeName);
      if (self == null) {
        problems.add(
            path
                + ".x-kubernetes-validations: Internal error: internal error: failed to construct"
                + " type information for x-kubernetes-validations rules: unable to convert"
                + " structural schema to CEL declarations");
      } else {
        List<CelSupport.CompiledRule> rules = new ArrayList<>();
        List<CelSupport.Compilation> results = cel.compile(s.rules, self);
        for (int i = 0; i < results.size(); i++) {
          CelSupport.Compilation c = results.get(i);
          String rp = path + ".x-kubernetes-validations[" + i + "]";
          if (c.error() != null) {
            problems.add(
                rp
                    + ".rule: Invalid value: "
                    + GoFormat.quote(s.rules.get(i).rule())
                    + ": "
                    + c.error());
          } else if (c.compiled().oldSelf() && uncorrelatable) {
            problems.add(
                rp
                    + ".rule: Invalid value: "
                    + GoFormat.quote(s.rules.get(i).rule())
                    + ": oldSelf cannot be used on the uncorrelatable portion of the schema");
          } else {
            rules.add(c.compiled());
          }
        }
        out.put(s, List.copyOf(rules));
      }
    }
    for (Map.Entry<String, Schema> p : s.properties.entrySet()) {
      compileRules(
          p.getValue(),
          path + ".properties[" + p.getKey() + "]",
          false,
          typeName + "." + p.getKey(),
          out,
          uncorrelatable);
    }
    if (s.additionalProperties != null) {
      compileRules(
          s.additionalProperties,
          path + ".additionalProperties",
          false,
          typeName + ".@elem",
          out,
          uncorrelatable);
    }
    if (s.items != null) {
      boolean correlatable = "map".equals(s.listType) || "set".equals(s.listType);
      compileRules(
          s.items,
          path + ".items",
          false,
          typeName + ".@idx",
          out,
          uncorrelatable || !correlatable);
    }
  }
}

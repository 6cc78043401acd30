package io.edgefleet.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a CRD's {@code openAPIV3Schema}, read once into the fields the validator uses. The
 * raw JSON is kept for the structural checks.
 */
final class Schema {

  /** An {@code x-kubernetes-validations} entry. */
  record Rule(
      String rule,
      String message,
      String messageExpression,
      String reason,
      String fieldPath,
      Boolean optionalOldSelf) {}

  final JsonNode raw;
  final String type;
  final String format;
  final Map<String, Schema> properties;
  final Schema additionalProperties;
  final Boolean additionalPropertiesBool;
  final Schema items;
  final List<String> required;
  final List<JsonNode> enumValues;
  final BigDecimal minimum;
  final BigDecimal maximum;
  final boolean exclusiveMinimum;
  final boolean exclusiveMaximum;
  final BigDecimal multipleOf;
  final Long minLength;
  final Long maxLength;
  final String patternText;
  final Pattern pattern;
  final String patternError;
  final Long minItems;
  final Long maxItems;
  final Long minProperties;
  final Long maxProperties;
  final boolean nullable;
  final JsonNode defaultValue;
  final boolean preserveUnknownFields;
  final boolean intOrString;
  final boolean embeddedResource;
  final String listType;
  final List<String> listMapKeys;
  final List<Rule> rules;

  private Schema(JsonNode n) {
    raw = n;
    type = text(n, "type");
    format = text(n, "format");
    Map<String, Schema> props = new LinkedHashMap<>();
    JsonNode p = n.get("properties");
    if (p != null && p.isObject()) {
      p.properties().iterator().forEachRemaining(e -> props.put(e.getKey(), of(e.getValue())));
    }
    properties = Collections.unmodifiableMap(props);
    JsonNode ap = n.get("additionalProperties");
    additionalProperties = ap != null && ap.isObject() ? of(ap) : null;
    additionalPropertiesBool = ap != null && ap.isBoolean() ? ap.booleanValue() : null;
    JsonNode it = n.get("items");
    items = it != null && it.isObject() ? of(it) : null;
    required = strings(n.get("required"));
    List<JsonNode> en = new ArrayList<>();
    if (n.has("enum") && n.get("enum").isArray()) {
      n.get("enum").forEach(en::add);
    }
    enumValues = en.isEmpty() ? null : List.copyOf(en);
    minimum = decimal(n, "minimum");
    maximum = decimal(n, "maximum");
    exclusiveMinimum = n.path("exclusiveMinimum").asBoolean(false);
    exclusiveMaximum = n.path("exclusiveMaximum").asBoolean(false);
    multipleOf = decimal(n, "multipleOf");
    minLength = integer(n, "minLength");
    maxLength = integer(n, "maxLength");
    patternText = text(n, "pattern");
    Pattern compiled = null;
    String error = null;
    if (patternText != null) {
      try {
        compiled = Pattern.compile(patternText);
      } catch (PatternSyntaxException e) {
        error = e.getMessage();
      }
    }
    pattern = compiled;
    patternError = error;
    minItems = integer(n, "minItems");
    maxItems = integer(n, "maxItems");
    minProperties = integer(n, "minProperties");
    maxProperties = integer(n, "maxProperties");
    nullable = n.path("nullable").asBoolean(false);
    defaultValue = n.get("default");
    preserveUnknownFields = n.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    intOrString = n.path("x-kubernetes-int-or-string").asBoolean(false);
    embeddedResource = n.path("x-kubernetes-embedded-resource").asBoolean(false);
    listType = text(n, "x-kubernetes-list-type");
    listMapKeys = strings(n.get("x-kubernetes-list-map-keys"));
    List<Rule> rs = new ArrayList<>();
    JsonNode xv = n.get("x-kubernetes-validations");
    if (xv != null && xv.isArray()) {
      for (JsonNode r : xv) {
        rs.add(
            new Rule(
                r.path("rule").asText(""),
                text(r, "message"),
                text(r, "messageExpression"),
                text(r, "reason"),
                text(r, "fieldPath"),
                r.has("optionalOldSelf") ? r.get("optionalOldSelf").asBoolean() : null));
      }
    }
    rules = List.copyOf(rs);
  }

  static Schema of(JsonNode node) {
    return new Schema(node);
  }

  boolean hasType() {
    return type != null && !type.isEmpty();
  }

  boolean isObject() {
    return "object".equals(type);
  }

  boolean isArray() {
    return "array".equals(type);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  private static BigDecimal decimal(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isNumber() ? v.decimalValue() : null;
  }

  private static Long integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isNumber() ? v.longValue() : null;
  }

  private static List<String> strings(JsonNode v) {
    if (v == null || !v.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    v.forEach(e -> out.add(e.asText()));
    return List.copyOf(out);
  }
}

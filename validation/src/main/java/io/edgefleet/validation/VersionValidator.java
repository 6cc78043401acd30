package io.edgefleet.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.runtime.CelEvaluationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Validation against one served version's schema, in the API server's order: prune unknown fields
 * and disallowed nulls, apply defaults, check metadata, the OpenAPI schema, list-type invariants,
 * then the x-kubernetes-validations rules (skipped when a blocking schema error exists).
 */
final class VersionValidator {

  private static final Set<String> OBJECT_META_FIELDS = ObjectMetaFields.NAMES;

  static final String NOT_CHECKED =
      "some validation rules were not checked because the object was invalid; correct the"
          + " existing errors to complete validation";

  final String name;
  final Schema root;
  final boolean statusSubresource;
  private final Map<Schema, List<CelSupport.CompiledRule>> rules;

  VersionValidator(
      String name,
      Schema root,
      boolean statusSubresource,
      IdentityHashMap<Schema, List<CelSupport.CompiledRule>> rules) {
    this.name = name;
    this.root = root;
    this.statusSubresource = statusSubresource;
    this.rules = rules;
  }

  // ---------------------------------------------------------------- pruning and defaulting

  /** Prunes a copy of the object; records the dropped unknown fields. */
  Pruned prune(JsonNode object) {
    JsonNode copy = object.deepCopy();
    List<String> unknown = new ArrayList<>();
    pruneNode(copy, root, true, FieldPath.ROOT, unknown);
    return new Pruned(copy, unknown);
  }

  private void pruneNode(
      JsonNode value, Schema s, boolean resourceRoot, FieldPath path, List<String> unknown) {
    if (s == null || value == null) {
      return;
    }
    if (value.isObject()) {
      ObjectNode obj = (ObjectNode) value;
      Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String k = e.getKey();
        JsonNode v = e.getValue();
        if (resourceRoot && (k.equals("apiVersion") || k.equals("kind"))) {
          continue;
        }
        if (resourceRoot && k.equals("metadata")) {
          pruneMetadata(v, path.child(k), unknown);
          continue;
        }
        Schema p = s.properties.get(k);
        if (p != null) {
          if (v.isNull() && !p.nullable) {
            it.remove();
            continue;
          }
          pruneNode(v, p, p.embeddedResource, path.child(k), unknown);
        } else if (s.additionalProperties != null) {
          Schema ap = s.additionalProperties;
          if (v.isNull() && !ap.nullable) {
            it.remove();
            continue;
          }
          pruneNode(v, ap, ap.embeddedResource, path.key(k), unknown);
        } else if (!s.preserveUnknownFields && !Boolean.TRUE.equals(s.additionalPropertiesBool)) {
          unknown.add(path.child(k).text());
          it.remove();
        }
      }
    } else if (value.isArray() && s.items != null) {
      for (int i = 0; i < value.size(); i++) {
        pruneNode(value.get(i), s.items, s.items.embeddedResource, path.index(i), unknown);
      }
    }
  }

  private static void pruneMetadata(JsonNode metadata, FieldPath path, List<String> unknown) {
    if (!metadata.isObject()) {
      return;
    }
    Iterator<String> names = metadata.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!OBJECT_META_FIELDS.contains(k)) {
        unknown.add(path.child(k).text());
        names.remove();
      }
    }
  }

  /** Applies schema defaults in place, as the API server does after pruning. */
  void applyDefaults(JsonNode value, Schema s) {
    if (s == null || value == null) {
      return;
    }
    if (value.isObject()) {
      ObjectNode obj = (ObjectNode) value;
      for (Map.Entry<String, Schema> p : s.properties.entrySet()) {
        if (!obj.has(p.getKey()) && p.getValue().defaultValue != null) {
          obj.set(p.getKey(), p.getValue().defaultValue.deepCopy());
        }
      }
      obj.properties()
          .iterator()
          .forEachRemaining(
              e -> {
                Schema p = s.properties.get(e.getKey());
                applyDefaults(e.getValue(), p != null ? p : s.additionalProperties);
              });
    } else if (value.isArray() && s.items != null) {
      value.forEach(item -> applyDefaults(item, s.items));
    }
  }

  // ---------------------------------------------------------------- validation

  /** Errors of an object already pruned and defaulted; {@code old} is null on create. */
  List<FieldError> validate(JsonNode object, JsonNode old) {
    List<FieldError> errors = new ArrayList<>(Metadata.validate(object.path("metadata")));
    new SchemaWalk(errors, old != null).node(object, old, root, "", true);
    listInvariants(object, root, FieldPath.ROOT, errors);
    if (rules.isEmpty()) {
      return errors; // no x-kubernetes-validations: the API server has no CEL validator to skip
    }
    if (errors.stream().anyMatch(e -> e.type().blocksCelRules())) {
      errors.add(
          new FieldError("<nil>", FieldError.Type.INVALID, GoFormat.quote("null"), NOT_CHECKED));
    } else {
      celNode(object, old, root, true, FieldPath.ROOT, old != null, errors);
    }
    return errors;
  }

  /** Schema errors only (no metadata, no CEL), e.g. of a default value at this schema's node. */
  List<FieldError> validateValue(JsonNode value) {
    List<FieldError> errors = new ArrayList<>();
    new SchemaWalk(errors, false).node(value, null, root, "", false);
    return errors;
  }

  /** The OpenAPI v3 checks of kube-openapi, with its paths and messages. */
  private static final class SchemaWalk {
    private final List<FieldError> errors;
    private final boolean update;

    SchemaWalk(List<FieldError> errors, boolean update) {
      this.errors = errors;
      this.update = update;
    }

    private void add(String path, FieldError.Type type, String value, String detail) {
      errors.add(new FieldError(path.isEmpty() ? "<nil>" : path, type, value, detail));
    }

    void node(JsonNode v, JsonNode old, Schema s, String path, boolean resourceRoot) {
      if (s == null || v == null) {
        return;
      }
      if (update && old != null && old.equals(v)) {
        return; // ratcheting: an unchanged value is not re-validated
      }
      String in = path + " in body";
      if (v.isNull()) {
        if (s.hasType() && !s.nullable) {
          add(
              path,
              FieldError.Type.TYPE_INVALID,
              GoFormat.quote("null"),
              in + " must be of type " + s.type + ": " + GoFormat.quote("null"));
        }
        return;
      }
      if (s.hasType() && !typeMatches(s.type, v)) {
        String actual = jsonType(v);
        add(
            path,
            FieldError.Type.TYPE_INVALID,
            GoFormat.quote(actual),
            in + " must be of type " + s.type + ": " + GoFormat.quote(actual));
        return;
      }
      if (s.intOrString && !(v.isTextual() || v.isIntegralNumber())) {
        String actual = jsonType(v);
        add(
            path,
            FieldError.Type.TYPE_INVALID,
            GoFormat.quote(actual),
            in + " must be of type integer,string: " + GoFormat.quote(actual));
        return;
      }
      if (s.enumValues != null && s.enumValues.stream().noneMatch(e -> jsonEquals(e, v))) {
        List<String> allowed = new ArrayList<>();
        for (JsonNode e : s.enumValues) {
          allowed.add(GoFormat.quote(e.isTextual() ? e.textValue() : e.toString()));
        }
        add(
            path,
            FieldError.Type.NOT_SUPPORTED,
            GoFormat.value(v),
            "supported values: " + String.join(", ", allowed));
      }
      if (v.isTextual()) {
        string(v.textValue(), s, path, in);
      } else if (v.isNumber()) {
        number(v, s, path, in);
      } else if (v.isArray()) {
        array(v, old, s, path, in);
      } else if (v.isObject()) {
        object(v, old, s, path, in, resourceRoot);
      }
    }

    private void string(String text, Schema s, String path, String in) {
      int length = text.codePointCount(0, text.length());
      if (s.maxLength != null && length > s.maxLength) {
        add(
            path,
            FieldError.Type.TOO_LONG,
            null,
            "may not be more than " + s.maxLength + (s.maxLength == 1 ? " byte" : " bytes"));
      }
      if (s.minLength != null && length < s.minLength) {
        add(
            path,
            FieldError.Type.INVALID,
            GoFormat.quote(text),
            in + " should be at least " + s.minLength + " chars long");
      }
      if (s.pattern != null && !s.pattern.matcher(text).find()) {
        add(
            path,
            FieldError.Type.INVALID,
            GoFormat.quote(text),
            in + " should match '" + s.patternText + "'");
      }
    }

    private void number(JsonNode v, Schema s, String path, String in) {
      BigDecimal n = v.decimalValue();
      boolean integral = v.isIntegralNumber();
      String shown = GoFormat.value(v);
      if (s.multipleOf != null
          && s.multipleOf.signum() != 0
          && n.remainder(s.multipleOf).signum() != 0) {
        add(
            path,
            FieldError.Type.INVALID,
            shown,
            in + " should be a multiple of " + bound(s.multipleOf, integral));
      }
      if (s.maximum != null) {
        int c = n.compareTo(s.maximum);
        if (s.exclusiveMaximum ? c >= 0 : c > 0) {
          add(
              path,
              FieldError.Type.INVALID,
              shown,
              in
                  + (s.exclusiveMaximum
                      ? " should be less than "
                      : " should be less than or equal to ")
                  + bound(s.maximum, integral));
        }
      }
      if (s.minimum != null) {
        int c = n.compareTo(s.minimum);
        if (s.exclusiveMinimum ? c <= 0 : c < 0) {
          add(
              path,
              FieldError.Type.INVALID,
              shown,
              in
                  + (s.exclusiveMinimum
                      ? " should be greater than "
                      : " should be greater than or equal to ")
                  + bound(s.minimum, integral));
        }
      }
    }

    /** kube-openapi compares integers as int64 (printing the bound as one), others as float64. */
    private static String bound(BigDecimal b, boolean integralValue) {
      if (integralValue) {
        return Long.toString(b.longValue());
      }
      return GoFormat.float64(b.doubleValue());
    }

    private void array(JsonNode v, JsonNode old, Schema s, String path, String in) {
      if (s.maxItems != null && v.size() > s.maxItems) {
        add(
            path,
            FieldError.Type.TOO_MANY,
            Integer.toString(v.size()),
            "must have at most " + s.maxItems + " items");
      }
      if (s.minItems != null && v.size() < s.minItems) {
        add(
            path,
            FieldError.Type.INVALID,
            Integer.toString(v.size()),
            in + " should have at least " + s.minItems + " items");
      }
      for (int i = 0; i < v.size(); i++) {
        node(v.get(i), correlatedItem(old, v.get(i), s), s.items, path + "[" + i + "]", false);
      }
    }

    private void object(
        JsonNode v, JsonNode old, Schema s, String path, String in, boolean resourceRoot) {
      if (s.maxProperties != null && v.size() > s.maxProperties) {
        add(
            path,
            FieldError.Type.TOO_MANY,
            Integer.toString(v.size()),
            "must have at most " + s.maxProperties + " items");
      }
      if (s.minProperties != null && v.size() < s.minProperties) {
        add(
            path,
            FieldError.Type.INVALID,
            Integer.toString(v.size()),
            in + " should have at least " + s.minProperties + " properties");
      }
      for (String r : s.required) {
        if (!v.has(r)) {
          add(join(path, r), FieldError.Type.REQUIRED, null, "");
        }
      }
      v.properties()
          .iterator()
          .forEachRemaining(
              e -> {
                String k = e.getKey();
                if (resourceRoot
                    && (k.equals("metadata") || k.equals("apiVersion") || k.equals("kind"))
                    && !s.properties.containsKey(k)) {
                  return;
                }
                Schema p = s.properties.get(k);
                Schema child = p != null ? p : s.additionalProperties;
                JsonNode oldChild = old != null && old.isObject() ? old.get(k) : null;
                node(
                    e.getValue(),
                    oldChild,
                    child,
                    join(path, k),
                    child != null && child.embeddedResource);
              });
    }

    private static String join(String path, String name) {
      return path.isEmpty() ? name : path + "." + name;
    }
  }

  private static boolean typeMatches(String type, JsonNode v) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "boolean" -> v.isBoolean();
      case "integer" -> v.isIntegralNumber() || (v.isNumber() && isWhole(v));
      case "number" -> v.isNumber();
      default -> true;
    };
  }

  private static boolean isWhole(JsonNode v) {
    try {
      v.decimalValue().toBigIntegerExact();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  private static String jsonType(JsonNode v) {
    if (v.isObject()) {
      return "object";
    }
    if (v.isArray()) {
      return "array";
    }
    if (v.isTextual()) {
      return "string";
    }
    if (v.isBoolean()) {
      return "boolean";
    }
    if (v.isIntegralNumber()) {
      return "integer";
    }
    if (v.isNumber()) {
      return "number";
    }
    return "null";
  }

  private static boolean jsonEquals(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  /** The item of an old list that corresponds to {@code item}, for list-type map or set. */
  private static JsonNode correlatedItem(JsonNode oldList, JsonNode item, Schema list) {
    if (oldList == null || !oldList.isArray() || list.listType == null) {
      return null;
    }
    if (list.listType.equals("set")) {
      for (JsonNode o : oldList) {
        if (o.equals(item)) {
          return o;
        }
      }
      return null;
    }
    if (list.listType.equals("map") && item.isObject()) {
      for (JsonNode o : oldList) {
        boolean same = true;
        for (String key : list.listMapKeys) {
          same &= o.isObject() && Objects.equals(o.get(key), item.get(key));
        }
        if (same) {
          return o;
        }
      }
    }
    return null;
  }

  /** x-kubernetes-list-type set and map: no duplicate items / keys. */
  private static void listInvariants(
      JsonNode v, Schema s, FieldPath path, List<FieldError> errors) {
    if (s == null || v == null) {
      return;
    }
    if (v.isArray()) {
      if ("set".equals(s.listType) || "map".equals(s.listType)) {
        List<JsonNode> seen = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
          JsonNode item = v.get(i);
          JsonNode identity = item;
          if ("map".equals(s.listType) && item.isObject()) {
            ObjectNode keys = JsonNodeFactory.instance.objectNode();
            for (String k : s.listMapKeys) {
              if (item.has(k)) {
                keys.set(k, item.get(k));
              }
            }
            identity = keys;
          }
          if (seen.contains(identity)) {
            errors.add(
                new FieldError(
                    path.index(i).toString(),
                    FieldError.Type.DUPLICATE,
                    GoFormat.value(identity),
                    ""));
          } else {
            seen.add(identity);
          }
        }
      }
      for (int i = 0; i < v.size(); i++) {
        listInvariants(v.get(i), s.items, path.index(i), errors);
      }
    } else if (v.isObject()) {
      v.properties()
          .iterator()
          .forEachRemaining(
              e -> {
                Schema p = s.properties.get(e.getKey());
                if (p != null) {
                  listInvariants(e.getValue(), p, path.child(e.getKey()), errors);
                } else if (s.additionalProperties != null) {
                  listInvariants(
                      e.getValue(), s.additionalProperties, path.key(e.getKey()), errors);
                }
              });
    }
  }

  // ---------------------------------------------------------------- CEL

  private void celNode(
      JsonNode v,
      JsonNode old,
      Schema s,
      boolean resourceRoot,
      FieldPath path,
      boolean correlatable,
      List<FieldError> errors) {
    if (s == null || v == null || v.isNull()) {
      return;
    }
    boolean unchanged = correlatable && old != null && old.equals(v);
    List<CelSupport.CompiledRule> here = rules.get(s);
    if (here != null && !here.isEmpty()) {
      Object self = null;
      Object oldSelf = null;
      for (CelSupport.CompiledRule r : here) {
        if (r.oldSelf()) {
          boolean optional = Boolean.TRUE.equals(r.rule().optionalOldSelf());
          if ((old == null || !correlatable) && !optional) {
            continue; // transition rules apply only when there is an old value
          }
        } else if (unchanged) {
          continue; // ratcheting
        }
        if (self == null) {
          self = CelSupport.toCel(v, s, resourceRoot);
          if (old != null && correlatable) {
            oldSelf = CelSupport.toCel(old, s, resourceRoot);
          }
        }
        Map<String, Object> activation = new HashMap<>();
        activation.put(CelSupport.SELF, self);
        if (r.oldSelf()) {
          Object o = oldSelf;
          if (Boolean.TRUE.equals(r.rule().optionalOldSelf())) {
            o = Optional.ofNullable(oldSelf);
          }
          if (o != null) {
            activation.put(CelSupport.OLD_SELF, o);
          }
        }
        evaluate(r, activation, s, path, errors);
      }
    }
    if (v.isObject()) {
      v.properties()
          .iterator()
          .forEachRemaining(
              e -> {
                String k = e.getKey();
                JsonNode oldChild = old != null && old.isObject() ? old.get(k) : null;
                Schema p = s.properties.get(k);
                if (p != null) {
                  celNode(
                      e.getValue(),
                      oldChild,
                      p,
                      p.embeddedResource,
                      path.child(k),
                      correlatable,
                      errors);
                } else if (s.additionalProperties != null) {
                  Schema ap = s.additionalProperties;
                  celNode(
                      e.getValue(),
                      oldChild,
                      ap,
                      ap.embeddedResource,
                      path.key(k),
                      correlatable,
                      errors);
                }
              });
    } else if (v.isArray() && s.items != null) {
      for (int i = 0; i < v.size(); i++) {
        JsonNode item = v.get(i);
        JsonNode oldItem = correlatable ? correlatedItem(old, item, s) : null;
        celNode(
            item,
            oldItem,
            s.items,
            s.items.embeddedResource,
            path.index(i),
            correlatable && oldItem != null,
            errors);
      }
    }
  }

  private static void evaluate(
      CelSupport.CompiledRule r,
      Map<String, Object> activation,
      Schema s,
      FieldPath path,
      List<FieldError> errors) {
    String shownType = GoFormat.quote(s.type == null ? "object" : s.type);
    FieldPath at =
        r.rule().fieldPath() == null ? path : appendFieldPath(path, r.rule().fieldPath());
    Object result;
    try {
      result = CelSupport.evaluate(r.program(), activation);
    } catch (CelEvaluationException e) {
      String rule = ruleErrorString(r.rule());
      String m = CelSupport.goStyleError(e);
      String detail =
          m.startsWith("no such overload")
              ? "'"
                  + m
                  + "': call arguments did not match a supported operator, function or macro"
                  + " signature for rule: "
                  + rule
              : m + " evaluating rule: " + rule;
      errors.add(new FieldError(path.toString(), FieldError.Type.INVALID, shownType, detail));
      return;
    }
    if (Boolean.TRUE.equals(result)) {
      return;
    }
    String message = messageOf(r, activation);
    errors.add(errorForReason(at, shownType, message, r.rule().reason()));
  }

  private static String messageOf(CelSupport.CompiledRule r, Map<String, Object> activation) {
    if (r.message() != null) {
      try {
        Object m = r.message().eval(activation);
        if (m instanceof String text && !text.isBlank() && !text.contains("\n")) {
          return text.trim();
        }
      } catch (CelEvaluationException e) {
        // the API server falls back to the message (or the default) as well
      }
    }
    if (r.rule().message() == null || r.rule().message().isEmpty()) {
      return "failed rule: " + ruleErrorString(r.rule());
    }
    return r.rule().message().trim();
  }

  private static String ruleErrorString(Schema.Rule rule) {
    if (rule.message() != null && !rule.message().isEmpty()) {
      return rule.message().trim();
    }
    return rule.rule().trim();
  }

  private static FieldError errorForReason(
      FieldPath path, String value, String detail, String reason) {
    if (reason == null) {
      return new FieldError(path.toString(), FieldError.Type.INVALID, value, detail);
    }
    return switch (reason) {
      case "FieldValueForbidden" ->
          new FieldError(path.toString(), FieldError.Type.FORBIDDEN, null, detail);
      case "FieldValueRequired" ->
          new FieldError(path.toString(), FieldError.Type.REQUIRED, null, detail);
      case "FieldValueDuplicate" ->
          new FieldError(path.toString(), FieldError.Type.DUPLICATE, value, "");
      default -> new FieldError(path.toString(), FieldError.Type.INVALID, value, detail);
    };
  }

  /** Appends a rule's {@code fieldPath} ({@code .a.b}, {@code ['key']}, {@code [0]}). */
  static FieldPath appendFieldPath(FieldPath base, String fieldPath) {
    FieldPath p = base;
    int i = 0;
    String f = fieldPath.trim();
    while (i < f.length()) {
      char c = f.charAt(i);
      if (c == '.') {
        int j = i + 1;
        while (j < f.length() && f.charAt(j) != '.' && f.charAt(j) != '[') {
          j++;
        }
        p = p.child(f.substring(i + 1, j));
        i = j;
      } else if (c == '[') {
        int end = f.indexOf(']', i);
        if (end < 0) {
          break;
        }
        String inner = f.substring(i + 1, end);
        if (inner.startsWith("'") && inner.endsWith("'") && inner.length() >= 2) {
          p = p.child(inner.substring(1, inner.length() - 1));
        } else {
          p = p.key(inner);
        }
        i = end + 1;
      } else {
        break;
      }
    }
    return p;
  }

  static ArrayNode emptyArray() {
    return JsonNodeFactory.instance.arrayNode();
  }
}

package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.validation.ObjectMetaFields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API server does to built-in kinds on write that the sandbox reproduces: the fields each
 * kind knows (for {@code fieldValidation=Strict} and {@code Warn}), and the server-side defaults
 * and conversions a client sees in what is stored (a Secret's {@code stringData} becomes base64
 * {@code data}, its type defaults to {@code Opaque}; a namespace is {@code Active}).
 */
final class BuiltinKinds {

  private static final Set<String> OBJECT_META = ObjectMetaFields.NAMES;

  private static final Map<String, Set<String>> FIELDS =
      Map.ofEntries(
          Map.entry("v1/Namespace", Set.of("spec", "status")),
          Map.entry("v1/ConfigMap", Set.of("data", "binaryData", "immutable")),
          Map.entry("v1/Secret", Set.of("data", "stringData", "type", "immutable")),
          Map.entry(
              "v1/ServiceAccount",
              Set.of("secrets", "imagePullSecrets", "automountServiceAccountToken")),
          Map.entry(
              "v1/Event",
              Set.of(
                  "involvedObject",
                  "reason",
                  "message",
                  "source",
                  "firstTimestamp",
                  "lastTimestamp",
                  "count",
                  "type",
                  "eventTime",
                  "series",
                  "action",
                  "related",
                  "reportingComponent",
                  "reportingInstance")),
          Map.entry(
              "events.k8s.io/v1/Event",
              Set.of(
                  "eventTime",
                  "series",
                  "reportingController",
                  "reportingInstance",
                  "action",
                  "reason",
                  "regarding",
                  "related",
                  "note",
                  "type",
                  "deprecatedSource",
                  "deprecatedFirstTimestamp",
                  "deprecatedLastTimestamp",
                  "deprecatedCount")),
          Map.entry("coordination.k8s.io/v1/Lease", Set.of("spec")),
          Map.entry("apps/v1/ControllerRevision", Set.of("data", "revision")),
          Map.entry("rbac.authorization.k8s.io/v1/Role", Set.of("rules")),
          Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", Set.of("rules", "aggregationRule")),
          Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", Set.of("subjects", "roleRef")),
          Map.entry(
              "rbac.authorization.k8s.io/v1/ClusterRoleBinding", Set.of("subjects", "roleRef")),
          Map.entry("apiextensions.k8s.io/v1/CustomResourceDefinition", Set.of("spec", "status")));

  private BuiltinKinds() {}

  /**
   * Top-level and metadata fields the kind does not have, e.g. {@code dat}, {@code
   * metadata.lables}.
   */
  static List<String> unknownFields(ApiResource r, JsonNode object) {
    List<String> unknown = new ArrayList<>();
    Set<String> known = FIELDS.get(r.apiVersion() + "/" + r.kind());
    if (known == null) {
      return unknown;
    }
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)
          && !f.equals("apiVersion")
          && !f.equals("kind")
          && !f.equals("metadata")) {
        unknown.add(f);
      }
    }
    for (Iterator<String> it = object.path("metadata").fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!OBJECT_META.contains(f)) {
        unknown.add("metadata." + f);
      }
    }
    return unknown;
  }

  /** Applies the server-side defaults and conversions of a write, in place. */
  static void normalize(ApiResource r, ObjectNode object) {
    if (r.group().isEmpty() && r.kind().equals("Secret")) {
      JsonNode stringData = object.remove("stringData");
      if (stringData != null && stringData.isObject()) {
        ObjectNode data = object.get("data") instanceof ObjectNode d ? d : object.putObject("data");
        for (Iterator<Map.Entry<String, JsonNode>> it = stringData.properties().iterator();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          data.put(
              e.getKey(),
              Base64.getEncoder()
                  .encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        }
      }
      if (!object.path("type").isTextual() || object.path("type").asText().isEmpty()) {
        object.put("type", "Opaque");
      }
    }
    if (r.group().isEmpty() && r.kind().equals("Namespace")) {
      ObjectNode spec = object.get("spec") instanceof ObjectNode s ? s : object.putObject("spec");
      if (!spec.has("finalizers")) {
        spec.putArray("finalizers").add("kubernetes");
      }
      ObjectNode status =
          object.get("status") instanceof ObjectNode s ? s : object.putObject("status");
      if (!status.has("phase")) {
        status.put("phase", "Active");
      }
    }
  }
}

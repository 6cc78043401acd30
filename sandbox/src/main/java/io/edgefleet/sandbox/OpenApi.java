package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI v3 documents at {@code /openapi/v3} (the index) and {@code /openapi/v3/<gv>}: for
 * custom resources the CRD's schema (so {@code kubectl explain} works), and for every resource the
 * create and patch operations with their {@code fieldValidation} parameter, which is how kubectl
 * learns that the server validates fields itself, so that {@code kubectl apply} works without
 * {@code --validate=false}. Built-in kinds have operations but no schemas.
 */
final class OpenApi {

  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  private static final String OBJECT_META = META + "ObjectMeta";
  private static final String OWNER_REFERENCE = META + "OwnerReference";
  private static final String MANAGED_FIELDS = META + "ManagedFieldsEntry";

  private final ResourceCatalog catalog;
  private long builtFor = -1;
  private Map<String, ObjectNode> documents = Map.of();
  private ObjectNode index;

  OpenApi(ResourceCatalog catalog) {
    this.catalog = catalog;
  }

  /** {@code GET /openapi/v3}. */
  synchronized ObjectNode index() {
    refresh();
    return index;
  }

  /** {@code GET /openapi/v3/api/v1} or {@code /openapi/v3/apis/<group>/<version>}. */
  synchronized Optional<ObjectNode> document(String groupVersionPath) {
    refresh();
    return Optional.ofNullable(documents.get(groupVersionPath));
  }

  private void refresh() {
    long generation = catalog.generation();
    if (generation == builtFor) {
      return;
    }
    Map<String, List<ApiResource>> byGroupVersion = new LinkedHashMap<>();
    for (ApiResource r : catalog.all()) {
      byGroupVersion
          .computeIfAbsent(r.groupVersionPath().substring(1), k -> new ArrayList<>())
          .add(r);
    }
    Map<String, ObjectNode> docs = new LinkedHashMap<>();
    ObjectNode idx = Json.NODES.objectNode();
    ObjectNode paths = idx.putObject("paths");
    for (Map.Entry<String, List<ApiResource>> e : byGroupVersion.entrySet()) {
      ObjectNode doc = document(e.getValue());
      docs.put(e.getKey(), doc);
      paths
          .putObject(e.getKey())
          .put("serverRelativeURL", "/openapi/v3/" + e.getKey() + "?hash=" + hash(doc));
    }
    this.documents = Map.copyOf(docs);
    this.index = idx;
    this.builtFor = generation;
  }

  private ObjectNode document(List<ApiResource> resources) {
    ObjectNode doc = Json.NODES.objectNode();
    doc.put("openapi", "3.0.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "EdgeFleet sandbox");
    info.put("version", "v1.32.0");
    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    boolean anyCustom = false;
    for (ApiResource r : resources) {
      if (!r.stored()) {
        continue;
      }
      String schemaRef = null;
      if (r.custom()) {
        Optional<JsonNode> schema = customSchema(r);
        if (schema.isPresent()) {
          String name = schemaName(r);
          schemas.set(name, schema.get());
          schemaRef = "#/components/schemas/" + name;
          anyCustom = true;
        }
      }
      addPaths(paths, r, schemaRef);
    }
    if (anyCustom) {
      addMetaSchemas(schemas);
    }
    return doc;
  }

  private Optional<JsonNode> customSchema(ApiResource r) {
    return catalog
        .custom(r.group(), r.plural())
        .map(t -> t.versions().get(r.version()))
        .map(
            v -> {
              ObjectNode s =
                  v.schema().isObject() ? (ObjectNode) v.schema().deepCopy() : objectSchema("");
              s.put("type", "object");
              ObjectNode props = s.has("properties") ? (ObjectNode) s.get("properties") : null;
              if (props == null) {
                props = s.putObject("properties");
              }
              ObjectNode ordered = Json.NODES.objectNode();
              ordered.set(
                  "apiVersion",
                  stringSchema(
                      "APIVersion defines the versioned schema of this representation of an"
                          + " object."));
              ordered.set(
                  "kind", stringSchema("Kind is a string value representing the REST resource."));
              ObjectNode meta = Json.NODES.objectNode();
              meta.putArray("allOf").addObject().put("$ref", "#/components/schemas/" + OBJECT_META);
              meta.put(
                  "description",
                  "Standard object's metadata: name, namespace, labels, annotations, owners.");
              ordered.set("metadata", meta);
              ordered.setAll(props);
              s.set("properties", ordered);
              ArrayNode gvk = s.putArray("x-kubernetes-group-version-kind");
              ObjectNode g = gvk.addObject();
              g.put("group", r.group());
              g.put("kind", r.kind());
              g.put("version", r.version());
              return s;
            });
  }

  private static void addPaths(ObjectNode paths, ApiResource r, String schemaRef) {
    String base = r.groupVersionPath();
    String scope = r.namespaced() ? "/namespaces/{namespace}/" : "/";
    String collection = base + scope + r.plural();
    String item = collection + "/{name}";

    ObjectNode coll = paths.putObject(collection);
    coll.set("get", operation("list", "list", r, schemaRef, List.of()));
    coll.set("post", operation("create", "post", r, schemaRef, writeParameters()));
    coll.set("delete", operation("deletecollection", "deletecollection", r, null, List.of()));
    coll.set("parameters", pathParameters(r.namespaced(), false));

    ObjectNode one = paths.putObject(item);
    one.set("get", operation("read", "get", r, schemaRef, List.of()));
    one.set("put", operation("replace", "put", r, schemaRef, writeParameters()));
    one.set("patch", patchOperation("patch", r, schemaRef));
    one.set("delete", operation("delete", "delete", r, null, List.of()));
    one.set("parameters", pathParameters(r.namespaced(), true));

    if (r.hasStatus()) {
      ObjectNode status = paths.putObject(item + "/status");
      status.set("get", operation("readStatus", "get", r, schemaRef, List.of()));
      status.set("put", operation("replaceStatus", "put", r, schemaRef, writeParameters()));
      status.set("patch", patchOperation("patchStatus", r, schemaRef));
      status.set("parameters", pathParameters(r.namespaced(), true));
    }
    if (r.namespaced()) {
      ObjectNode all = paths.putObject(base + "/" + r.plural());
      all.set("get", operation("listForAllNamespaces", "list", r, schemaRef, List.of()));
    }
  }

  private static ObjectNode operation(
      String verb, String action, ApiResource r, String schemaRef, List<ObjectNode> parameters) {
    ObjectNode op = Json.NODES.objectNode();
    op.put("operationId", verb + operationKind(r));
    if (!parameters.isEmpty()) {
      ArrayNode ps = op.putArray("parameters");
      parameters.forEach(ps::add);
    }
    if (action.equals("post") || action.equals("put")) {
      ObjectNode body = op.putObject("requestBody");
      body.putObject("content").putObject("*/*").set("schema", reference(schemaRef));
      body.put("required", true);
    }
    ObjectNode ok = op.putObject("responses").putObject("200");
    ok.put("description", "OK");
    ok.putObject("content").putObject("application/json").set("schema", reference(schemaRef));
    op.put("x-kubernetes-action", action);
    op.set("x-kubernetes-group-version-kind", gvk(r));
    return op;
  }

  private static ObjectNode patchOperation(String verb, ApiResource r, String schemaRef) {
    ObjectNode op = operation(verb, "patch", r, schemaRef, writeParameters());
    ObjectNode body = Json.NODES.objectNode();
    ObjectNode content = body.putObject("content");
    content.putObject("application/json-patch+json").set("schema", objectSchema("A JSON patch"));
    content
        .putObject("application/merge-patch+json")
        .set("schema", objectSchema("A JSON merge patch"));
    body.put("required", true);
    op.set("requestBody", body);
    return op;
  }

  private static List<ObjectNode> writeParameters() {
    return List.of(
        queryParameter("dryRun", "When present, the write is checked but not persisted (All)."),
        queryParameter("fieldManager", "The name of the actor making the change."),
        queryParameter(
            "fieldValidation",
            "How the server handles unknown fields: Ignore, Warn or Strict (the default)."));
  }

  private static ObjectNode queryParameter(String name, String description) {
    ObjectNode p = Json.NODES.objectNode();
    p.put("name", name);
    p.put("in", "query");
    p.put("description", description);
    ObjectNode s = p.putObject("schema");
    s.put("type", "string");
    s.put("uniqueItems", true);
    return p;
  }

  private static ArrayNode pathParameters(boolean namespaced, boolean named) {
    ArrayNode ps = Json.NODES.arrayNode();
    if (named) {
      ps.add(pathParameter("name", "name of the object"));
    }
    if (namespaced) {
      ps.add(pathParameter("namespace", "object name and auth scope"));
    }
    return ps;
  }

  private static ObjectNode pathParameter(String name, String description) {
    ObjectNode p = Json.NODES.objectNode();
    p.put("name", name);
    p.put("in", "path");
    p.put("description", description);
    p.put("required", true);
    ObjectNode s = p.putObject("schema");
    s.put("type", "string");
    s.put("uniqueItems", true);
    return p;
  }

  private static ObjectNode gvk(ApiResource r) {
    ObjectNode g = Json.NODES.objectNode();
    g.put("group", r.group());
    g.put("version", r.version());
    g.put("kind", r.kind());
    return g;
  }

  private static JsonNode reference(String schemaRef) {
    if (schemaRef == null) {
      return objectSchema("");
    }
    ObjectNode ref = Json.NODES.objectNode();
    ref.put("$ref", schemaRef);
    return ref;
  }

  private static String operationKind(ApiResource r) {
    StringBuilder b = new StringBuilder();
    String group = r.group().isEmpty() ? "core" : r.group();
    for (String part : (group + "." + r.version()).split("[.-]")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.append(r.namespaced() ? "Namespaced" : "").append(r.kind()).toString();
  }

  /** The schema name the API server uses: the reversed group, the version and the kind. */
  static String schemaName(ApiResource r) {
    String[] parts = r.group().split("\\.");
    StringBuilder b = new StringBuilder();
    for (int i = parts.length - 1; i >= 0; i--) {
      b.append(parts[i]).append('.');
    }
    return b.append(r.version()).append('.').append(r.kind()).toString();
  }

  private static void addMetaSchemas(ObjectNode schemas) {
    ObjectNode meta = objectSchema("Metadata that all persisted resources have.");
    ObjectNode p = meta.putObject("properties");
    p.set("name", stringSchema("Unique within a namespace; cannot be updated."));
    p.set(
        "generateName",
        stringSchema("A prefix the server uses to generate a unique name when name is empty."));
    p.set("namespace", stringSchema("The namespace the object belongs to."));
    p.set("uid", stringSchema("Unique in time and space; set by the server."));
    p.set(
        "resourceVersion",
        stringSchema("The internal version of the object, for optimistic concurrency."));
    p.set(
        "generation",
        typed("integer", "A sequence number of the desired state; set by the server."));
    p.set("creationTimestamp", stringSchema("When the object was created (RFC 3339)."));
    p.set("deletionTimestamp", stringSchema("When the object will be deleted (RFC 3339)."));
    p.set("labels", stringMap("Key/value pairs to organize and select objects."));
    p.set("annotations", stringMap("Key/value pairs that tools store with the object."));
    ObjectNode owners = typed("array", "Objects this object depends on; deleted with them.");
    owners.putObject("items").put("$ref", "#/components/schemas/" + OWNER_REFERENCE);
    p.set("ownerReferences", owners);
    ObjectNode finalizers = typed("array", "Must be empty before the object is deleted.");
    finalizers.set("items", stringSchema(""));
    p.set("finalizers", finalizers);
    ObjectNode managed = typed("array", "Which actor manages which fields.");
    managed.putObject("items").put("$ref", "#/components/schemas/" + MANAGED_FIELDS);
    p.set("managedFields", managed);
    schemas.set(OBJECT_META, meta);

    ObjectNode owner = objectSchema("Identifies an owning object.");
    ObjectNode op = owner.putObject("properties");
    op.set("apiVersion", stringSchema("API version of the owner."));
    op.set("kind", stringSchema("Kind of the owner."));
    op.set("name", stringSchema("Name of the owner."));
    op.set("uid", stringSchema("UID of the owner."));
    op.set("controller", typed("boolean", "Whether the owner is the managing controller."));
    op.set(
        "blockOwnerDeletion",
        typed("boolean", "Whether foreground deletion of the owner waits for this object."));
    ArrayNode required = owner.putArray("required");
    List.of("apiVersion", "kind", "name", "uid").forEach(required::add);
    schemas.set(OWNER_REFERENCE, owner);

    ObjectNode entry = objectSchema("A workflow's field set.");
    ObjectNode ep = entry.putObject("properties");
    ep.set("manager", stringSchema("The workflow managing the fields."));
    ep.set("operation", stringSchema("Apply or Update."));
    ep.set("apiVersion", stringSchema("The version of the fields."));
    ep.set("time", stringSchema("When the fields were last changed."));
    schemas.set(MANAGED_FIELDS, entry);
  }

  private static ObjectNode objectSchema(String description) {
    return typed("object", description);
  }

  private static ObjectNode stringSchema(String description) {
    return typed("string", description);
  }

  private static ObjectNode stringMap(String description) {
    ObjectNode m = objectSchema(description);
    m.set("additionalProperties", stringSchema(""));
    return m;
  }

  private static ObjectNode typed(String type, String description) {
    ObjectNode s = Json.NODES.objectNode();
    if (!description.isEmpty()) {
      s.put("description", description);
    }
    s.put("type", type);
    return s;
  }

  private static String hash(JsonNode doc) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest(Json.write(doc).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

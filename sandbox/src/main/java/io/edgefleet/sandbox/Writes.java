package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.validation.Admission;
import io.edgefleet.validation.ApiServerErrors;
import io.edgefleet.validation.FieldError;
import io.edgefleet.validation.InvalidCrdException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The writes of the sandbox: create, update, patch, delete and deletecollection, each turned into a
 * whole object that is admitted before the store keeps it. Custom resources go through their CRD's
 * validator (pruning, defaults, schema, CEL rules, the status subresource); built-in kinds get the
 * API server's conversions and field-name checks; CRDs are checked and (un)registered. The caller
 * holds the dispatcher's write lock, so reading the current object, checking its resourceVersion
 * and storing the new one is atomic.
 */
final class Writes {

  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ResourceCatalog catalog;
  private final Store store;
  private final Clock clock;

  private final List<ValidatingWebhook> webhooks;

  Writes(ResourceCatalog catalog, Store store, Clock clock, List<ValidatingWebhook> webhooks) {
    this.catalog = catalog;
    this.store = store;
    this.clock = clock;
    this.webhooks = webhooks;
  }

  Reply create(HttpCall call, Target t) {
    ApiResource r = t.resource();
    ObjectNode object = object(call.body());
    checkTypeMeta(r, object);
    ObjectNode meta = Json.metadata(object);
    if (r.namespaced()) {
      String given = meta.path("namespace").asText("");
      if (!given.isEmpty() && !given.equals(t.namespace())) {
        throw ApiError.badRequest(
            "the namespace of the provided object does not match the namespace sent on the"
                + " request");
      }
      meta.put("namespace", t.namespace());
      requireNamespace(t.namespace());
    } else {
      meta.remove("namespace");
    }
    if (!meta.path("resourceVersion").asText("").isEmpty()) {
      throw ApiError.badRequest("resourceVersion should not be set on objects to be created");
    }
    if (meta.path("name").asText("").isEmpty() && !meta.path("generateName").asText("").isEmpty()) {
      meta.put("name", meta.path("generateName").asText() + randomSuffix());
    }
    String name = meta.path("name").asText("");
    if (name.isEmpty()) {
      throw ApiError.invalid(
          r,
          "",
          List.of(
              new FieldError(
                  "metadata.name",
                  FieldError.Type.REQUIRED,
                  null,
                  "name or generateName is required")));
    }
    for (String f : List.of("uid", "creationTimestamp", "deletionTimestamp", "generation")) {
      meta.remove(f);
    }
    if (store.get(r.objectPath(t.namespace(), name)).isPresent()) {
      throw ApiError.alreadyExists(r, name);
    }
    List<String> warnings = new ArrayList<>();
    ObjectNode stored;
    CustomResourceType defined = null;
    if (r.custom()) {
      CustomResourceType type = customType(r);
      Admission a = type.validator().admitCreate(object);
      stored = admitted(call, r, name, a, warnings);
      webhooks(call, r, t.namespace(), name, "CREATE", stored, null, warnings);
    } else {
      fieldValidation(call, r, BuiltinKinds.unknownFields(r, object), warnings);
      stored = object;
      BuiltinKinds.normalize(r, stored);
      if (isCrd(r)) {
        defined = crd(r, name, stored);
        stored.set("status", crdStatus(stored));
      }
    }
    if (dryRun(call)) {
      return Reply.Body.json(201, stored, warnings);
    }
    ObjectNode created = r.present(store.create(r.collectionPath(t.namespace()), stored));
    if (defined != null) {
      catalog.register(defined);
    }
    return Reply.Body.json(201, created, warnings);
  }

  Reply update(HttpCall call, Target t) {
    ApiResource r = t.resource();
    ObjectNode current =
        store.get(t.objectPath()).orElseThrow(() -> ApiError.notFound(r, t.name()));
    ObjectNode desired = object(call.body());
    checkTypeMeta(r, desired);
    checkIdentity(t, desired);
    String rv = desired.path("metadata").path("resourceVersion").asText("");
    if (rv.isEmpty() && (r.custom() || t.status())) {
      throw ApiError.invalid(
          r,
          t.name(),
          List.of(
              new FieldError(
                  "metadata.resourceVersion",
                  FieldError.Type.INVALID,
                  "0x0",
                  "must be specified for an update")));
    }
    if (!rv.isEmpty() && !rv.equals(resourceVersion(current))) {
      throw ApiError.conflict(r, t.name());
    }
    return writeExisting(call, t, current, desired, 200);
  }

  Reply patch(HttpCall call, Target t) {
    ApiResource r = t.resource();
    ObjectNode current =
        store.get(t.objectPath()).orElseThrow(() -> ApiError.notFound(r, t.name()));
    String media = call.mediaType();
    JsonNode result;
    try {
      switch (media) {
        case "application/json-patch+json":
          result = Patches.jsonPatch(current, Json.parse(call.body()));
          break;
        case "application/merge-patch+json":
          result = Patches.mergePatch(current, Json.parse(call.body()));
          break;
        case "application/strategic-merge-patch+json":
          if (r.custom()) {
            throw ApiError.unsupportedMediaType(
                "the body of the request was in an unknown format - accepted media types include:"
                    + " application/json-patch+json, application/merge-patch+json");
          }
          result = Patches.strategicMergePatch(current, Json.parse(call.body()));
          break;
        case "application/apply-patch+yaml", "application/apply-patch+json":
          throw ApiError.unsupportedMediaType(
              "server-side apply is not supported by the EdgeFleet sandbox: use kubectl apply"
                  + " without --server-side, or a merge or JSON patch");
        default:
          throw ApiError.unsupportedMediaType(
              "the body of the request was in an unknown format - accepted media types include:"
                  + " application/json-patch+json, application/merge-patch+json"
                  + (r.custom() ? "" : ", application/strategic-merge-patch+json"));
      }
    } catch (Patches.PatchFailed e) {
      throw ApiError.failure(422, "Invalid", "the patch does not apply: " + e.getMessage());
    }
    if (!(result instanceof ObjectNode desired)) {
      throw ApiError.badRequest("the patched object is not a JSON object");
    }
    checkIdentity(t, desired);
    String rv = desired.path("metadata").path("resourceVersion").asText("");
    if (!rv.isEmpty() && !rv.equals(resourceVersion(current))) {
      throw ApiError.conflict(r, t.name());
    }
    return writeExisting(call, t, current, desired, 200);
  }

  /** Admits and stores a new version of an existing object. */
  private Reply writeExisting(
      HttpCall call, Target t, ObjectNode current, ObjectNode desired, int code) {
    ApiResource r = t.resource();
    ObjectNode meta = Json.metadata(desired);
    meta.put("name", t.name());
    if (r.namespaced()) {
      meta.put("namespace", t.namespace());
    }
    JsonNode deletion = current.path("metadata").get("deletionTimestamp");
    if (deletion == null) {
      meta.remove("deletionTimestamp");
    } else {
      meta.set("deletionTimestamp", deletion);
    }
    List<String> warnings = new ArrayList<>();
    ObjectNode stored;
    CustomResourceType defined = null;
    if (r.custom()) {
      CustomResourceType type = customType(r);
      Admission a =
          t.status()
              ? type.validator().admitStatusUpdate(desired, current)
              : type.validator().admitUpdate(desired, current);
      stored = admitted(call, r, t.name(), a, warnings);
      if (!t.status()) {
        webhooks(call, r, t.namespace(), t.name(), "UPDATE", stored, current, warnings);
      }
    } else {
      fieldValidation(call, r, BuiltinKinds.unknownFields(r, desired), warnings);
      stored = desired;
      BuiltinKinds.normalize(r, stored);
      if (r.hasStatus() && !t.status()) {
        // the main resource ignores status, the status subresource everything else
        if (current.has("status")) {
          stored.set("status", current.get("status").deepCopy());
        } else {
          stored.remove("status");
        }
      }
      if (isCrd(r) && !t.status()) {
        defined = crd(r, t.name(), stored);
      }
    }
    Json.metadata(stored).put("resourceVersion", resourceVersion(current));
    if (dryRun(call)) {
      return Reply.Body.json(code, stored, warnings);
    }
    ObjectNode written = store.update(t.objectPath() + (t.status() ? "/status" : ""), stored);
    if (defined != null) {
      catalog.register(defined);
    }
    return Reply.Body.json(code, r.present(written == null ? stored : written), warnings);
  }

  Reply delete(HttpCall call, Target t) {
    ApiResource r = t.resource();
    ObjectNode current =
        store.get(t.objectPath()).orElseThrow(() -> ApiError.notFound(r, t.name()));
    JsonNode options = call.body().isBlank() ? Json.NODES.objectNode() : Json.parse(call.body());
    JsonNode pre = options.path("preconditions");
    String uid = current.path("metadata").path("uid").asText();
    if (pre.hasNonNull("uid") && !pre.path("uid").asText().equals(uid)) {
      throw ApiError.preconditionFailed(
          r,
          t.name(),
          "Precondition failed: UID in precondition: "
              + pre.path("uid").asText()
              + ", UID in object meta: "
              + uid);
    }
    if (pre.hasNonNull("resourceVersion")
        && !pre.path("resourceVersion").asText().equals(resourceVersion(current))) {
      throw ApiError.preconditionFailed(
          r,
          t.name(),
          "Precondition failed: ResourceVersion in precondition: "
              + pre.path("resourceVersion").asText()
              + ", ResourceVersion in object meta: "
              + resourceVersion(current));
    }
    if (dryRun(call) || options.path("dryRun").toString().contains("All")) {
      return Reply.Body.json(200, current);
    }
    String policy = options.path("propagationPolicy").asText(call.param("propagationPolicy"));
    boolean orphan = policy.equals("Orphan") || options.path("orphanDependents").asBoolean(false);
    if (orphan) {
      orphanDependents(uid);
    }
    return Reply.Body.json(200, r.present(deleteNow(t, current)));
  }

  private ObjectNode deleteNow(Target t, ObjectNode current) {
    store.delete(t.objectPath());
    Optional<ObjectNode> after = store.get(t.objectPath());
    if (after.isPresent()) {
      return after.get(); // marked for deletion: finalizers remain
    }
    if (isCrd(t.resource())) {
      catalog.unregister(t.name()).ifPresent(this::deleteAllOf);
    }
    return current;
  }

  Reply deleteCollection(HttpCall call, Target t) {
    LabelSelector labels = call.labelSelector();
    FieldSelector fields = call.fieldSelector();
    ApiResource r = t.resource();
    ObjectNode list = Json.NODES.objectNode();
    list.put("apiVersion", r.apiVersion());
    list.put("kind", r.kind() + "List");
    list.putObject("metadata");
    ArrayNode items = list.putArray("items");
    for (ObjectNode o : store.list(r.collectionPath(t.namespace()), null).items()) {
      if (!labels.matches(o) || !fields.matches(o)) {
        continue;
      }
      Target one =
          new Target(
              r,
              o.path("metadata").path("namespace").asText(null),
              o.path("metadata").path("name").asText(),
              false);
      items.add(r.present(dryRun(call) ? o : deleteNow(one, o)));
    }
    return Reply.Body.json(200, list);
  }

  private void orphanDependents(String ownerUid) {
    for (String dump : store.snapshot()) {
      ObjectNode o = Json.stored(dump);
      for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
        if (ref.path("uid").asText().equals(ownerUid)) {
          removeOwners(GarbageCollector.Ref.of(o), Set.of(ownerUid));
          break;
        }
      }
    }
  }

  private void deleteAllOf(CustomResourceType type) {
    for (CustomResourceType.Version v : type.versions().values()) {
      for (ObjectNode o : store.list(v.resource().collectionPath(null), null).items()) {
        JsonNode m = o.path("metadata");
        store.delete(
            v.resource().objectPath(m.path("namespace").asText(null), m.path("name").asText()));
      }
    }
  }

  /** Drops the owner references to {@code gone} from an object (the caller holds the lock). */
  void removeOwners(GarbageCollector.Ref ref, Set<String> gone) {
    Optional<ApiResource> r = catalog.byKind(ref.apiVersion(), ref.kind());
    if (r.isEmpty()) {
      return;
    }
    String path = r.get().objectPath(ref.namespace(), ref.name());
    Optional<ObjectNode> current = store.get(path);
    if (current.isEmpty()) {
      return;
    }
    ObjectNode o = current.get();
    ArrayNode kept = Json.NODES.arrayNode();
    for (JsonNode owner : o.path("metadata").path("ownerReferences")) {
      if (!gone.contains(owner.path("uid").asText())) {
        kept.add(owner);
      }
    }
    if (kept.isEmpty()) {
      Json.metadata(o).remove("ownerReferences");
    } else {
      Json.metadata(o).set("ownerReferences", kept);
    }
    store.update(path, o);
  }

  // ---- helpers

  private Admission admissionOrThrow(Admission a, ApiResource r, String name) {
    if (!a.allowed()) {
      throw ApiError.invalid(r, name, a.errors());
    }
    return a;
  }

  private ObjectNode admitted(
      HttpCall call, ApiResource r, String name, Admission a, List<String> warnings) {
    admissionOrThrow(a, r, name);
    fieldValidation(call, r, a.unknownFields(), warnings);
    return (ObjectNode) a.object();
  }

  /**
   * Calls the validating webhooks that handle {@code r}, as kube-apiserver does after schema
   * validation: a denial refuses the write with the webhook's message; warnings are passed on.
   */
  private void webhooks(
      HttpCall call,
      ApiResource r,
      String namespace,
      String name,
      String operation,
      ObjectNode object,
      ObjectNode old,
      List<String> warnings) {
    for (ValidatingWebhook webhook : webhooks) {
      if (!webhook.handles(r.group(), r.plural())) {
        continue;
      }
      ObjectNode review = Json.NODES.objectNode();
      review.put("apiVersion", "admission.k8s.io/v1");
      review.put("kind", "AdmissionReview");
      ObjectNode request = review.putObject("request");
      request.put("uid", UUID.randomUUID().toString());
      request
          .putObject("kind")
          .put("group", r.group())
          .put("version", r.version())
          .put("kind", r.kind());
      request
          .putObject("resource")
          .put("group", r.group())
          .put("version", r.version())
          .put("resource", r.plural());
      request.put("name", name);
      if (namespace != null) {
        request.put("namespace", namespace);
      }
      request.put("operation", operation);
      request.set("object", object);
      request.set("oldObject", old);
      request.put("dryRun", dryRun(call));
      JsonNode response;
      try {
        response = webhook.review(review).path("response");
      } catch (RuntimeException e) {
        throw ApiError.internal(
            "Internal error occurred: failed calling webhook "
                + ApiError.quote(webhook.name())
                + ": "
                + e);
      }
      for (JsonNode warning : response.path("warnings")) {
        warnings.add(warning.asText());
      }
      if (!response.path("allowed").asBoolean(false)) {
        JsonNode status = response.path("status");
        int code = status.path("code").asInt(400);
        throw ApiError.failure(
            code,
            status.path("reason").asText(code == 400 ? "BadRequest" : ""),
            "admission webhook "
                + ApiError.quote(webhook.name())
                + " denied the request: "
                + status.path("message").asText("without explanation"));
      }
    }
  }

  /** {@code fieldValidation}: Strict rejects unknown fields, Warn (the default) reports them. */
  private static void fieldValidation(
      HttpCall call, ApiResource r, List<String> unknown, List<String> warnings) {
    if (unknown.isEmpty()) {
      return;
    }
    String mode = call.param("fieldValidation");
    if (mode.equals("Strict")) {
      throw ApiError.badRequest(
          ApiServerErrors.strictDecodingMessage(r.kind(), r.version(), unknown));
    }
    if (!mode.equals("Ignore")) {
      for (String f : unknown) {
        warnings.add("unknown field " + ApiError.quote(f));
      }
    }
  }

  private CustomResourceType customType(ApiResource r) {
    return catalog.custom(r.group(), r.plural()).orElseThrow(ApiError::pathNotFound);
  }

  private static boolean isCrd(ApiResource r) {
    return r.group().equals("apiextensions.k8s.io")
        && r.plural().equals("customresourcedefinitions");
  }

  /** A CRD as the API server accepts it, or its 422. */
  private static CustomResourceType crd(ApiResource r, String name, ObjectNode object) {
    JsonNode spec = object.path("spec");
    String expected =
        spec.path("names").path("plural").asText() + "." + spec.path("group").asText();
    List<FieldError> errors = new ArrayList<>();
    if (!name.equals(expected)) {
      errors.add(
          new FieldError(
              "metadata.name",
              FieldError.Type.INVALID,
              ApiError.quote(name),
              "must be spec.names.plural+\".\"+spec.group"));
    }
    if (errors.isEmpty()) {
      try {
        return CustomResourceType.of(object);
      } catch (InvalidCrdException e) {
        for (String problem : e.getMessage().split("\n")) {
          errors.add(new FieldError("spec", FieldError.Type.INVALID, null, problem));
        }
      } catch (RuntimeException e) {
        errors.add(
            new FieldError("spec", FieldError.Type.INVALID, null, String.valueOf(e.getMessage())));
      }
    }
    throw ApiError.invalid(r, name, errors);
  }

  private ObjectNode crdStatus(ObjectNode crd) {
    ObjectNode status = Json.NODES.objectNode();
    status.set("acceptedNames", crd.path("spec").path("names").deepCopy());
    ArrayNode conditions = status.putArray("conditions");
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode names = conditions.addObject();
    names.put("type", "NamesAccepted");
    names.put("status", "True");
    names.put("reason", "NoConflicts");
    names.put("message", "no conflicts found");
    names.put("lastTransitionTime", now);
    ObjectNode established = conditions.addObject();
    established.put("type", "Established");
    established.put("status", "True");
    established.put("reason", "InitialNamesAccepted");
    established.put("message", "the initial names have been accepted");
    established.put("lastTransitionTime", now);
    ArrayNode stored = status.putArray("storedVersions");
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (v.path("storage").asBoolean(false)) {
        stored.add(v.path("name").asText());
      }
    }
    return status;
  }

  private void requireNamespace(String namespace) {
    Optional<ObjectNode> ns = store.get("/api/v1/namespaces/" + namespace);
    if (ns.isEmpty()) {
      throw ApiError.namespaceNotFound(namespace);
    }
    if (ns.get().path("metadata").has("deletionTimestamp")) {
      throw ApiError.namespaceTerminating(namespace);
    }
  }

  private static void checkTypeMeta(ApiResource r, ObjectNode object) {
    if (r.custom()) {
      return; // the validator reports apiVersion and kind as the API server does (422)
    }
    String apiVersion = object.path("apiVersion").asText("");
    String kind = object.path("kind").asText("");
    if (!apiVersion.equals(r.apiVersion()) || !kind.equals(r.kind())) {
      throw ApiError.badRequest(
          "the object's apiVersion and kind ("
              + apiVersion
              + ", "
              + kind
              + ") do not match the request ("
              + r.apiVersion()
              + ", "
              + r.kind()
              + ")");
    }
  }

  private static void checkIdentity(Target t, ObjectNode desired) {
    JsonNode meta = desired.path("metadata");
    String name = meta.path("name").asText("");
    if (!name.isEmpty() && !name.equals(t.name())) {
      throw ApiError.badRequest(
          "the name of the object ("
              + name
              + ") does not match the name on the URL ("
              + t.name()
              + ")");
    }
    String namespace = meta.path("namespace").asText("");
    if (t.resource().namespaced() && !namespace.isEmpty() && !namespace.equals(t.namespace())) {
      throw ApiError.badRequest(
          "the namespace of the provided object does not match the namespace sent on the"
              + " request");
    }
  }

  static ObjectNode object(String body) {
    JsonNode node = Json.parse(body);
    if (!(node instanceof ObjectNode o)) {
      throw new Json.BadRequest("the request body is not a JSON object");
    }
    return o;
  }

  private static boolean dryRun(HttpCall call) {
    return call.param("dryRun").equals("All");
  }

  private static String resourceVersion(JsonNode object) {
    return object.path("metadata").path("resourceVersion").asText("");
  }

  private static String randomSuffix() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      b.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
    }
    return b.toString();
  }
}

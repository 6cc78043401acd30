package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.validation.Admission;
import io.edgefleet.validation.ApiServerErrors;
import io.edgefleet.validation.FieldError;
import io.edgefleet.validation.InvalidCrdException;
import io.fabric8.mockwebserver.http.MockResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front of the sandbox: answers what the mock store does not (discovery, OpenAPI, Table,
 * authorization reviews), and turns every write into a whole, admitted object before the store
 * keeps it. Custom resources are validated like kube-apiserver validates them (schema, CEL,
 * defaults, status subresource, resourceVersion rules) and rejected with its 422 Status; patches of
 * every kind are applied here (JSON merge, JSON patch, and strategic merge for built-in kinds) so
 * that the store only ever sees whole objects.
 *
 * <p>Writes are serialized by one lock, so that reading the current object, checking its
 * resourceVersion, admitting the new one and storing it is atomic. Reads do not take it.
 */
final class SandboxDispatcher implements GarbageCollector.Operations {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxDispatcher.class);
  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  /** Lists come back in the API server's (etcd key) order: namespace, then name. */
  private static final java.util.Comparator<JsonNode> BY_KEY =
      java.util.Comparator.<JsonNode, String>comparing(
              o -> o.path("metadata").path("namespace").asText(""))
          .thenComparing(o -> o.path("metadata").path("name").asText(""));

  private final ResourceCatalog catalog;
  private final Store store;
  private final Discovery discovery;
  private final OpenApi openApi;
  private final Tables tables;
  private final Supplier<String> serverAddress;
  private final Clock clock;
  private final ReentrantLock writes = new ReentrantLock();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private volatile GarbageCollector collector;

  SandboxDispatcher(
      ResourceCatalog catalog, Store store, Clock clock, Supplier<String> serverAddress) {
    this.catalog = catalog;
    this.store = store;
    this.discovery = new Discovery(catalog);
    this.openApi = new OpenApi(catalog);
    this.tables = new Tables(catalog, clock);
    this.serverAddress = serverAddress;
    this.clock = clock;
  }

  void collector(GarbageCollector collector) {
    this.collector = collector;
  }

  RequestCounts counts() {
    Map<String, Long> snapshot = new java.util.TreeMap<>();
    counts.forEach((k, v) -> snapshot.put(k, v.get()));
    return new RequestCounts(snapshot);
  }

  void resetCounts() {
    counts.clear();
  }

  /** Answers a request; never throws. */
  Reply handle(HttpCall call) {
    try {
      return route(call);
    } catch (ApiError e) {
      return Reply.Body.json(e.code(), e.status());
    } catch (Json.BadRequest e) {
      return Reply.Body.json(400, ApiError.badRequest(e.getMessage()).status());
    } catch (RuntimeException e) {
      LOG.warn("{} {} failed", call.method(), call.path(), e);
      return Reply.Body.json(500, ApiError.internal(String.valueOf(e.getMessage())).status());
    }
  }

  private Reply route(HttpCall call) {
    if (call.mediaType().equals("application/vnd.kubernetes.protobuf")) {
      throw ApiError.unsupportedMediaType(
          "the body of the request was in an unknown format - accepted media types include:"
              + " application/json, application/yaml");
    }
    String path =
        call.path().length() > 1 && call.path().endsWith("/")
            ? call.path().substring(0, call.path().length() - 1)
            : call.path();
    boolean get = call.method().equals("GET");
    switch (path) {
      case "/version":
        return Reply.Body.json(200, version());
      case "/healthz", "/readyz", "/livez":
        return Reply.Body.text(200, "ok");
      case "/api":
        return Reply.Body.json(200, discovery.coreVersions(serverAddress.get()));
      case "/apis":
        return Reply.Body.json(200, discovery.groupList());
      case "/openapi/v3":
        return Reply.Body.json(200, openApi.index());
      case "/", "":
        return Reply.Body.json(200, rootPaths());
      default:
        break;
    }
    if (get && path.startsWith("/openapi/v3/")) {
      return openApi
          .document(path.substring("/openapi/v3/".length()))
          .<Reply>map(d -> Reply.Body.json(200, d))
          .orElseThrow(ApiError::pathNotFound);
    }
    String[] parts = path.substring(1).split("/");
    if (parts[0].equals("api") && parts.length >= 2) {
      return resourceRequest(call, "", parts[1], slice(parts, 2));
    }
    if (parts[0].equals("apis") && parts.length == 2 && get) {
      return discovery
          .group(parts[1])
          .<Reply>map(d -> Reply.Body.json(200, d))
          .orElseThrow(ApiError::pathNotFound);
    }
    if (parts[0].equals("apis") && parts.length >= 3) {
      return resourceRequest(call, parts[1], parts[2], slice(parts, 3));
    }
    throw ApiError.pathNotFound();
  }

  private Reply resourceRequest(HttpCall call, String group, String version, String[] rest) {
    if (rest.length == 0) {
      if (!call.method().equals("GET")) {
        throw ApiError.methodNotAllowed();
      }
      return discovery
          .resourceList(group, version)
          .<Reply>map(d -> Reply.Body.json(200, d))
          .orElseThrow(ApiError::pathNotFound);
    }
    String namespace = null;
    String[] p = rest;
    if (p[0].equals("namespaces") && p.length > 1) {
      namespace = p[1];
      if (p.length > 2 && !NAMESPACE_SUBRESOURCES.contains(p[2])) {
        p = slice(p, 2);
      }
    }
    if (p.length > 3) {
      throw ApiError.pathNotFound();
    }
    ApiResource r = catalog.find(group, version, p[0]).orElseThrow(ApiError::pathNotFound);
    String name = p.length > 1 ? p[1] : null;
    String sub = p.length > 2 ? p[2] : null;
    if (!r.namespaced()) {
      namespace = null;
    } else if (name != null && namespace == null) {
      throw ApiError.pathNotFound();
    }
    if (sub != null && !r.subresources().contains(sub)) {
      throw ApiError.pathNotFound();
    }
    Target t = new Target(r, namespace, name, sub != null);
    String verb = r.stored() ? verb(call, t) : "create";
    if (!call.internal()) {
      counts
          .computeIfAbsent(
              verb + " " + r.plural() + (t.status() ? "/status" : ""), k -> new AtomicLong())
          .incrementAndGet();
    }
    if (!r.stored()) {
      return review(call, t);
    }
    switch (verb) {
      case "get":
        return get(call, t);
      case "list":
        return list(call, t);
      case "watch":
        return watch(call, t);
      case "create":
        return locked(() -> create(call, t));
      case "update":
        return locked(() -> update(call, t));
      case "patch":
        return locked(() -> patch(call, t));
      case "delete":
        return locked(() -> delete(call, t));
      case "deletecollection":
        return locked(() -> deleteCollection(call, t));
      default:
        throw ApiError.methodNotAllowed();
    }
  }

  /** A request's resource, namespace (null when cluster-scoped or all), name and subresource. */
  private record Target(ApiResource resource, String namespace, String name, boolean status) {
    String objectPath() {
      return resource.objectPath(namespace, name);
    }
  }

  private static String verb(HttpCall call, Target t) {
    boolean named = t.name() != null;
    switch (call.method()) {
      case "GET":
        if (isWatch(call)) {
          return "watch";
        }
        return named ? "get" : "list";
      case "POST":
        if (named || (t.resource().namespaced() && t.namespace() == null)) {
          throw ApiError.methodNotAllowed();
        }
        return "create";
      case "PUT":
        return require(named, "update");
      case "PATCH":
        return require(named, "patch");
      case "DELETE":
        if (t.status()) {
          throw ApiError.methodNotAllowed();
        }
        return named ? "delete" : "deletecollection";
      default:
        throw ApiError.methodNotAllowed();
    }
  }

  private static String require(boolean named, String verb) {
    if (!named) {
      throw ApiError.methodNotAllowed();
    }
    return verb;
  }

  private static boolean isWatch(HttpCall call) {
    String w = call.param("watch");
    return w.equals("true") || w.equals("1");
  }

  private Reply locked(Supplier<Reply> write) {
    writes.lock();
    try {
      return write.get();
    } finally {
      writes.unlock();
    }
  }

  // ---- reads

  private Reply get(HttpCall call, Target t) {
    ObjectNode object =
        t.resource()
            .present(
                store
                    .get(t.objectPath())
                    .orElseThrow(() -> ApiError.notFound(t.resource(), t.name())));
    if (Tables.wanted(call.accept())) {
      return Reply.Body.json(
          200,
          tables.table(
              t.resource(),
              List.of(object),
              object.path("metadata").path("resourceVersion").asText(),
              call.param("includeObject"),
              true));
    }
    return Reply.Body.json(200, object);
  }

  private Reply list(HttpCall call, Target t) {
    LabelSelector labels = labels(call);
    FieldSelector fields = fields(call);
    Store.Listing listing = store.list(t.resource().collectionPath(t.namespace()), null);
    List<JsonNode> items = new ArrayList<>();
    for (ObjectNode o : listing.items()) {
      if (labels.matches(o) && fields.matches(o)) {
        items.add(t.resource().present(o));
      }
    }
    items.sort(BY_KEY);
    if (Tables.wanted(call.accept())) {
      return Reply.Body.json(
          200,
          tables.table(
              t.resource(), items, listing.resourceVersion(), call.param("includeObject"), true));
    }
    ObjectNode list = Json.NODES.objectNode();
    list.put("apiVersion", t.resource().apiVersion());
    list.put("kind", t.resource().kind() + "List");
    list.putObject("metadata").put("resourceVersion", listing.resourceVersion());
    ArrayNode array = list.putArray("items");
    items.forEach(array::add);
    return Reply.Body.json(200, list);
  }

  private Reply watch(HttpCall call, Target t) {
    LabelSelector labels = labels(call);
    FieldSelector fields = fields(call);
    String path = t.resource().collectionPath(t.namespace()) + "?watch=true";
    if (t.name() != null) {
      fields =
          FieldSelector.parse(
              "metadata.name="
                  + t.name()
                  + (call.param("fieldSelector").isEmpty()
                      ? ""
                      : "," + call.param("fieldSelector")));
    }
    MockResponse response = store.handleGet(path);
    if (response.getWebSocketListener() == null) {
      throw ApiError.internal("the store did not open a watch");
    }
    long since = WatchFilter.parseLong(call.param("resourceVersion"));
    ApiResource r = t.resource();
    String include = call.param("includeObject");
    WatchFilter filter =
        new WatchFilter(
            since,
            r::present,
            labels,
            fields,
            Tables.wanted(call.accept())
                ? o -> tables.table(r, List.of(o), null, include, true)
                : null);
    long timeout = WatchFilter.parseLong(call.param("timeoutSeconds"));
    return new Reply.Watch(
        response.getWebSocketListener(), filter, timeout > 0 ? Duration.ofSeconds(timeout) : null);
  }

  private static LabelSelector labels(HttpCall call) {
    try {
      return LabelSelector.parse(call.param("labelSelector"));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private static FieldSelector fields(HttpCall call) {
    try {
      return FieldSelector.parse(call.param("fieldSelector"));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  // ---- writes

  private Reply create(HttpCall call, Target t) {
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

  private Reply update(HttpCall call, Target t) {
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

  private Reply patch(HttpCall call, Target t) {
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

  private Reply delete(HttpCall call, Target t) {
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
    if (orphan && collector != null) {
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

  private Reply deleteCollection(HttpCall call, Target t) {
    LabelSelector labels = labels(call);
    FieldSelector fields = fields(call);
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

  // ---- garbage collection (GarbageCollector.Operations)

  @Override
  public void delete(GarbageCollector.Ref ref) {
    Optional<ApiResource> r = catalog.byKind(ref.apiVersion(), ref.kind());
    if (r.isEmpty()) {
      return;
    }
    String path = r.get().objectPath(ref.namespace(), ref.name());
    HttpCall call = HttpCall.of("DELETE", path, "", "", "", true);
    Reply reply = handle(call);
    if (reply instanceof Reply.Body b && b.code() >= 300 && b.code() != 404) {
      LOG.warn(
          "garbage collection could not delete {}: {}",
          path,
          new String(b.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Override
  public void removeOwners(GarbageCollector.Ref ref, Set<String> gone) {
    Optional<ApiResource> r = catalog.byKind(ref.apiVersion(), ref.kind());
    if (r.isEmpty()) {
      return;
    }
    String path = r.get().objectPath(ref.namespace(), ref.name());
    locked(
        () -> {
          Optional<ObjectNode> current = store.get(path);
          if (current.isEmpty()) {
            return null;
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
          return null;
        });
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
    String now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
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

  private static ObjectNode object(String body) {
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

  private static String[] slice(String[] parts, int from) {
    String[] rest = new String[Math.max(0, parts.length - from)];
    System.arraycopy(parts, from, rest, 0, rest.length);
    return rest;
  }

  private Reply review(HttpCall call, Target t) {
    if (!call.method().equals("POST") || t.name() != null) {
      throw ApiError.methodNotAllowed();
    }
    ObjectNode review = object(call.body());
    ObjectNode status = review.putObject("status");
    if (t.resource().plural().equals("selfsubjectrulesreviews")) {
      ObjectNode rule = status.putArray("resourceRules").addObject();
      rule.putArray("verbs").add("*");
      rule.putArray("apiGroups").add("*");
      rule.putArray("resources").add("*");
      ObjectNode nonResource = status.putArray("nonResourceRules").addObject();
      nonResource.putArray("verbs").add("*");
      nonResource.putArray("nonResourceURLs").add("*");
      status.put("incomplete", false);
    } else {
      status.put("allowed", true);
      status.put("reason", "the EdgeFleet sandbox does not enforce RBAC");
    }
    return Reply.Body.json(201, review);
  }

  private static ObjectNode version() {
    ObjectNode v = Json.NODES.objectNode();
    v.put("major", "1");
    v.put("minor", "32");
    v.put("gitVersion", "v1.32.0-edgefleet-sandbox");
    v.put("gitCommit", "");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "1970-01-01T00:00:00Z");
    v.put("goVersion", "n/a");
    v.put("compiler", "n/a");
    v.put(
        "platform",
        System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT)
            + "/"
            + System.getProperty("os.arch", ""));
    return v;
  }

  private ObjectNode rootPaths() {
    ObjectNode root = Json.NODES.objectNode();
    ArrayNode paths = root.putArray("paths");
    paths.add("/api");
    paths.add("/api/v1");
    paths.add("/apis");
    for (String g : catalog.groups().keySet()) {
      paths.add("/apis/" + g);
    }
    paths.add("/openapi/v3");
    paths.add("/version");
    return root;
  }
}

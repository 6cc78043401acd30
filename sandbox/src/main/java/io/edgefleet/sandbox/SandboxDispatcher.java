package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front of the sandbox: answers what the mock store does not (discovery, OpenAPI, Table,
 * authorization reviews), and turns every write into a whole, admitted object before the store
 * keeps it ({@link Writes}). Custom resources are validated like kube-apiserver validates them
 * (schema, CEL, defaults, status subresource, resourceVersion rules) and rejected with its 422
 * Status; patches of every kind are applied here (JSON merge, JSON patch, and strategic merge for
 * built-in kinds) so that the store only ever sees whole objects.
 *
 * <p>Writes are serialized by one lock, so that reading the current object, checking its
 * resourceVersion, admitting the new one and storing it is atomic. Reads do not take it.
 */
final class SandboxDispatcher implements GarbageCollector.Operations {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxDispatcher.class);
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  /** Lists come back in the API server's (etcd key) order: namespace, then name. */
  private static final Comparator<JsonNode> BY_KEY =
      Comparator.<JsonNode, String>comparing(o -> o.path("metadata").path("namespace").asText(""))
          .thenComparing(o -> o.path("metadata").path("name").asText(""));

  private final ResourceCatalog catalog;
  private final Store store;
  private final Discovery discovery;
  private final OpenApi openApi;
  private final Tables tables;
  private final Writes writer;
  private final Supplier<String> serverAddress;
  private final ReentrantLock writes = new ReentrantLock();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final List<ValidatingWebhook> webhooks = new CopyOnWriteArrayList<>();

  SandboxDispatcher(
      ResourceCatalog catalog, Store store, Clock clock, Supplier<String> serverAddress) {
    this.catalog = catalog;
    this.store = store;
    this.discovery = new Discovery(catalog);
    this.openApi = new OpenApi(catalog);
    this.tables = new Tables(catalog, clock);
    this.writer = new Writes(catalog, store, clock, webhooks);
    this.serverAddress = serverAddress;
  }

  /** Calls {@code webhook} on every write it handles from now on. */
  void register(ValidatingWebhook webhook) {
    webhooks.add(webhook);
  }

  RequestCounts counts() {
    Map<String, Long> snapshot = new TreeMap<>();
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
        return locked(() -> writer.create(call, t));
      case "update":
        return locked(() -> writer.update(call, t));
      case "patch":
        return locked(() -> writer.patch(call, t));
      case "delete":
        return locked(() -> writer.delete(call, t));
      case "deletecollection":
        return locked(() -> writer.deleteCollection(call, t));
      default:
        throw ApiError.methodNotAllowed();
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
    LabelSelector labels = call.labelSelector();
    FieldSelector fields = call.fieldSelector();
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
    LabelSelector labels = call.labelSelector();
    FieldSelector fields = call.fieldSelector();
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
          new String(b.body(), StandardCharsets.UTF_8));
    }
  }

  @Override
  public void removeOwners(GarbageCollector.Ref ref, Set<String> gone) {
    locked(
        () -> {
          writer.removeOwners(ref, gone);
          return null;
        });
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
    ObjectNode review = Writes.object(call.body());
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
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
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

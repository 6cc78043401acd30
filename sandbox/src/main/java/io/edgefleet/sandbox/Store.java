package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The fabric8 mock server's CRUD store, used as a library: objects are kept as JSON, keyed by their
 * attributes; writes assign uid, creationTimestamp, resourceVersion and generation; watches are fed
 * from every change. The sandbox calls it only with whole, validated objects, and is told of every
 * change (to index owners for garbage collection).
 */
final class Store extends KubernetesCrudDispatcher {

  /** Told of every stored change: the JSON before and after, either null. */
  interface Listener {
    void changed(String before, String after);
  }

  private static final List<String> IDENTITY =
      List.of(
          KubernetesAttributesExtractor.API,
          KubernetesAttributesExtractor.VERSION,
          KubernetesAttributesExtractor.PLURAL,
          KubernetesAttributesExtractor.NAMESPACE,
          KubernetesAttributesExtractor.NAME);

  private volatile Listener listener = (before, after) -> {};
  private volatile Lock writeLock;

  /**
   * Objects by identity (group, version, plural, namespace, name): the store itself finds an object
   * by comparing attributes with every stored one, which makes each request cost as much as the
   * number of objects. The key of the store's map, for its own writes...
   */
  private final Map<String, AttributeSet> keys = new ConcurrentHashMap<>();

  /** ...and the object, for reads that do not take the store's lock (replaced atomically). */
  private final Map<String, String> values = new ConcurrentHashMap<>();

  void listener(Listener listener) {
    this.listener = listener;
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    String before = oldAttributes == null ? null : map.get(oldAttributes);
    super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    String oldKey = oldAttributes == null ? null : identity(oldAttributes);
    String newKey = null;
    if (newState != null) {
      // the key the store put the object under, derived as the store derives it
      KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
      AttributeSet attributes =
          resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
      if (!attributes.containsKey(KubernetesAttributesExtractor.PLURAL)) {
        attributes = AttributeSet.merge(pathAttributes, attributes);
      }
      newKey = identity(attributes);
      if (newKey != null) {
        keys.put(newKey, attributes);
        values.put(newKey, newState);
      }
    }
    if (oldKey != null && !oldKey.equals(newKey)) {
      keys.remove(oldKey);
      values.remove(oldKey);
    }
    if (before != null || newState != null) {
      listener.changed(before, newState);
    }
  }

  /**
   * As the store's own, but a cluster-scoped object keeps having no namespace: the store would
   * write {@code namespace: null}, which makes every update of a Namespace or a CRD a change (a new
   * resourceVersion even when nothing changed).
   */
  @Override
  public void preserveMetadata(JsonNode currentResource, JsonNode updatedResource) {
    super.preserveMetadata(currentResource, updatedResource);
    if (!currentResource.path("metadata").has("namespace")
        && updatedResource.path("metadata") instanceof ObjectNode meta
        && meta.path("namespace").isNull()) {
      meta.remove("namespace");
    }
  }

  /** Finds an object by its identity instead of comparing it with every stored object. */
  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    String key = identity(query);
    if (key == null) {
      return super.findResource(query);
    }
    AttributeSet stored = keys.get(key);
    if (stored == null || !stored.matches(query)) {
      return null;
    }
    String value = map.get(stored);
    return value == null ? null : new AbstractMap.SimpleImmutableEntry<>(stored, value);
  }

  /** {@code api|version|plural|namespace|name}, or null when the attributes name no object. */
  private static String identity(AttributeSet attributes) {
    StringBuilder b = new StringBuilder();
    for (String name : IDENTITY) {
      Attribute a = attributes.getAttribute(name);
      String value = a == null || a.getValues().isEmpty() ? "" : a.getValues().get(0).toString();
      boolean required =
          name.equals(KubernetesAttributesExtractor.VERSION)
              || name.equals(KubernetesAttributesExtractor.PLURAL)
              || name.equals(KubernetesAttributesExtractor.NAME);
      if (required && value.isEmpty()) {
        return null;
      }
      b.append(value).append('|');
    }
    return b.toString();
  }

  /** The object at {@code path}, if stored. */
  Optional<ObjectNode> get(String path) {
    String key = identity(getKey(path));
    String value = key == null ? null : values.get(key);
    return value == null ? Optional.empty() : Optional.of(Json.stored(value));
  }

  /**
   * The objects of a collection path, optionally narrowed by the field selectors the store
   * understands ({@code metadata.name}, {@code metadata.namespace}), and the list's
   * resourceVersion.
   */
  Listing list(String collectionPath, String fieldSelector) {
    String path = collectionPath;
    if (fieldSelector != null && !fieldSelector.isEmpty()) {
      path += "?fieldSelector=" + URLEncoder.encode(fieldSelector, StandardCharsets.UTF_8);
    }
    MockResponse response = handleGet(path);
    JsonNode body = Json.stored(response.getBody().readUtf8());
    List<ObjectNode> items = new ArrayList<>();
    for (JsonNode item : body.path("items")) {
      if (item instanceof ObjectNode o) {
        items.add(o);
      }
    }
    return new Listing(items, body.path("metadata").path("resourceVersion").asText(""));
  }

  /** A list and the resourceVersion it was read at. */
  record Listing(List<ObjectNode> items, String resourceVersion) {}

  /** Stores a new object (metadata is completed by the store). */
  ObjectNode create(String collectionPath, ObjectNode object) {
    return expect(handleCreate(request(HttpMethod.POST, collectionPath, object)), collectionPath);
  }

  /**
   * Replaces an object (path may end in {@code /status}); uid, creationTimestamp and generation are
   * kept, resourceVersion and generation advance as on the API server.
   */
  ObjectNode update(String objectPath, ObjectNode object) {
    MockResponse r = handleUpdate(request(HttpMethod.PUT, objectPath, object));
    if (r.code() == 200 && (r.getBody() == null || r.getBody().size() == 0)) {
      return null; // deleted: marked for deletion and no finalizers left
    }
    return expect(r, objectPath);
  }

  /**
   * Deletes an object, or marks it for deletion while it has finalizers, as the store's own DELETE
   * does, but finding the object by its identity (the store's DELETE compares every object).
   */
  void delete(String objectPath) {
    Lock lock = writeLock;
    if (lock == null) {
      handleDelete(objectPath);
      return;
    }
    lock.lock();
    try {
      AttributeSet query = getKey(objectPath);
      Map.Entry<AttributeSet, String> entry = findResource(query);
      if (entry == null) {
        return;
      }
      GenericKubernetesResource resource =
          Serialization.unmarshal(entry.getValue(), GenericKubernetesResource.class);
      if (resource.getFinalizers().isEmpty()) {
        processEvent(objectPath, query, entry.getKey(), null, null);
      } else if (!resource.isMarkedForDeletion()) {
        resource
            .getMetadata()
            .setDeletionTimestamp(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        resource.getMetadata().setResourceVersion(String.valueOf(requestResourceVersion()));
        processEvent(objectPath, query, entry.getKey(), resource, Serialization.asJson(resource));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Keeps the store's write lock (the store's hook after it takes a lock) for {@link #delete}. */
  @Override
  protected void locked(Lock lock) {
    if (writeLock == null && lock instanceof ReentrantReadWriteLock.WriteLock) {
      writeLock = lock;
    }
  }

  /** Every stored object, as JSON. */
  List<String> snapshot() {
    synchronized (map) {
      return new ArrayList<>(map.values());
    }
  }

  private static ObjectNode expect(MockResponse r, String path) {
    if (r.code() >= 300 || r.getBody() == null) {
      String body = r.getBody() == null ? "" : r.getBody().readUtf8();
      throw ApiError.internal(
          "the store refused a write to " + path + ": " + r.code() + " " + body);
    }
    return Json.stored(r.getBody().readUtf8());
  }

  private static RecordedRequest request(HttpMethod method, String path, JsonNode body) {
    return new RecordedRequest(
        "HTTP/1.1",
        method,
        path,
        Headers.builder().add("Content-Type", "application/json").build(),
        new Buffer(Json.bytes(body)));
  }
}

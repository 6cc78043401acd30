package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  private volatile Listener listener = (before, after) -> {};

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
    if (before != null || newState != null) {
      listener.changed(before, newState);
    }
  }

  /** The object at {@code path}, if stored. */
  Optional<ObjectNode> get(String path) {
    MockResponse response = handleGet(path);
    if (response.code() != 200 || response.getBody() == null) {
      return Optional.empty();
    }
    return Optional.of(Json.stored(response.getBody().readUtf8()));
  }

  /**
   * The objects of a collection path, optionally narrowed by the field selectors the store
   * understands ({@code metadata.name}, {@code metadata.namespace}), and the list's
   * resourceVersion.
   */
  Listing list(String collectionPath, String fieldSelector) {
    String path = collectionPath;
    if (fieldSelector != null && !fieldSelector.isEmpty()) {
      path +=
          "?fieldSelector="
              + java.net.URLEncoder.encode(fieldSelector, java.nio.charset.StandardCharsets.UTF_8);
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

  /** Deletes an object (or marks it for deletion while it has finalizers). */
  void delete(String objectPath) {
    handleDelete(objectPath);
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

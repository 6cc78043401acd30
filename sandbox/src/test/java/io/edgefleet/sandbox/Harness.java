package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The sandbox without HTTP, for tests: requests go straight to the dispatcher. */
final class Harness implements AutoCloseable {

  /** An answer: status code, body, warnings. */
  record Response(int code, JsonNode body, List<String> warnings) {
    String message() {
      return body.path("message").asText();
    }
  }

  final SandboxCore core;

  Harness() {
    this(Clock.systemUTC(), Duration.ofHours(1));
  }

  Harness(Clock clock, Duration eventTtl) {
    core = new SandboxCore(clock, eventTtl, () -> "127.0.0.1:6443");
    core.bootstrap(EdgeFleetCrds.yaml());
  }

  Response get(String path) {
    return call("GET", path, "", "");
  }

  Response table(String path) {
    Reply r =
        core.dispatcher.handle(
            HttpCall.of(
                "GET",
                path,
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json",
                "",
                "",
                false));
    return response(r);
  }

  Response post(String path, String json) {
    return call("POST", path, "application/json", json);
  }

  Response put(String path, String json) {
    return call("PUT", path, "application/json", json);
  }

  Response merge(String path, String json) {
    return call("PATCH", path, "application/merge-patch+json", json);
  }

  Response delete(String path) {
    return call("DELETE", path, "", "");
  }

  Response call(String method, String path, String contentType, String body) {
    return response(
        core.dispatcher.handle(
            HttpCall.of(method, path, "application/json", contentType, body, false)));
  }

  /** Creates an object and expects success. */
  ObjectNode create(String collectionPath, String json) {
    Response r = post(collectionPath, json);
    if (r.code() != 201) {
      throw new AssertionError("create failed: " + r.code() + " " + r.body());
    }
    return (ObjectNode) r.body();
  }

  void namespace(String name) {
    create(
        "/api/v1/namespaces",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
  }

  void awaitGc() {
    core.collector.awaitIdle(Duration.ofSeconds(10));
  }

  private static Response response(Reply reply) {
    if (!(reply instanceof Reply.Body b)) {
      throw new AssertionError("a watch, not a body");
    }
    return new Response(
        b.code(), Json.parse(new String(b.body(), StandardCharsets.UTF_8)), b.warnings());
  }

  @Override
  public void close() {
    core.close();
  }

  static String device(String namespace, String name, String tagsJson) {
    return "{\"apiVersion\":\"edgefleet.io/v1alpha1\",\"kind\":\"EdgeDevice\",\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\""
        + namespace
        + "\"},\"spec\":{\"tags\":"
        + tagsJson
        + "}}";
  }

  static String deployment(String namespace, String name, int priority) {
    return "{\"apiVersion\":\"edgefleet.io/v1alpha1\",\"kind\":\"EdgeDeployment\",\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\""
        + namespace
        + "\"},\"spec\":{\"priority\":"
        + priority
        + ",\"targetCondition\":\"*\",\"modules\":{}}}";
  }

  static String configMap(String namespace, String name, String ownerUid) {
    String owners =
        ownerUid == null
            ? ""
            : ",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"X\",\"name\":\"o\",\"uid\":\""
                + ownerUid
                + "\"}]";
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
        + name
        + "\",\"namespace\":\""
        + namespace
        + "\""
        + owners
        + "},\"data\":{\"k\":\"v\"}}";
  }

  static final String DEVICES = "/apis/edgefleet.io/v1alpha1/namespaces/%s/edgedevices";
  static final String DEPLOYMENTS = "/apis/edgefleet.io/v1alpha1/namespaces/%s/edgedeployments";
  static final String CONFIGMAPS = "/api/v1/namespaces/%s/configmaps";
}

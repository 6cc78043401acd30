package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The sandbox without its HTTP side: the resource catalog, the store, the dispatcher and the
 * garbage collector, wired together and bootstrapped with the namespaces a cluster starts with and
 * the CRDs to install.
 */
final class SandboxCore implements AutoCloseable {

  private static final List<String> NAMESPACES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");

  final ResourceCatalog catalog = new ResourceCatalog();
  final Store store = new Store();
  final SandboxDispatcher dispatcher;
  final GarbageCollector collector;

  SandboxCore(Clock clock, Duration eventTtl, Supplier<String> serverAddress) {
    this.dispatcher = new SandboxDispatcher(catalog, store, clock, serverAddress);
    this.collector = new GarbageCollector(dispatcher, clock, eventTtl);
    store.listener(collector::changed);
  }

  /**
   * Creates the namespaces {@code default}, {@code kube-system}, {@code kube-public} and {@code
   * kube-node-lease}, and installs the CRDs.
   */
  void bootstrap(List<String> crds) {
    for (String ns : NAMESPACES) {
      ObjectNode namespace = Json.NODES.objectNode();
      namespace.put("apiVersion", "v1");
      namespace.put("kind", "Namespace");
      namespace.putObject("metadata").put("name", ns);
      call("POST", "/api/v1/namespaces", namespace);
    }
    for (String crd : crds) {
      call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Json.parse(crd));
    }
  }

  /** Makes a request the sandbox does not count; throws when it fails. */
  JsonNode call(String method, String path, JsonNode body) {
    Reply reply =
        dispatcher.handle(
            HttpCall.of(
                method,
                path,
                "application/json",
                "application/json",
                body == null ? "" : Json.write(body),
                true));
    if (!(reply instanceof Reply.Body b)) {
      throw new IllegalStateException(method + " " + path + " is a watch");
    }
    String text = new String(b.body(), StandardCharsets.UTF_8);
    if (b.code() >= 300) {
      throw new IllegalStateException(method + " " + path + " failed: " + b.code() + " " + text);
    }
    return Json.parse(text);
  }

  @Override
  public void close() {
    collector.close();
  }
}

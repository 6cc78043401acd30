package io.edgefleet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embeddable server over HTTP, as the operator and a demo use it through the fabric8 client.
 */
// operators and watches run for their effect within try blocks that need not name them
@SuppressWarnings("try")
class SandboxApiServerTest {

  private SandboxApiServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = SandboxApiServer.builder().build().start();
    client = server.client();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("ns").endMetadata().build())
        .create();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theTypedClientWritesAndReadsCustomResources() {
    EdgeDevice created = client.resource(device("d1", "prod")).create();
    assertThat(created.getMetadata().getUid()).isNotEmpty();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    EdgeDevice read = client.resources(EdgeDevice.class).inNamespace("ns").withName("d1").get();
    assertThat(read.getSpec().getTags().get("env").asText()).isEqualTo("prod");
    assertThat(client.resources(EdgeDevice.class).inNamespace("ns").list().getItems()).hasSize(1);
    assertThat(client.resources(EdgeDevice.class).inAnyNamespace().list().getItems()).hasSize(1);
  }

  @Test
  void aRejectedWriteCarriesTheApiServersStatus() {
    EdgeDevice bad = device("Not_A_Name", "prod");
    assertThatThrownBy(() -> client.resource(bad).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
              assertThat(e.getStatus().getDetails().getCauses().get(0).getField())
                  .isEqualTo("metadata.name");
            });
  }

  @Test
  void webSocketWatchesDeliverEveryChangeOnce() {
    List<String> events = new CopyOnWriteArrayList<>();
    client.resource(device("before", "prod")).create();
    String rv =
        client
            .resources(EdgeDevice.class)
            .inNamespace("ns")
            .list()
            .getMetadata()
            .getResourceVersion();
    try (Watch w =
        client
            .resources(EdgeDevice.class)
            .inNamespace("ns")
            .withResourceVersion(rv)
            .watch(recorder(events))) {
      client.resource(device("d1", "prod")).create();
      client
          .resources(EdgeDevice.class)
          .inNamespace("ns")
          .withName("d1")
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"managed\":true}}");
      client.resources(EdgeDevice.class).inNamespace("ns").withName("d1").delete();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> assertThat(events).containsExactly("ADDED d1", "MODIFIED d1", "DELETED d1"));
    }
  }

  @Test
  void httpWatchesAndInformersWork() {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(server.url())
            .withNamespace("ns")
            .withOnlyHttpWatches(true)
            .withHttp2Disable(true)
            .build();
    try (KubernetesClient http = new KubernetesClientBuilder().withConfig(config).build()) {
      List<String> events = new CopyOnWriteArrayList<>();
      try (Watch w = http.configMaps().inNamespace("ns").watch(recorder(events))) {
        http.configMaps().inNamespace("ns").resource(configMap("c1")).create();
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(events).contains("ADDED c1"));
      }
      List<String> seen = new CopyOnWriteArrayList<>();
      SharedIndexInformer<ConfigMap> informer =
          client.configMaps().inNamespace("ns").inform(handler(seen));
      try {
        client.configMaps().inNamespace("ns").resource(configMap("c2")).create();
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(seen).contains("add c1", "add c2"));
        assertThat(informer.getStore().list()).hasSize(2);
      } finally {
        informer.close();
      }
    }
  }

  @Test
  void closedWatchesLeaveNothingBehind() throws InterruptedException {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(server.url())
            .withNamespace("ns")
            .withOnlyHttpWatches(true)
            .withHttp2Disable(true)
            .build();
    try (KubernetesClient http = new KubernetesClientBuilder().withConfig(config).build()) {
      List<String> events = new CopyOnWriteArrayList<>();
      http.configMaps().inNamespace("ns").watch(recorder(events)).close();
      client.configMaps().inNamespace("ns").watch(recorder(events)).close();
      Thread.sleep(500);
      int threads = Thread.activeCount();
      for (int i = 0; i < 40; i++) {
        http.configMaps().inNamespace("ns").watch(recorder(events)).close();
        client.configMaps().inNamespace("ns").watch(recorder(events)).close();
      }
      // each open watch holds a sender thread in the store; closing it must release it
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(Thread.activeCount()).isLessThan(threads + 10));
    }
  }

  @Test
  void requestCountsCountApiRequestsByVerbAndResource() {
    server.resetRequestCounts();
    client.resource(device("d1", "prod")).create();
    client
        .resources(EdgeDevice.class)
        .inNamespace("ns")
        .withName("d1")
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"managed\":true}}");
    client.resources(EdgeDevice.class).inNamespace("ns").withName("d1").get();
    client.configMaps().inNamespace("ns").list();
    RequestCounts counts = server.requestCounts();
    assertThat(counts.count("create", "edgedevices")).isEqualTo(1);
    assertThat(counts.count("patch", "edgedevices/status")).isEqualTo(1);
    // the fabric8 client reads an object before patching it by name: one GET of its own
    assertThat(counts.count("get", "edgedevices")).isEqualTo(2);
    assertThat(counts.count("list", "configmaps")).isEqualTo(1);
    assertThat(counts.writes()).isEqualTo(2);
    assertThat(counts.writes("edgedevices")).isEqualTo(2);
    RequestCounts before = server.requestCounts();
    client.resources(EdgeDevice.class).inNamespace("ns").withName("d1").get();
    assertThat(server.requestCounts().minus(before).counts())
        .isEqualTo(Map.of("get edgedevices", 1L));
  }

  @Test
  void theKubeconfigWorksWithAnyClient(@TempDir Path dir) throws IOException {
    Path file = server.writeKubeconfig(dir.resolve("sub/sandbox.kubeconfig"), "ns");
    String text = Files.readString(file);
    assertThat(text).contains("server: " + server.url()).contains("namespace: ns");
    try (KubernetesClient fromFile =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(text)).build()) {
      assertThat(fromFile.getNamespace()).isEqualTo("ns");
      fromFile.configMaps().resource(configMap("via-kubeconfig")).create();
    }
    assertThat(client.configMaps().inNamespace("ns").withName("via-kubeconfig").get()).isNotNull();
  }

  @Test
  void tlsIsOptionalAndSelfSigned() {
    try (SandboxApiServer tls = SandboxApiServer.builder().tls(true).build().start()) {
      assertThat(tls.url()).startsWith("https://127.0.0.1:");
      assertThat(tls.kubeconfig()).contains("insecure-skip-tls-verify: true");
      assertThat(tls.client().namespaces().withName("default").get()).isNotNull();
    }
  }

  @Test
  void stoppingClosesThePort() throws IOException {
    int port = server.port();
    try (Socket s = new Socket("127.0.0.1", port)) {
      assertThat(s.isConnected()).isTrue();
    }
    server.stop();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }

  private static EdgeDevice device(String name, String env) {
    EdgeDevice d = new EdgeDevice();
    d.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name).build());
    EdgeDeviceSpec spec = new EdgeDeviceSpec();
    spec.setTags(Map.of("env", com.fasterxml.jackson.databind.node.TextNode.valueOf(env)));
    d.setSpec(spec);
    return d;
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .addToData("k", "v")
        .build();
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Watcher<T> recorder(
      List<String> events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        events.add(action + " " + resource.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }

  private static ResourceEventHandler<ConfigMap> handler(List<String> seen) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(ConfigMap obj) {
        seen.add("add " + obj.getMetadata().getName());
      }

      @Override
      public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
        seen.add("update " + newObj.getMetadata().getName());
      }

      @Override
      public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
        seen.add("delete " + obj.getMetadata().getName());
      }
    };
  }
}

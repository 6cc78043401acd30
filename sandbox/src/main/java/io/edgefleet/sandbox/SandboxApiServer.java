package io.edgefleet.sandbox;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An embedded, Kubernetes-compatible API server for one machine and no cluster: the EdgeFleet
 * operator, a demo and {@code kubectl} all talk to it as they would to kube-apiserver.
 *
 * <p>It stores objects in the fabric8 mock server's CRUD store, and in front of it answers
 * discovery, OpenAPI v3 and Table requests, validates EdgeDevice and EdgeDeployment writes with the
 * CRD schema and CEL rules (rejecting them with the API server's 422 Status), applies defaults,
 * keeps generation and resourceVersion as the API server does, translates kubectl's strategic merge
 * patches for built-in kinds, and garbage-collects objects whose owners are deleted. It is not a
 * real API server: no authentication, RBAC, admission webhooks or server-side apply (see
 * docs/sandbox.md).
 *
 * <pre>{@code
 * try (SandboxApiServer server = SandboxApiServer.builder().build().start()) {
 *   KubernetesClient client = server.client();
 *   server.writeKubeconfig(Path.of("edgefleet-sandbox.kubeconfig"));
 *   ...
 * }
 * }</pre>
 */
public final class SandboxApiServer implements AutoCloseable {

  private final Builder settings;
  private final SandboxCore core;
  private final SandboxHttpServer http;
  private volatile int port = -1;
  private volatile KubernetesClient client;

  private SandboxApiServer(Builder settings) {
    this.settings = settings;
    this.core =
        new SandboxCore(settings.clock, settings.eventTtl, () -> settings.host + ":" + port);
    this.http = new SandboxHttpServer(core.dispatcher);
  }

  /** A server on a free port with the EdgeFleet CRDs installed. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Listens, creates the namespaces a cluster starts with ({@code default}, {@code kube-system},
   * {@code kube-public}, {@code kube-node-lease}) and installs the CRDs.
   *
   * @return this server
   * @throws IllegalStateException when the port is taken or a CRD is invalid
   */
  public synchronized SandboxApiServer start() {
    if (port >= 0) {
      throw new IllegalStateException("already started");
    }
    port = http.start(settings.host, settings.port, settings.tls);
    try {
      core.bootstrap(settings.crds);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  /** Stops listening and drops everything stored. */
  public void stop() {
    close();
  }

  @Override
  public synchronized void close() {
    KubernetesClient c = client;
    client = null;
    if (c != null) {
      c.close();
    }
    core.close();
    http.close();
  }

  /** The server's URL, e.g. {@code http://127.0.0.1:43121}. */
  public String url() {
    requireStarted();
    return (settings.tls ? "https" : "http") + "://" + settings.host + ":" + port;
  }

  /** The port the server listens on. */
  public int port() {
    requireStarted();
    return port;
  }

  /**
   * A client configured for this server (namespace {@code default}), shared and closed with the
   * server. Ignores the user's kubeconfig and environment.
   */
  public synchronized KubernetesClient client() {
    requireStarted();
    if (client == null) {
      client = newClient();
    }
    return client;
  }

  /** A new client for this server; the caller closes it. */
  public KubernetesClient newClient() {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url())
            .withNamespace("default")
            .withTrustCerts(true)
            .withHttp2Disable(true)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * Applies manifest files and directories with {@link #client()}, as {@link ManifestApplier} does:
   * namespaces first, then CRDs, then the rest; create, or merge-patch what exists.
   *
   * @throws ManifestApplier.ApplyException at the first object the server refuses
   */
  public List<ManifestApplier.Applied> apply(Path... paths) {
    return new ManifestApplier(client()).apply(List.of(paths));
  }

  /** A kubeconfig for this server, with {@code default} as the context's namespace. */
  public String kubeconfig() {
    return kubeconfig("default");
  }

  /** A kubeconfig for this server whose context uses {@code namespace}. */
  public String kubeconfig(String namespace) {
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("server", url());
    if (settings.tls) {
      cluster.put("insecure-skip-tls-verify", true);
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("cluster", "edgefleet-sandbox");
    context.put("user", "edgefleet-sandbox");
    context.put("namespace", namespace);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "v1");
    doc.put("kind", "Config");
    doc.put("clusters", List.of(named("cluster", cluster)));
    doc.put("contexts", List.of(named("context", context)));
    doc.put("current-context", "edgefleet-sandbox");
    doc.put("users", List.of(named("user", Map.of())));
    return Json.yaml(doc);
  }

  private static Map<String, Object> named(String key, Object value) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", "edgefleet-sandbox");
    entry.put(key, value);
    return entry;
  }

  /** Writes {@link #kubeconfig()} to {@code file}; returns the file. */
  public Path writeKubeconfig(Path file) {
    return writeKubeconfig(file, "default");
  }

  /** Writes {@link #kubeconfig(String)} to {@code file}; returns the file. */
  public Path writeKubeconfig(Path file, String namespace) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, kubeconfig(namespace), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The API requests served so far, by verb and resource. */
  public RequestCounts requestCounts() {
    return core.dispatcher.counts();
  }

  /** Starts counting from zero. */
  public void resetRequestCounts() {
    core.dispatcher.resetCounts();
  }

  /**
   * Waits until the garbage collector has handled every deletion made so far (dependents of deleted
   * owners, contents of deleted namespaces).
   */
  public void awaitGarbageCollection(Duration timeout) {
    core.collector.awaitIdle(timeout);
  }

  /**
   * Calls {@code webhook} on every create and update of the resources it handles from now on, as a
   * ValidatingWebhookConfiguration makes kube-apiserver do.
   */
  public void register(ValidatingWebhook webhook) {
    core.dispatcher.register(webhook);
  }

  /** How many objects are stored (all kinds, all namespaces). */
  public int objectCount() {
    return core.store.snapshot().size();
  }

  private void requireStarted() {
    if (port < 0) {
      throw new IllegalStateException("not started");
    }
  }

  /** Settings of a sandbox server. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private boolean tls;
    private Duration eventTtl = Duration.ofHours(1);
    private Clock clock = Clock.systemUTC();
    private final List<String> crds = new ArrayList<>(EdgeFleetCrds.yaml());

    private Builder() {}

    /** The port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The address to listen on; {@code 127.0.0.1} by default (only this machine). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /**
     * HTTPS with a self-signed certificate (clients skip verification); plain HTTP by default,
     * which kubectl uses with no further settings.
     */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /** How long events live (kube-apiserver's {@code --event-ttl}); one hour by default. */
    public Builder eventTtl(Duration ttl) {
      this.eventTtl = ttl;
      return this;
    }

    /** The clock of ages in tables, event expiry and CRD conditions. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Installs another CRD at start (YAML or JSON); the EdgeFleet CRDs are always installed. */
    public Builder crd(String crdYamlOrJson) {
      crds.add(crdYamlOrJson);
      return this;
    }

    /** A server with these settings; {@link SandboxApiServer#start()} starts it. */
    public SandboxApiServer build() {
      return new SandboxApiServer(this);
    }
  }
}

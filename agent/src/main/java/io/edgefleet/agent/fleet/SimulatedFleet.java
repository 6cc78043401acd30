package io.edgefleet.agent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.agent.DeviceAgent;
import io.edgefleet.agent.ReportedProperties;
import io.edgefleet.agent.report.EdgeDeviceReportedStore;
import io.edgefleet.agent.report.StatusReporter;
import io.edgefleet.agent.runtime.SimulatedModuleRuntime;
import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many simulated devices in one JVM, for demos and load tests: creates the EdgeDevices (or takes
 * the namespace's existing ones) and runs one {@link DeviceAgent} with a {@link
 * SimulatedModuleRuntime} per device. The agents share everything that would not scale per device:
 * one informer over the namespace's generated ConfigMaps and one over its registry Secrets
 * (dispatching each event to its device's agent by object name), a few worker threads, one timer,
 * and a bounded pool of threads for API requests.
 *
 * <p>Unlike a real agent, the simulator needs to list ConfigMaps, Secrets and EdgeDevices of the
 * whole namespace and to create EdgeDevices.
 */
public final class SimulatedFleet implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedFleet.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int CREATE_ATTEMPTS = 5;

  /** One simulated device. */
  private record Member(DeviceAgent agent, SimulatedModuleRuntime runtime) {}

  private final KubernetesClient client;
  private final FleetSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final ExecutorService workers;
  private final ExecutorService requests;
  private final Map<String, Member> byDevice = new ConcurrentHashMap<>();
  private final Map<String, Member> byConfigMap = new ConcurrentHashMap<>();
  private final Map<String, Member> bySecret = new ConcurrentHashMap<>();
  private final AtomicInteger created = new AtomicInteger();
  private final LongAdder patches = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private volatile int expected;
  private volatile Instant started;
  private SharedIndexInformer<ConfigMap> configMaps;
  private SharedIndexInformer<Secret> secrets;

  public SimulatedFleet(KubernetesClient client, FleetSettings settings, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.clock = clock;
    this.expected = settings.existing() ? 0 : settings.devices();
    this.timer = Executors.newScheduledThreadPool(2, daemon("edgefleet-sim-timer"));
    this.workers =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), daemon("edgefleet-sim"));
    this.requests =
        Executors.newFixedThreadPool(settings.requestThreads(), daemon("edgefleet-sim-request"));
  }

  /**
   * Creates (or finds) the devices, starts their agents, then the shared informers. Returns once
   * every device exists and the informers have been started.
   *
   * @throws KubernetesClientException when devices cannot be created or listed
   */
  public void start() throws InterruptedException {
    started = clock.instant();
    Map<String, EdgeDevice> devices = settings.existing() ? existingDevices() : createDevices();
    Random random = new Random(settings.seed() ^ 0x5eedL);
    for (EdgeDevice device : devices.values()) {
      addMember(device, reported(random));
    }
    byDevice.values().forEach(member -> member.agent().start());
    String namespace = settings.namespace();
    configMaps =
        client
            .configMaps()
            .inNamespace(namespace)
            .withLabel(GeneratedObjects.MANAGED_BY_LABEL, GeneratedObjects.MANAGED_BY)
            .withLabel(GeneratedObjects.COMPONENT_LABEL, GeneratedObjects.CONFIGURATION_COMPONENT)
            .runnableInformer(0);
    secrets =
        client
            .secrets()
            .inNamespace(namespace)
            .withLabel(GeneratedObjects.MANAGED_BY_LABEL, GeneratedObjects.MANAGED_BY)
            .withLabel(GeneratedObjects.COMPONENT_LABEL, GeneratedObjects.CREDENTIALS_COMPONENT)
            .runnableInformer(0);
    configMaps.exceptionHandler(this::informerFailed);
    secrets.exceptionHandler(this::informerFailed);
    configMaps.addEventHandler(dispatch(byConfigMap, DeviceAgent::configMapChanged));
    secrets.addEventHandler(dispatch(bySecret, DeviceAgent::secretChanged));
    configMaps.start();
    secrets.start();
    LOG.info("simulated fleet of {} devices in namespace {} started", byDevice.size(), namespace);
  }

  /** Where the fleet is now. */
  public FleetProgress progress() {
    int configured = 0;
    int applied = 0;
    int failed = 0;
    int reported = 0;
    Map<Integer, Integer> byCode = new TreeMap<>();
    for (Member member : byDevice.values()) {
      DeviceAgent agent = member.agent();
      if (agent.configurationPresent()) {
        configured++;
      }
      int code = agent.reportedCode();
      if (code != 0) {
        byCode.merge(code, 1, Integer::sum);
        if (code == 200) {
          applied++;
        } else {
          failed++;
        }
      }
      if (code != 0 && agent.statusReported()) {
        reported++;
      }
    }
    Instant since = started == null ? clock.instant() : started;
    return new FleetProgress(
        expected,
        created.get(),
        byDevice.size(),
        configured,
        applied,
        failed,
        reported,
        byCode,
        patches.sum(),
        errors.sum(),
        Duration.between(since, clock.instant()));
  }

  /** The names of the fleet's devices, sorted. */
  public List<String> devices() {
    return byDevice.keySet().stream().sorted().toList();
  }

  /** The agent of a device, or null. */
  public DeviceAgent agent(String device) {
    Member member = byDevice.get(device);
    return member == null ? null : member.agent();
  }

  /** The simulated runtime of a device, or null. */
  public SimulatedModuleRuntime runtime(String device) {
    Member member = byDevice.get(device);
    return member == null ? null : member.runtime();
  }

  /** Stops the informers and agents (the EdgeDevices stay). */
  @Override
  public void close() {
    if (configMaps != null) {
      configMaps.close();
    }
    if (secrets != null) {
      secrets.close();
    }
    byDevice.values().forEach(member -> member.agent().stop());
    requests.shutdownNow();
    workers.shutdownNow();
    timer.shutdownNow();
  }

  private void addMember(EdgeDevice device, ObjectNode staticReported) {
    String name = device.getMetadata().getName();
    SimulatedModuleRuntime runtime =
        new SimulatedModuleRuntime(
            settings.simulation(), timer, clock, settings.seed() * 31 + name.hashCode());
    StatusReporter reporter =
        new StatusReporter(
            name,
            new EdgeDeviceReportedStore(client, settings.namespace(), name),
            EdgeDeviceReportedStore.reported(device),
            requests,
            timer,
            settings.agent().moduleReportInterval(),
            new StatusReporter.Listener() {
              @Override
              public void sent() {
                patches.increment();
              }

              @Override
              public void failed(Exception e) {
                errors.increment();
              }
            });
    ObjectNode reported = settings.agent().reported().deepCopy();
    reported.setAll(staticReported);
    DeviceAgent agent =
        new DeviceAgent(
            settings.namespace(),
            name,
            runtime,
            reporter,
            settings.agent().withReported(reported),
            workers,
            timer);
    Member member = new Member(agent, runtime);
    byDevice.put(name, member);
    byConfigMap.put(agent.configMapName(), member);
    bySecret.put(agent.registrySecretName(), member);
  }

  private ObjectNode reported(Random random) {
    ObjectNode node = JSON.objectNode();
    settings
        .reported()
        .draw(random)
        .forEach(
            (key, value) -> ReportedProperties.put(node, key, ReportedProperties.value(value)));
    return node;
  }

  private Map<String, EdgeDevice> existingDevices() {
    List<EdgeDevice> items =
        client.resources(EdgeDevice.class).inNamespace(settings.namespace()).list().getItems();
    Map<String, EdgeDevice> devices = new TreeMap<>();
    items.forEach(d -> devices.put(d.getMetadata().getName(), d));
    expected = devices.size();
    created.set(devices.size());
    return devices;
  }

  private Map<String, EdgeDevice> createDevices() throws InterruptedException {
    Random random = new Random(settings.seed());
    Map<String, EdgeDevice> wanted = new LinkedHashMap<>();
    for (int i = 1; i <= settings.devices(); i++) {
      String name = settings.deviceName(i);
      wanted.put(name, device(name, settings.tags().draw(random)));
    }
    List<CompletableFuture<EdgeDevice>> futures = new ArrayList<>(wanted.size());
    for (EdgeDevice device : wanted.values()) {
      futures.add(CompletableFuture.supplyAsync(() -> create(device), requests));
    }
    Map<String, EdgeDevice> devices = new TreeMap<>();
    try {
      for (CompletableFuture<EdgeDevice> future : futures) {
        EdgeDevice device = future.get();
        devices.put(device.getMetadata().getName(), device);
      }
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      throw e.getCause() instanceof KubernetesClientException k
          ? k
          : new KubernetesClientException("creating devices failed", e.getCause());
    }
    return devices;
  }

  private EdgeDevice device(String name, Map<String, String> tags) {
    EdgeDevice device = new EdgeDevice();
    device.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(settings.namespace())
            .withLabels(Map.of("app.kubernetes.io/created-by", "edgefleet-simulate"))
            .build());
    EdgeDeviceSpec spec = new EdgeDeviceSpec();
    ObjectNode tagNode = JSON.objectNode();
    tags.forEach((key, value) -> ReportedProperties.nest(tagNode, key, JSON.textNode(value)));
    Map<String, JsonNode> tagMap = new LinkedHashMap<>();
    tagNode.properties().forEach(e -> tagMap.put(e.getKey(), e.getValue()));
    spec.setTags(tagMap);
    device.setSpec(spec);
    return device;
  }

  /** Creates a device; one that exists already is used as it is. Retries transient failures. */
  private EdgeDevice create(EdgeDevice device) {
    KubernetesClientException last = null;
    for (int attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      try {
        EdgeDevice result = client.resource(device).create();
        created.incrementAndGet();
        return result;
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
          EdgeDevice existing = client.resource(device).get();
          if (existing != null) {
            created.incrementAndGet();
            return existing;
          }
        }
        last = e;
        errors.increment();
        sleep(200L * attempt);
      }
    }
    throw last;
  }

  private boolean informerFailed(boolean started, Throwable t) {
    LOG.warn("the fleet's shared informer failed, retrying: {}", t.toString());
    return true;
  }

  private static <T extends HasMetadata> ResourceEventHandler<T> dispatch(
      Map<String, Member> members, BiConsumer<DeviceAgent, T> changed) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        route(object, object);
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        route(newObject, newObject);
      }

      @Override
      public void onDelete(T object, boolean deletedFinalStateUnknown) {
        route(object, null);
      }

      private void route(T object, T value) {
        Member member = members.get(object.getMetadata().getName());
        if (member != null) {
          changed.accept(member.agent(), value);
        }
      }
    };
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted", e);
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}

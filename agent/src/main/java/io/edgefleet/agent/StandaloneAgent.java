package io.edgefleet.agent;

import io.edgefleet.agent.report.EdgeDeviceReportedStore;
import io.edgefleet.agent.report.StatusReporter;
import io.edgefleet.agent.runtime.ModuleRuntime;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's agent with its own Kubernetes I/O, as it runs on a device: an informer on its
 * ConfigMap and one on its registry Secret, each restricted to the one object by a {@code
 * metadata.name} field selector (so that a Role with {@code resourceNames} allows the list and
 * watch), a GET of its EdgeDevice and merge patches of its status. Informers retry and re-list by
 * themselves after API errors; on start the agent reconciles to whatever the ConfigMap says now.
 */
public final class StandaloneAgent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StandaloneAgent.class);

  private final DeviceAgent agent;
  private final SharedIndexInformer<ConfigMap> configMaps;
  private final SharedIndexInformer<Secret> secrets;
  private final ScheduledExecutorService timer;
  private final ExecutorService worker;
  private final ExecutorService io;

  private StandaloneAgent(
      KubernetesClient client,
      String namespace,
      String device,
      ModuleRuntime runtime,
      AgentOptions options) {
    this.timer =
        Executors.newSingleThreadScheduledExecutor(daemon("edgefleet-agent-timer-" + device));
    this.worker = Executors.newSingleThreadExecutor(daemon("edgefleet-agent-" + device));
    this.io = Executors.newSingleThreadExecutor(daemon("edgefleet-agent-report-" + device));
    StatusReporter reporter =
        new StatusReporter(
            device,
            new EdgeDeviceReportedStore(client, namespace, device),
            null,
            io,
            timer,
            options.moduleReportInterval(),
            new StatusReporter.Listener() {});
    this.agent = new DeviceAgent(namespace, device, runtime, reporter, options, worker, timer);
    this.configMaps =
        client
            .configMaps()
            .inNamespace(namespace)
            .withField("metadata.name", agent.configMapName())
            .runnableInformer(0);
    this.secrets =
        client
            .secrets()
            .inNamespace(namespace)
            .withField("metadata.name", agent.registrySecretName())
            .runnableInformer(0);
  }

  /**
   * Starts the agent of {@code device} in {@code namespace}. Returns at once; the informers keep
   * trying until the API server answers.
   */
  public static StandaloneAgent start(
      KubernetesClient client,
      String namespace,
      String device,
      ModuleRuntime runtime,
      AgentOptions options) {
    StandaloneAgent standalone = new StandaloneAgent(client, namespace, device, runtime, options);
    standalone.run();
    return standalone;
  }

  private void run() {
    agent.start();
    configMaps.exceptionHandler((started, t) -> retry("ConfigMap", t));
    secrets.exceptionHandler((started, t) -> retry("Secret", t));
    configMaps.addEventHandler(handler(agent::configMapChanged));
    secrets.addEventHandler(handler(agent::secretChanged));
    configMaps.start();
    secrets.start();
    LOG.info(
        "agent of device {}/{} started: watching ConfigMap {} and Secret {}",
        agent.namespace(),
        agent.device(),
        agent.configMapName(),
        agent.registrySecretName());
  }

  /** The device agent. */
  public DeviceAgent agent() {
    return agent;
  }

  /** Whether both informers have listed their object at least once. */
  public boolean synced() {
    return configMaps.hasSynced() && secrets.hasSynced();
  }

  /** Stops watching and reporting; the modules keep running. */
  @Override
  public void close() {
    configMaps.close();
    secrets.close();
    agent.stop();
    worker.shutdown();
    io.shutdown();
    timer.shutdownNow();
  }

  private boolean retry(String what, Throwable t) {
    LOG.warn(
        "agent of {}: watching its {} failed, retrying: {}", agent.device(), what, t.toString());
    return true;
  }

  private static <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> changed) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        changed.accept(object);
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        changed.accept(newObject);
      }

      @Override
      public void onDelete(T object, boolean deletedFinalStateUnknown) {
        changed.accept(null);
      }
    };
  }

  static ThreadFactory daemon(String name) {
    return r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}

package io.edgefleet.operator;

import io.edgefleet.console.ConsoleServer;
import io.edgefleet.operator.config.ConsoleSettings;
import io.edgefleet.operator.config.OperatorSettings;
import io.edgefleet.operator.console.CacheReadModel;
import io.edgefleet.operator.deployment.EdgeDeploymentReconciler;
import io.edgefleet.operator.deployment.NamespaceCounts;
import io.edgefleet.operator.deployment.StatusRecomputeTrigger;
import io.edgefleet.operator.device.DeviceEventFilters;
import io.edgefleet.operator.device.EdgeDeviceReconciler;
import io.edgefleet.operator.device.OwnStatusWrites;
import io.edgefleet.operator.events.EventRecorder;
import io.edgefleet.operator.events.UnreadableObjects;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.operator.fleet.FleetView;
import io.edgefleet.operator.http.OperatorHttpServer;
import io.edgefleet.operator.metrics.OperatorMetrics;
import io.edgefleet.operator.rollout.DeviceNudges;
import io.edgefleet.operator.rollout.RevisionHistory;
import io.edgefleet.operator.rollout.RolloutBoard;
import io.edgefleet.operator.rollout.RolloutCoordinator;
import io.edgefleet.operator.status.StatusPatcher;
import io.edgefleet.operator.webhook.DeploymentWebhook;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of the operator from its settings, a client and a clock,
 * and wires them by constructor. The reconcilers build only what needs the event sources JOSDK has
 * them create (the device controller's writer needs its informers of generated objects).
 */
public final class EdgeFleetOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EdgeFleetOperator.class);

  /** How long informers may take to fill their caches at start. */
  private static final Duration CACHE_SYNC_TIMEOUT = Duration.ofMinutes(5);

  private final Operator operator;
  private final KubernetesClient client;
  private final FleetView fleet;
  private final OperatorHttpServer http;
  private final ConsoleServer console;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private final AtomicBoolean healthy = new AtomicBoolean(true);
  private final AtomicBoolean stopping = new AtomicBoolean(false);
  private final AtomicBoolean leading = new AtomicBoolean(false);

  private EdgeFleetOperator(
      KubernetesClient client,
      OperatorSettings settings,
      ConsoleSettings consoleSettings,
      Clock clock) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    this.metrics = new OperatorMetrics(registry);
    leading.set(!settings.leaderElection());
    this.events =
        new EventRecorder(client, clock, metrics, settings.eventsPerSecond(), settings.identity());
    StatusPatcher statusPatcher = new StatusPatcher(client, metrics);
    UnreadableObjects unreadable = new UnreadableObjects(events, metrics);
    OwnStatusWrites ownWrites = new OwnStatusWrites();
    DeploymentCatalog catalog = new DeploymentCatalog();
    this.client = client;
    FleetView fleet = new FleetView();
    this.fleet = fleet;
    NamespaceCounts counts = new NamespaceCounts(fleet);
    StatusRecomputeTrigger trigger =
        new StatusRecomputeTrigger(settings.statusInterval(), counts, fleet, CACHE_SYNC_TIMEOUT);
    boolean leanCaches = settings.watchNamespaces().size() <= 1;
    RolloutBoard rolloutBoard = new RolloutBoard();
    DeviceNudges nudges = new DeviceNudges();
    RevisionHistory revisions = new RevisionHistory(client);
    RolloutCoordinator rollouts = new RolloutCoordinator(fleet, revisions, rolloutBoard, nudges);

    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  .withConcurrentReconciliationThreads(settings.reconcileThreads())
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                  .withCacheSyncTimeout(CACHE_SYNC_TIMEOUT)
                  .withReconciliationTerminationTimeout(Duration.ofSeconds(10))
                  .withInformerStoppedHandler(
                      (informer, e) -> {
                        if (!stopping.get()) {
                          LOG.error(
                              "an informer stopped; the operator reports itself unhealthy", e);
                          healthy.set(false);
                        }
                      });
              if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(leaderElection(settings));
              }
            });
    EdgeDeviceReconciler devices =
        new EdgeDeviceReconciler(
            client,
            catalog,
            trigger,
            statusPatcher,
            events,
            unreadable,
            ownWrites,
            metrics,
            clock,
            leanCaches,
            rolloutBoard,
            nudges);
    operator.register(
        devices,
        c -> {
          c.withOnUpdateFilter(
              (device, old) -> DeviceEventFilters.deviceChangeMatters(device, old, ownWrites));
          c.withReconciliationMaxInterval(settings.resyncInterval());
          watch(c, settings);
        });
    // registering a controller creates its event sources: the deployment controller reads the
    // device controller's caches (and starts only once they are synced)
    fleet.bind(devices.caches());
    operator.register(
        new EdgeDeploymentReconciler(
            catalog,
            counts,
            fleet,
            trigger,
            statusPatcher,
            events,
            unreadable,
            metrics,
            clock,
            revisions,
            rollouts),
        c -> {
          c.withReconciliationMaxInterval(settings.resyncInterval());
          watch(c, settings);
        });
    this.http =
        new OperatorHttpServer(settings.httpPort(), healthy::get, this::ready, registry::scrape);
    this.console =
        consoleSettings.enabled()
            ? new ConsoleServer(
                new CacheReadModel(fleet, catalog, client, this::ready),
                consoleSettings.address(),
                consoleSettings.port(),
                Duration.ofSeconds(1))
            : null;
  }

  /** Builds the operator without the web console; {@link #start()} runs it. */
  public static EdgeFleetOperator create(
      KubernetesClient client, OperatorSettings settings, Clock clock) {
    return new EdgeFleetOperator(client, settings, ConsoleSettings.off(), clock);
  }

  /** Builds the operator, with the web console when {@code console} enables it. */
  public static EdgeFleetOperator create(
      KubernetesClient client, OperatorSettings settings, ConsoleSettings console, Clock clock) {
    return new EdgeFleetOperator(client, settings, console, clock);
  }

  /** Starts the HTTP port, then the controllers (returns once the caches are synced). */
  public void start() {
    http.start();
    LOG.info("health and metrics on port {}", http.port());
    if (console != null) {
      console.start();
      LOG.info("web console on {}", console.url());
    }
    operator.start();
    LOG.info("EdgeFleet operator started");
  }

  /** Stops the controllers, the events sender and the HTTP port. */
  @Override
  public void close() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    try {
      operator.stop();
    } finally {
      events.close();
      http.close();
      if (console != null) {
        console.close();
      }
      gcMetrics.close();
    }
  }

  /** Whether caches are synced and watching (standby replicas are ready too). */
  public boolean ready() {
    var info = operator.getRuntimeInfo();
    return healthy.get() && info.isStarted() && info.allEventSourcesAreHealthy();
  }

  /** Whether this instance holds the lease (always true without leader election). */
  public boolean leading() {
    return leading.get();
  }

  /** Whether the process is healthy (false after an informer stopped or leadership was lost). */
  public boolean healthy() {
    return healthy.get();
  }

  /** The port of /healthz, /readyz and /metrics. */
  public int httpPort() {
    return http.port();
  }

  /**
   * The admission check of EdgeDeployments, with the devices this operator's caches hold (none,
   * hence no warnings that need them, while the caches are not running, e.g. on a standby replica).
   */
  public DeploymentWebhook deploymentWebhook() {
    return new DeploymentWebhook(
        client.getKubernetesSerialization(),
        namespace ->
            fleet.bound()
                ? fleet.devices(namespace).stream().map(d -> FleetView.state(d).device()).toList()
                : null);
  }

  /** The web console's address, when it is served. */
  public Optional<String> consoleUrl() {
    return Optional.ofNullable(console).map(ConsoleServer::url);
  }

  /** The operator's own metrics. */
  public OperatorMetrics metrics() {
    return metrics;
  }

  private LeaderElectionConfiguration leaderElection(OperatorSettings settings) {
    LeaderCallbacks callbacks =
        new LeaderCallbacks(
            () -> {
              leading.set(true);
              LOG.info("{} leads: reconciling", settings.identity());
            },
            this::stoppedLeading,
            leader -> LOG.info("leader is {}", leader));
    Duration lease = settings.leaseDuration();
    return new LeaderElectionConfiguration(
        settings.leaseName(),
        settings.leaseNamespace(),
        lease,
        lease.multipliedBy(2).dividedBy(3),
        lease.multipliedBy(2).dividedBy(15),
        settings.identity(),
        callbacks,
        false);
  }

  /**
   * Losing the lease while running would leave two instances reconciling: stop, and report
   * unhealthy so the kubelet restarts the pod as a standby.
   */
  private void stoppedLeading() {
    leading.set(false);
    if (stopping.get()) {
      return;
    }
    LOG.warn("lost the lease: stopping reconciles");
    healthy.set(false);
    Thread stopper = new Thread(this::close, "edgefleet-stop-on-lost-lease");
    stopper.setDaemon(true);
    stopper.start();
  }

  private static <R extends HasMetadata> void watch(
      ControllerConfigurationOverrider<R> config, OperatorSettings settings) {
    if (settings.watchesAllNamespaces()) {
      config.watchingAllNamespaces();
    } else {
      config.settingNamespaces(settings.watchNamespaces());
    }
  }
}

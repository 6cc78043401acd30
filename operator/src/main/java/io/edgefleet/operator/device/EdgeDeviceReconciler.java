package io.edgefleet.operator.device;

import static io.fabric8.kubernetes.client.informers.cache.Cache.NAMESPACE_INDEX;

import io.edgefleet.api.serialization.Unreadable;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.rollout.RolloutGate;
import io.edgefleet.operator.events.EventRecorder;
import io.edgefleet.operator.events.UnreadableObjects;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.operator.fleet.DeviceCaches;
import io.edgefleet.operator.fleet.DeviceInputs;
import io.edgefleet.operator.fleet.NamespaceActivity;
import io.edgefleet.operator.metrics.OperatorMetrics;
import io.edgefleet.operator.rollout.DeviceNudges;
import io.edgefleet.operator.rollout.RolloutBoard;
import io.edgefleet.operator.status.StatusWriter;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each device's ConfigMap (and registry Secret) and status true: observe (device, its cached
 * ConfigMap, the namespace's deployments), decide (the engine), apply (write only what differs),
 * patch the status fields the operator owns only when they changed.
 */
@ControllerConfiguration(
    name = EdgeDeviceReconciler.NAME,
    generationAwareEventProcessing = false,
    triggerReconcilerOnAllEvents = true)
public final class EdgeDeviceReconciler implements Reconciler<EdgeDevice> {

  /** The controller's name. */
  public static final String NAME = "edgedevice";

  private static final Logger LOG = LoggerFactory.getLogger(EdgeDeviceReconciler.class);

  /** The status fields the operator owns on an EdgeDevice. */
  public static final Set<String> OWNED_STATUS_FIELDS =
      Set.of(
          "managed",
          "baseDeployment",
          "layers",
          "configMapName",
          "registrySecretName",
          "desiredVersion",
          "revisions",
          "rollout",
          "deployments",
          "syncState",
          "observedGeneration",
          "conditions");

  private final KubernetesClient client;
  private final DeploymentCatalog catalog;
  private final NamespaceActivity activity;
  private final StatusWriter statusWriter;
  private final DeviceAnnouncer announcer;
  private final UnreadableObjects unreadable;
  private final OwnStatusWrites ownWrites;
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final boolean leanCaches;
  private final RolloutBoard rollouts;
  private final DeviceNudges nudges;
  private final CompletableFuture<Void> synced = new CompletableFuture<>();
  private volatile DeviceCaches caches;
  private volatile GeneratedObjectWriter writer;

  /**
   * @param leanCaches whether the caches of generated objects drop their data (only possible with
   *     one informer per kind: all namespaces, or exactly one)
   */
  public EdgeDeviceReconciler(
      KubernetesClient client,
      DeploymentCatalog catalog,
      NamespaceActivity activity,
      StatusWriter statusWriter,
      EventRecorder events,
      UnreadableObjects unreadable,
      OwnStatusWrites ownWrites,
      OperatorMetrics metrics,
      Clock clock,
      boolean leanCaches,
      RolloutBoard rollouts,
      DeviceNudges nudges) {
    this.rollouts = rollouts;
    this.nudges = nudges;
    this.client = client;
    this.catalog = catalog;
    this.activity = activity;
    this.statusWriter = statusWriter;
    this.announcer = new DeviceAnnouncer(events);
    this.unreadable = unreadable;
    this.ownWrites = ownWrites;
    this.metrics = metrics;
    this.clock = clock;
    this.leanCaches = leanCaches;
  }

  @Override
  public List<EventSource<?, EdgeDevice>> prepareEventSources(
      EventSourceContext<EdgeDevice> context) {
    var devices = context.getPrimaryCache();
    var deployments =
        new InformerEventSource<EdgeDeployment, EdgeDevice>(
            InformerEventSourceConfiguration.from(EdgeDeployment.class, EdgeDevice.class)
                .withName("deployments")
                .withSecondaryToPrimaryMapper(
                    (EdgeDeployment d) -> {
                      Set<ResourceID> ids = devicesIn(devices, d.getMetadata().getNamespace());
                      LOG.debug(
                          "deployment {}/{} changed: re-deciding {} devices",
                          d.getMetadata().getNamespace(),
                          d.getMetadata().getName(),
                          ids.size());
                      return ids;
                    })
                .withPrimaryToSecondaryMapper((EdgeDevice device) -> Set.of())
                .withOnUpdateFilter(DeviceEventFilters::deploymentChangeMatters)
                .build(),
            context) {
          @Override
          public synchronized void start() {
            // JOSDK starts the primary (device) informer first, then this one
            super.start();
            synced.complete(null);
          }
        };
    var configMapConfig =
        InformerEventSourceConfiguration.from(ConfigMap.class, EdgeDevice.class)
            .withName("configmaps")
            .withLabelSelector(GeneratedObjectSelectors.CONFIGURATION)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(EdgeDevice.class))
            .withOnAddFilter(cm -> !LeanCache.selfConsistent(cm))
            .withOnUpdateFilter(
                (cm, old) ->
                    !LeanCache.selfConsistent(cm)
                        || ownersChanged(cm, old)
                        || labelsChanged(cm, old));
    var secretConfig =
        InformerEventSourceConfiguration.from(Secret.class, EdgeDevice.class)
            .withName("secrets")
            .withSecondaryToPrimaryMapper(
                (Secret s) ->
                    LeanCache.isGenerated(s)
                        ? Mappers.fromOwnerReferences(EdgeDevice.class).toPrimaryResourceIDs(s)
                        : referencedBy(s, devices, deployments))
            .withOnAddFilter(s -> !LeanCache.isGenerated(s) || !LeanCache.selfConsistent(s))
            .withOnUpdateFilter(
                (s, old) ->
                    !LeanCache.isGenerated(s)
                        || !LeanCache.selfConsistent(s)
                        || ownersChanged(s, old));
    if (leanCaches) {
      configMapConfig.withItemStore(new TransformingItemStore<>(LeanCache::strip));
      secretConfig.withItemStore(new TransformingItemStore<>(LeanCache::strip));
    }
    var configMaps = new InformerEventSource<>(configMapConfig.build(), context);
    var secrets = new InformerEventSource<>(secretConfig.build(), context);
    bind(
        new DeviceCaches(devices, deployments, synced, deployments::isRunning),
        new GeneratedObjectWriter(
            client,
            GeneratedObjectCache.of(configMaps),
            GeneratedObjectCache.of(secrets),
            metrics));
    return List.of(deployments, configMaps, secrets, nudges);
  }

  /**
   * Binds what reconciling reads and writes through: the caches of devices and deployments, and the
   * writer of generated objects (over the caches of ConfigMaps and Secrets). {@link
   * #prepareEventSources} binds the controller's own; a test may bind others and call {@link
   * #reconcile} directly.
   */
  void bind(DeviceCaches caches, GeneratedObjectWriter writer) {
    this.caches = caches;
    this.writer = writer;
  }

  /**
   * This controller's caches of devices and deployments, for the deployment controller. Available
   * once the controller is registered (JOSDK prepares event sources when it registers one).
   */
  public DeviceCaches caches() {
    DeviceCaches bound = caches;
    if (bound == null) {
      throw new IllegalStateException("the device controller is not registered yet");
    }
    return bound;
  }

  @Override
  public UpdateControl<EdgeDevice> reconcile(EdgeDevice device, Context<EdgeDevice> context) {
    long started = System.nanoTime();
    String namespace = device.getMetadata().getNamespace();
    if (context.isPrimaryResourceDeleted()) {
      // owner references take the ConfigMap and Secret with it
      unreadable.forget(device);
      ownWrites.forget(device);
      activity.changed(namespace);
      return UpdateControl.noUpdate();
    }
    DeviceCaches caches = this.caches;
    if (!caches.running().getAsBoolean()) {
      // the deployments' cache is not running (the operator is stopping): an empty cache would
      // read as "no deployment targets this device"
      return UpdateControl.noUpdate();
    }
    unreadable.report(
        device,
        "nothing is decided for the device and it keeps its configuration until the spec is fixed",
        "the operator rewrites the status fields it owns");
    if (Unreadable.spec(device) != null) {
      keepUnreadable(device, context);
      return UpdateControl.noUpdate();
    }
    ConfigMap cached = writer.cachedConfigMap(device);
    DeploymentSet set =
        catalog.setFor(namespace, caches.deployments().byIndex(NAMESPACE_INDEX, namespace));
    DeviceDecision decision =
        set.decide(DeviceInputs.source(device, Ownership.ownedBy(cached, device) ? cached : null));
    boolean rolledOut = set.deployments().stream().anyMatch(d -> d.rollout() != null);
    if (rolledOut) {
      decision =
          RolloutGate.gate(decision, set, rollouts.plan(namespace), rollouts.previous(namespace));
    }
    metrics.decided();
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{}/{}: {} base={} layers={} version={}",
          namespace,
          device.getMetadata().getName(),
          decision.outcome(),
          decision.baseName(),
          decision.layerNames(),
          decision.desiredVersion());
    }

    ApplyResult applied = writer.apply(device, decision, cached);
    LOG.debug("{}/{}: apply {}", namespace, device.getMetadata().getName(), applied);

    EdgeDeviceStatus previous = device.getStatus();
    EdgeDeviceStatus desired =
        DeviceStatusBuilder.build(
            device, decision, applied, clock.instant(), rolledOut && tracksHealth(decision, set));
    if (!DeviceStatusBuilder.sameOwnedFields(previous, desired)) {
      patchStatus(device, previous, desired, context);
      announcer.announce(device, previous, desired, applied);
      LOG.debug("{}/{}: status patched", namespace, device.getMetadata().getName());
    }
    activity.changed(namespace);
    metrics.deviceReconciled(Duration.ofNanos(System.nanoTime() - started));
    return UpdateControl.noUpdate();
  }

  /** A device whose spec cannot be read: its configuration stays, its status says why. */
  private void keepUnreadable(EdgeDevice device, Context<EdgeDevice> context) {
    EdgeDeviceStatus previous = device.getStatus();
    EdgeDeviceStatus desired =
        DeviceStatusBuilder.unreadableSpec(device, Unreadable.spec(device), clock.instant());
    if (!DeviceStatusBuilder.sameOwnedFields(previous, desired)) {
      patchStatus(device, previous, desired, context);
    }
  }

  private EdgeDevice patchStatus(
      EdgeDevice device,
      EdgeDeviceStatus previous,
      EdgeDeviceStatus desired,
      Context<EdgeDevice> context) {
    EdgeDevice patched =
        statusWriter.write(device, previous, desired, OWNED_STATUS_FIELDS, context);
    ownWrites.wrote(patched);
    return patched;
  }

  @Override
  public ErrorStatusUpdateControl<EdgeDevice> updateErrorStatus(
      EdgeDevice device, Context<EdgeDevice> context, Exception e) {
    boolean last = context.getRetryInfo().map(r -> r.isLastAttempt()).orElse(false);
    LOG.warn(
        "could not reconcile device {}/{}{}: {}",
        device.getMetadata().getNamespace(),
        device.getMetadata().getName(),
        last ? " (giving up until the next change)" : " (will retry)",
        e.toString(),
        LOG.isDebugEnabled() ? e : null);
    if (last) {
      announcer.failed(device, e);
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  /** Whether a rollout with minHealthySeconds applies to the device's configuration. */
  private static boolean tracksHealth(DeviceDecision decision, DeploymentSet deployments) {
    return deployments.deployments().stream()
        .anyMatch(
            d ->
                d.rollout() != null
                    && !d.rollout().minHealthy().isZero()
                    && decision.applies(d.name()));
  }

  private static Set<ResourceID> devicesIn(
      IndexedResourceCache<EdgeDevice> devices, String namespace) {
    return devices.byIndex(NAMESPACE_INDEX, namespace).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /** Devices to re-decide when a user's Secret changes: those of its namespace, if referenced. */
  private static Set<ResourceID> referencedBy(
      Secret secret,
      IndexedResourceCache<EdgeDevice> devices,
      InformerEventSource<EdgeDeployment, EdgeDevice> deployments) {
    String namespace = secret.getMetadata().getNamespace();
    String name = secret.getMetadata().getName();
    boolean referenced =
        deployments.byIndex(NAMESPACE_INDEX, namespace).stream()
            .anyMatch(
                d ->
                    d.getSpec() != null
                        && d.getSpec().getRegistryCredentials() != null
                        && d.getSpec().getRegistryCredentials().values().stream()
                            .anyMatch(c -> c != null && name.equals(c.getSecretName())));
    return referenced ? devicesIn(devices, namespace) : Set.of();
  }

  private static boolean labelsChanged(HasMetadata newOne, HasMetadata oldOne) {
    return !Objects.equals(newOne.getMetadata().getLabels(), oldOne.getMetadata().getLabels());
  }

  private static boolean ownersChanged(HasMetadata newOne, HasMetadata oldOne) {
    return !Objects.equals(
        newOne.getMetadata().getOwnerReferences(), oldOne.getMetadata().getOwnerReferences());
  }
}

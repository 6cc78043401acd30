package io.edgefleet.operator.deployment;

import static io.fabric8.kubernetes.client.informers.cache.Cache.NAMESPACE_INDEX;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.operator.fleet.FleetView;
import io.edgefleet.operator.fleet.NamespaceActivity;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Coalesces device activity into deployment status recomputations: however many devices of a
 * namespace change, each deployment of that namespace is reconciled at most once per interval.
 */
public final class StatusRecomputeTrigger extends AbstractEventSource<Void, EdgeDeployment>
    implements NamespaceActivity {

  private final Duration interval;
  private final NamespaceCounts counts;
  private final FleetView fleet;
  private final Duration syncTimeout;
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private volatile IndexedResourceCache<EdgeDeployment> deployments;
  private ScheduledExecutorService scheduler;

  /**
   * @param fleet the device controller's caches, which must be synced before deployments are
   *     counted
   * @param syncTimeout how long to wait for them
   */
  public StatusRecomputeTrigger(
      Duration interval, NamespaceCounts counts, FleetView fleet, Duration syncTimeout) {
    super(Void.class, "device-activity");
    this.interval = interval;
    this.counts = counts;
    this.fleet = fleet;
    this.syncTimeout = syncTimeout;
  }

  /** Called by the deployment controller with its cache of deployments. */
  void bind(IndexedResourceCache<EdgeDeployment> cache) {
    this.deployments = cache;
  }

  @Override
  public void changed(String namespace) {
    dirty.add(namespace);
  }

  /**
   * Starts once the device controller's caches are synced: JOSDK starts a controller's event
   * processing only after all its event sources have started, so no deployment is counted from a
   * half-filled device cache.
   */
  @Override
  public synchronized void start() {
    try {
      fleet.awaitSynced(syncTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the device caches", e);
    }
    super.start();
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "edgefleet-status-trigger");
              thread.setDaemon(true);
              return thread;
            });
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    super.stop();
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public Set<Void> getSecondaryResources(EdgeDeployment primary) {
    return Set.of();
  }

  /** Sends one event per deployment of every namespace that changed since the last flush. */
  void flush() {
    IndexedResourceCache<EdgeDeployment> cache = deployments;
    if (cache == null || getEventHandler() == null || !isRunning()) {
      return;
    }
    List<String> namespaces = new ArrayList<>(dirty);
    dirty.removeAll(namespaces);
    for (String namespace : namespaces) {
      counts.changed(namespace);
      for (EdgeDeployment deployment : cache.byIndex(NAMESPACE_INDEX, namespace)) {
        getEventHandler().handleEvent(new Event(ResourceID.fromResource(deployment)));
      }
    }
  }
}

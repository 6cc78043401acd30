package io.edgefleet.operator.config;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Everything the operator can be told, read once at start from {@code EDGEFLEET_*} environment
 * variables (see {@link SettingsParser} and docs/operations.md).
 *
 * @param watchNamespaces namespaces to watch; empty means every namespace
 * @param reconcileThreads concurrent reconciles
 * @param leaderElection whether to elect a leader through a Lease before reconciling
 * @param leaseName the Lease's name
 * @param leaseNamespace the Lease's namespace; null means the pod's namespace
 * @param identity this instance's identity in the election (the pod name)
 * @param httpPort port of /healthz, /readyz and /metrics; 0 picks a free port
 * @param statusInterval least time between two recomputations of a deployment's status
 * @param eventsPerSecond Kubernetes Events recorded per second at most (the rest are dropped)
 * @param resyncInterval longest time between two reconciles of an unchanged object
 * @param leaseDuration how long a leader's lease lasts without renewal (failover time)
 */
public record OperatorSettings(
    Set<String> watchNamespaces,
    int reconcileThreads,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    String identity,
    int httpPort,
    Duration statusInterval,
    double eventsPerSecond,
    Duration resyncInterval,
    Duration leaseDuration) {

  public OperatorSettings {
    watchNamespaces = Set.copyOf(watchNamespaces);
    if (reconcileThreads < 1) {
      throw new IllegalArgumentException("reconcile threads must be at least 1");
    }
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("HTTP port must be 0 to 65535");
    }
    if (statusInterval.isNegative() || statusInterval.isZero()) {
      throw new IllegalArgumentException("status interval must be positive");
    }
    if (leaseDuration.compareTo(Duration.ofSeconds(2)) < 0) {
      throw new IllegalArgumentException("the lease duration must be at least 2s");
    }
  }

  /** Whether every namespace is watched. */
  public boolean watchesAllNamespaces() {
    return watchNamespaces.isEmpty();
  }

  /** Defaults for running locally: all namespaces, no leader election, a free HTTP port. */
  public static OperatorSettings local() {
    return SettingsParser.parse(Map.of("EDGEFLEET_HTTP_PORT", "0"));
  }

  /** A copy with leader election set as given. */
  public OperatorSettings withLeaderElection(boolean on, String namespace, String id) {
    return new OperatorSettings(
        watchNamespaces,
        reconcileThreads,
        on,
        leaseName,
        namespace,
        id,
        httpPort,
        statusInterval,
        eventsPerSecond,
        resyncInterval,
        leaseDuration);
  }
}

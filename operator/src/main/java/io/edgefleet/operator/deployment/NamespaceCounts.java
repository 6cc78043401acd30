package io.edgefleet.operator.deployment;

import io.edgefleet.engine.resolve.DeploymentReport;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeploymentTally;
import io.edgefleet.operator.fleet.FleetView;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts every deployment of a namespace in one pass over its devices and keeps the result until
 * something in the namespace changes, so that the deployments of a namespace share one count
 * instead of each reading every device. The status trigger marks a namespace changed once per
 * interval, so under device churn a namespace is counted at most once per interval.
 */
public final class NamespaceCounts {

  private record Counted(DeploymentSet set, long version, Map<String, DeploymentReport> reports) {}

  private final FleetView fleet;
  private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
  private final Map<String, Counted> counted = new ConcurrentHashMap<>();

  public NamespaceCounts(FleetView fleet) {
    this.fleet = fleet;
  }

  /** Something about the namespace's devices changed: counts must be taken again. */
  void changed(String namespace) {
    versions.computeIfAbsent(namespace, n -> new AtomicLong()).incrementAndGet();
  }

  /** The reports of every deployment of {@code set}, counted now or reused if nothing changed. */
  Map<String, DeploymentReport> reports(String namespace, DeploymentSet set) {
    long version = versions.computeIfAbsent(namespace, n -> new AtomicLong()).get();
    Counted current = counted.get(namespace);
    if (current != null && current.set() == set && current.version() == version) {
      return current.reports();
    }
    synchronized (this) {
      current = counted.get(namespace);
      if (current != null && current.set() == set && current.version() == version) {
        return current.reports();
      }
      Map<String, DeploymentReport> reports =
          DeploymentTally.count(set, fleet.deviceStates(namespace));
      counted.put(namespace, new Counted(set, version, reports));
      return reports;
    }
  }
}

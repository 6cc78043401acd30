package io.edgefleet.operator.rollout;

import io.edgefleet.engine.resolve.PreparedDeployment;
import io.edgefleet.engine.rollout.RolloutPlan;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest rollout plan of each namespace, shared by the deployment controller (which plans) and
 * the device controller (which gates each device's change with it). Only ever a copy of what the
 * planner derives from stored state: after a restart, devices whose change is gated wait until the
 * first plan.
 */
public final class RolloutBoard {

  private record Entry(RolloutPlan plan, Map<String, PreparedDeployment> previous) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** The namespace's newest plan, or null when none was made yet. */
  public RolloutPlan plan(String namespace) {
    Entry entry = entries.get(namespace);
    return entry == null ? null : entry.plan();
  }

  /** The previous revision of each deployment of the namespace that has one (for rollbacks). */
  public Map<String, PreparedDeployment> previous(String namespace) {
    Entry entry = entries.get(namespace);
    return entry == null ? Map.of() : entry.previous();
  }

  void publish(String namespace, RolloutPlan plan, Map<String, PreparedDeployment> previous) {
    entries.put(namespace, new Entry(plan, Map.copyOf(previous)));
  }
}

package io.edgefleet.engine.rollout;

import io.edgefleet.api.v1alpha1.RolloutFailurePolicy;
import io.edgefleet.api.v1alpha1.RolloutGroup;
import io.edgefleet.api.v1alpha1.RolloutSpec;
import io.edgefleet.engine.query.QueryException;
import io.edgefleet.engine.query.QueryParser;
import io.edgefleet.engine.query.TargetCondition;
import io.edgefleet.engine.query.Truth;
import io.edgefleet.engine.query.TwinView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A deployment's {@code spec.rollout}, checked and compiled.
 *
 * @param maxConcurrency how many admitted devices may be not yet healthy at once
 * @param minHealthy how long a device must report success before it counts as healthy
 * @param maxFailures failures at which the rollout halts
 * @param rollback whether a halt gives admitted devices the previous revision back
 * @param progressDeadline how long a rollout may make no progress before it halts, or null
 * @param paused whether nobody is admitted
 * @param groups the ordered groups (waves)
 */
public record RolloutRules(
    Amount maxConcurrency,
    Duration minHealthy,
    Amount maxFailures,
    boolean rollback,
    Duration progressDeadline,
    boolean paused,
    List<Group> groups) {

  /** A named group of devices, admitted before the groups after it. */
  public record Group(String name, TargetCondition condition) {}

  public RolloutRules {
    groups = List.copyOf(groups);
  }

  /**
   * Compiles {@code spec}; every problem goes to {@code problems} (as "spec.rollout.field: what")
   * and null is returned when there was one.
   */
  public static RolloutRules compile(RolloutSpec spec, Consumer<String> problems) {
    List<String> found = new ArrayList<>();
    Amount concurrency = amount(spec.maxConcurrencyText(), "maxConcurrency", found);
    Amount failures = amount(spec.maxFailuresText(), "maxFailures", found);
    int minHealthy = spec.getMinHealthySeconds() == null ? 0 : spec.getMinHealthySeconds();
    if (minHealthy < 0) {
      found.add("spec.rollout.minHealthySeconds must be 0 or more");
    }
    Integer deadline = spec.getProgressDeadlineSeconds();
    if (deadline != null && deadline < 1) {
      found.add("spec.rollout.progressDeadlineSeconds must be 1 or more");
    }
    List<Group> groups = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<RolloutGroup> declared = spec.getGroups() == null ? List.of() : spec.getGroups();
    for (int i = 0; i < declared.size(); i++) {
      RolloutGroup group = declared.get(i);
      String where = "spec.rollout.groups[" + i + "]";
      if (group == null || group.getName() == null || group.getName().isBlank()) {
        found.add(where + ".name is required");
        continue;
      }
      if (!names.add(group.getName())) {
        found.add(where + ": the group name " + group.getName() + " is used twice");
      }
      try {
        groups.add(
            new Group(
                group.getName(),
                QueryParser.parseCondition(
                    group.getTargetCondition() == null ? "" : group.getTargetCondition())));
      } catch (QueryException e) {
        found.add(where + ".targetCondition: " + e.getMessage());
      }
    }
    found.forEach(problems);
    if (!found.isEmpty()) {
      return null;
    }
    return new RolloutRules(
        concurrency,
        Duration.ofSeconds(minHealthy),
        failures,
        spec.getOnFailure() == RolloutFailurePolicy.Rollback,
        deadline == null ? null : Duration.ofSeconds(deadline),
        Boolean.TRUE.equals(spec.getPaused()),
        groups);
  }

  private static Amount amount(String text, String field, List<String> found) {
    try {
      return Amount.parse(text);
    } catch (IllegalArgumentException e) {
      found.add("spec.rollout." + field + ": " + e.getMessage());
      return null;
    }
  }

  /** The index of the first group {@code twin} belongs to, or the number of groups when none. */
  public int groupOf(TwinView twin) {
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i).condition().evaluate(twin) == Truth.TRUE) {
        return i;
      }
    }
    return groups.size();
  }
}

package io.edgefleet.engine.rollout;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every rollout of a namespace at one moment: each deployment's progress and what it says about
 * each device it concerns.
 */
public final class RolloutPlan {

  private static final RolloutPlan EMPTY = new RolloutPlan(Map.of(), Map.of());

  private final Map<String, RolloutProgress> progress;
  private final Map<String, Map<String, Verdict>> verdicts;

  RolloutPlan(Map<String, RolloutProgress> progress, Map<String, Map<String, Verdict>> verdicts) {
    this.progress = Map.copyOf(progress);
    this.verdicts = Map.copyOf(verdicts);
  }

  /** A plan with no rollouts. */
  public static RolloutPlan empty() {
    return EMPTY;
  }

  /** The progress of {@code deployment}'s rollout, or null when it has none. */
  public RolloutProgress progress(String deployment) {
    return progress.get(deployment);
  }

  /** The progress of every rollout. */
  public Collection<RolloutProgress> all() {
    return progress.values();
  }

  /**
   * What the rollout of {@code deployment} at {@code revision} says about {@code device}; null when
   * this plan knows no such rollout (another revision: the plan is older than the edit) or the
   * rollout does not concern the device.
   */
  public Verdict verdict(String deployment, String revision, String device) {
    RolloutProgress known = progress.get(deployment);
    if (known == null || !known.revisionHash().equals(revision)) {
      return null;
    }
    return verdicts.getOrDefault(deployment, Map.of()).get(device);
  }

  /**
   * The devices some rollout lets move now: admitted while their configuration does not hold the
   * newest revision yet, or to be rolled back.
   */
  public Set<String> movers() {
    Set<String> movers = new TreeSet<>();
    verdicts
        .values()
        .forEach(
            byDevice ->
                byDevice.forEach(
                    (device, verdict) -> {
                      if (verdict.admission() != Verdict.Admission.WAITING) {
                        movers.add(device);
                      }
                    }));
    return movers;
  }

  /** The earliest moment time alone may change a rollout, or null. */
  public Instant nextCheck() {
    return progress.values().stream()
        .map(RolloutProgress::nextCheck)
        .filter(Objects::nonNull)
        .min(Instant::compareTo)
        .orElse(null);
  }
}

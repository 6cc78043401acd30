package io.edgefleet.engine.rollout;

import io.edgefleet.api.contract.ContentHash;
import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.DeviceState;
import io.edgefleet.engine.resolve.DeviceTwin;
import io.edgefleet.engine.resolve.PreparedDeployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans every rollout of a namespace (docs/rollouts.md): for each valid deployment with {@code
 * spec.rollout}, which devices its change affects, which of them run the newest revision and are
 * healthy or failed, whether the rollout halts, and which waiting devices are admitted next. Pure:
 * the same stored state and "now" give the same plan, so an operator that restarts continues where
 * it was.
 */
public final class RolloutPlanner {

  private RolloutPlanner() {}

  /**
   * @param set the namespace's deployments (newest content)
   * @param previous deployment -> its previous revision (the content the rollout started from),
   *     prepared; used for onFailure: Rollback. Missing when there is none.
   * @param devices the namespace's devices with their current configuration and reported status
   * @param health device name -> since when it reports success for which version
   * @param records deployment -> what its status remembers of its rollout
   * @param now the moment of the decision
   */
  public static RolloutPlan plan(
      DeploymentSet set,
      Map<String, PreparedDeployment> previous,
      Collection<DeviceSource> devices,
      Map<String, DeviceHealth> health,
      Map<String, RolloutRecord> records,
      Instant now) {
    List<PreparedDeployment> rolled =
        set.deployments().stream().filter(d -> d.valid() && d.rollout() != null).toList();
    if (rolled.isEmpty()) {
      return RolloutPlan.empty();
    }
    List<Tally> tallies = rolled.stream().map(d -> new Tally(d, now, health)).toList();
    for (DeviceSource device : devices) {
      DeviceDecision decision = set.decide(device);
      DeviceTwin twin = null;
      for (Tally tally : tallies) {
        RolloutChange change = RolloutChange.of(decision, tally.deployment);
        if (change == RolloutChange.PENDING && twin == null) {
          twin = new DeviceTwin(device);
        }
        tally.add(device, change, twin);
      }
    }
    Map<String, RolloutProgress> progress = new HashMap<>();
    Map<String, Map<String, Verdict>> verdicts = new HashMap<>();
    for (Tally tally : tallies) {
      String name = tally.deployment.name();
      PreparedDeployment before = previous.get(name);
      boolean canRollBack =
          before != null && !before.revision().equals(tally.deployment.revision());
      Map<String, Verdict> byDevice = new HashMap<>();
      progress.put(name, tally.decide(records.get(name), canRollBack, byDevice));
      verdicts.put(name, byDevice);
    }
    return new RolloutPlan(progress, verdicts);
  }

  /** One deployment's count over the devices, then its decision. */
  private static final class Tally {
    private final PreparedDeployment deployment;
    private final RolloutRules rules;
    private final Instant now;
    private final Map<String, DeviceHealth> health;
    private final List<String> onRevision = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, Long> perRevision = new TreeMap<>();
    private long healthy;
    private long failed;
    private Instant nextHealthy;

    Tally(PreparedDeployment deployment, Instant now, Map<String, DeviceHealth> health) {
      this.deployment = deployment;
      this.rules = deployment.rollout();
      this.now = now;
      this.health = health;
    }

    void add(DeviceSource device, RolloutChange change, DeviceTwin twin) {
      CurrentConfiguration current = device.current();
      if (current != null && current.includes(deployment.name())) {
        String revision =
            change == RolloutChange.ON_REVISION
                ? deployment.revision()
                : current.revisions().get(deployment.name());
        if (revision != null) {
          perRevision.merge(revision, 1L, Long::sum);
        }
      }
      switch (change) {
        case NONE -> {}
        case ON_REVISION -> {
          onRevision.add(device.name());
          DeviceState state = new DeviceState(device, List.of(), current.desiredVersion());
          if (state.reportsSuccess()) {
            DeviceHealth since = health.get(device.name());
            Instant healthyAt =
                since != null && current.desiredVersion().equals(since.version())
                    ? since.since().plus(rules.minHealthy())
                    : (rules.minHealthy().isZero() ? now : null);
            if (healthyAt != null && !healthyAt.isAfter(now)) {
              healthy++;
            } else if (healthyAt != null
                && (nextHealthy == null || healthyAt.isBefore(nextHealthy))) {
              nextHealthy = healthyAt;
            }
          } else if (state.reportsFailure()) {
            failed++;
          }
        }
        case PENDING ->
            pending.add(
                new Pending(device.name(), rules.groupOf(twin), ContentHash.of(device.name())));
      }
    }

    RolloutProgress decide(RolloutRecord record, boolean canRollBack, Map<String, Verdict> out) {
      boolean same = record != null && deployment.revision().equals(record.revisionHash());
      long running = onRevision.size();
      long affected = same && record.affected() > 0 ? record.affected() : running + pending.size();
      long accepted = same ? record.acceptedFailures() : 0;
      Instant startedAt = same && record.startedAt() != null ? record.startedAt() : now;
      Instant lastProgress =
          !same || record.lastProgressAt() == null || healthy > record.healthy()
              ? now
              : record.lastProgressAt();
      boolean halted = same && record.phase() == RolloutPhase.Halted;
      Instant haltedAt = halted ? record.haltedAt() : null;
      String haltReason = halted ? record.haltReason() : null;
      long unhealthy = running - healthy;
      long inFlight = unhealthy - failed;
      if (!halted
          && failed - accepted > 0
          && failed - accepted >= rules.maxFailures().of(affected)) {
        halted = true;
        haltedAt = now;
        haltReason = RolloutProgress.MAX_FAILURES_REACHED;
      }
      boolean unfinished = !pending.isEmpty() || inFlight > 0;
      Instant deadline =
          rules.progressDeadline() == null || rules.paused() || !unfinished
              ? null
              : lastProgress.plus(rules.progressDeadline());
      if (!halted && deadline != null && !deadline.isAfter(now)) {
        halted = true;
        haltedAt = now;
        haltReason = RolloutProgress.PROGRESS_DEADLINE_EXCEEDED;
      }
      RolloutPhase phase;
      if (halted) {
        phase = RolloutPhase.Halted;
      } else if (rules.paused()) {
        phase = RolloutPhase.Paused;
        lastProgress = now;
      } else if (!unfinished) {
        phase = RolloutPhase.Complete;
      } else {
        phase = RolloutPhase.Progressing;
      }
      pending.sort(Pending.ORDER);
      long slots =
          phase == RolloutPhase.Progressing
              ? Math.min(
                  pending.size(), Math.max(0, rules.maxConcurrency().of(affected) - unhealthy))
              : 0;
      // admitted: running the newest revision, or allowed to take it now
      long admitted = running + slots;
      long waiting = pending.size() - slots;
      if (same && admitted > record.admitted()) {
        lastProgress = now;
      }
      for (int i = 0; i < pending.size(); i++) {
        out.put(
            pending.get(i).device(),
            i < slots ? Verdict.ADMIT : new Verdict(Verdict.Admission.WAITING, i - slots + 1));
      }
      if (phase == RolloutPhase.Halted && rules.rollback() && canRollBack) {
        onRevision.forEach(device -> out.put(device, Verdict.ROLL_BACK));
      }
      Instant nextCheck = phase == RolloutPhase.Halted ? null : earliest(nextHealthy, deadline);
      return new RolloutProgress(
          deployment.name(),
          deployment.revision(),
          phase,
          affected,
          admitted,
          healthy,
          failed,
          waiting,
          accepted,
          startedAt,
          lastProgress,
          haltedAt,
          haltReason,
          perRevision,
          nextCheck);
    }

    private static Instant earliest(Instant a, Instant b) {
      if (a == null) {
        return b;
      }
      return b == null || a.isBefore(b) ? a : b;
    }
  }

  /** A device waiting for admission, with what orders it. */
  private record Pending(String device, int group, String hash) {
    static final Comparator<Pending> ORDER =
        Comparator.comparingInt(Pending::group)
            .thenComparing(Pending::hash)
            .thenComparing(Pending::device);
  }
}

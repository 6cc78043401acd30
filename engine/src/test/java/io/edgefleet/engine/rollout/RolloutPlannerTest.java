package io.edgefleet.engine.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of docs/rollouts.md, decided purely from stored state. */
class RolloutPlannerTest {

  private static String base(String image, String rollout) {
    return "{priority: 10, targetCondition: '*', modules: {app: {image: '"
        + image
        + "'}}"
        + (rollout == null ? "" : ", rollout: " + rollout)
        + "}";
  }

  /** A fleet of {@code count} devices that all run app:1 of prod-base, reported healthy. */
  private static FleetSim converged(int count, String rollout) {
    FleetSim sim = new FleetSim().devices(count, "dev").deployment("prod", base("app:1", rollout));
    sim.step().reportAll(200).step();
    assertThat(sim.onRevision("prod")).isEqualTo(count);
    return sim;
  }

  private static List<String> moved(FleetSim sim, String deployment) {
    String revision = sim.revisionOf(deployment);
    return sim.devices.keySet().stream()
        .filter(d -> revision.equals(sim.revision(d, deployment)))
        .toList();
  }

  @ParameterizedTest
  @CsvSource({"5,100,5", "10%,200,20", "10%,5,1", "100%,7,7", "33%,10,4", "1,0,1", "1%,0,1"})
  void amountsAreCountsOrPercentagesRoundedUp(String text, long total, long expected) {
    assertThat(Amount.parse(text).of(total)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0", "0%", "101%", "-1", "ten", "''"})
  void badAmountsAreRejected(String text) {
    assertThatThrownBy(() -> Amount.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutRolloutEveryChangeAppliesAtOnce() {
    FleetSim sim = converged(20, null);
    sim.deployment("prod", base("app:2", null)).step();
    assertThat(sim.onRevision("prod")).isEqualTo(20);
    assertThat(sim.plan.all()).isEmpty();
  }

  @Test
  void newDevicesAreNotGated() {
    FleetSim sim = new FleetSim().devices(5, "dev");
    sim.deployment("prod", base("app:1", "{paused: true}")).step();
    assertThat(sim.onRevision("prod")).isEqualTo(5);
    assertThat(sim.lastDecisions.values()).allMatch(d -> d.outcome() == Outcome.APPLY);
  }

  @Test
  void waitingDevicesKeepTheirConfigurationAndKnowTheirPlace() {
    FleetSim sim = converged(6, "{paused: true}");
    Map<String, String> before =
        sim.devices.keySet().stream().collect(Collectors.toMap(d -> d, sim::version));
    sim.deployment("prod", base("app:2", "{paused: true}")).step();
    for (String device : sim.devices.keySet()) {
      DeviceDecision decision = sim.lastDecisions.get(device);
      assertThat(decision.outcome()).isEqualTo(Outcome.KEEP_WAITING);
      assertThat(decision.waitingFor()).isEqualTo("prod");
      assertThat(decision.desiredVersion()).isEqualTo(before.get(device));
      assertThat(sim.version(device)).isEqualTo(before.get(device));
    }
    assertThat(sim.lastDecisions.values().stream().map(DeviceDecision::placeInLine))
        .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Paused);
    assertThat(sim.progress("prod").waiting()).isEqualTo(6);
    assertThat(sim.lastDecisions.get("dev-000").considered())
        .anySatisfy(
            c -> assertThat(c.reason()).contains("waiting for the rollout of deployment prod"));
  }

  @Test
  void beforeAnyPlanGatedChangesWait() {
    FleetSim sim = converged(3, "{maxConcurrency: '100%'}");
    sim.deployment("prod", base("app:2", "{maxConcurrency: '100%'}"));
    // the plan in memory is of the previous revision: nobody moves on it
    sim.reconcileDevices();
    assertThat(sim.lastDecisions.values()).allMatch(d -> d.outcome() == Outcome.KEEP_WAITING);
    sim.step();
    assertThat(sim.onRevision("prod")).isEqualTo(3);
  }

  @Test
  void admissionFollowsGroupsThenAStableHashOfTheName() {
    String rollout =
        "{maxConcurrency: 2, groups: [{name: canary, targetCondition: \"tags.ring='canary'\"},"
            + " {name: early, targetCondition: \"tags.ring='early'\"}]}";
    FleetSim sim = new FleetSim();
    sim.devices(4, "late").devices(2, "early", "ring=early").devices(2, "canary", "ring=canary");
    sim.deployment("prod", base("app:1", rollout)).step().reportAll(200);
    sim.deployment("prod", base("app:2", rollout)).step();
    assertThat(moved(sim, "prod")).containsExactlyInAnyOrder("canary-000", "canary-001");
    sim.reportAll(200).step();
    assertThat(moved(sim, "prod"))
        .containsExactlyInAnyOrder("canary-000", "canary-001", "early-000", "early-001");
    sim.reportAll(200).step();
    List<String> third = moved(sim, "prod").stream().filter(d -> d.startsWith("late")).toList();
    assertThat(third).hasSize(2);
    // the same order on a fresh computation (stable hash, no randomness)
    FleetSim again = new FleetSim();
    again.devices(4, "late").devices(2, "early", "ring=early").devices(2, "canary", "ring=canary");
    again.deployment("prod", base("app:1", rollout)).step().reportAll(200);
    again.deployment("prod", base("app:2", rollout)).step().reportAll(200).step();
    again.reportAll(200).step();
    assertThat(moved(again, "prod").stream().filter(d -> d.startsWith("late")).toList())
        .isEqualTo(third);
  }

  @Test
  void unhealthyAdmittedDevicesNeverExceedMaxConcurrency() {
    FleetSim sim = converged(200, "{maxConcurrency: '10%'}");
    sim.deployment("prod", base("app:2", "{maxConcurrency: '10%'}"));
    int rounds = 0;
    long maxUnhealthy = 0;
    while (rounds++ < 200) {
      sim.step();
      RolloutProgress p = sim.progress("prod");
      long unhealthy = sim.onRevision("prod") - healthyOnNew(sim);
      maxUnhealthy = Math.max(maxUnhealthy, unhealthy);
      assertThat(unhealthy).isLessThanOrEqualTo(20);
      if (p.phase() == RolloutPhase.Complete) {
        break;
      }
      // only some agents answer each round
      sim.devices.values().stream()
          .filter(d -> sim.revisionOf("prod").equals(sim.revision(d.name(), "prod")))
          .filter(d -> !sim.reportsCurrent(d))
          .limit(7)
          .map(d -> d.name())
          .toList()
          .forEach(d -> sim.report(d, 200));
    }
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Complete);
    assertThat(sim.onRevision("prod")).isEqualTo(200);
    assertThat(maxUnhealthy).isEqualTo(20);
    assertThat(sim.progress("prod").affected()).isEqualTo(200);
  }

  private static long healthyOnNew(FleetSim sim) {
    return sim.devices.values().stream()
        .filter(d -> sim.revisionOf("prod").equals(sim.revision(d.name(), "prod")))
        .filter(sim::reportsCurrent)
        .filter(d -> d.reported().path("lastDesiredStatus").path("code").asInt() == 200)
        .count();
  }

  @Test
  void healthyOnlyAfterMinHealthySeconds() {
    String rollout = "{maxConcurrency: 1, minHealthySeconds: 60}";
    FleetSim sim = converged(3, rollout);
    sim.deployment("prod", base("app:2", rollout)).step();
    assertThat(moved(sim, "prod")).hasSize(1);
    sim.reportAll(200).step();
    assertThat(sim.progress("prod").healthy()).isZero();
    assertThat(moved(sim, "prod")).hasSize(1);
    assertThat(sim.plan.nextCheck()).isEqualTo(sim.now.plusSeconds(60));
    sim.after(Duration.ofSeconds(59)).step();
    assertThat(moved(sim, "prod")).hasSize(1);
    sim.after(Duration.ofSeconds(1)).step();
    assertThat(sim.progress("prod").healthy()).isEqualTo(1);
    assertThat(moved(sim, "prod")).hasSize(2);
  }

  @Test
  void failuresHaltAtMaxFailuresWithExactlyTheAdmittedDevicesTouched() {
    String rollout = "{maxConcurrency: 5, maxFailures: 2}";
    FleetSim sim = converged(30, rollout);
    sim.deployment("prod", base("broken:2", rollout)).step();
    List<String> firstWave = moved(sim, "prod");
    assertThat(firstWave).hasSize(5);
    sim.report(firstWave.get(0), 500).step();
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Progressing);
    assertThat(moved(sim, "prod")).hasSize(5);
    sim.report(firstWave.get(1), 500).step();
    RolloutProgress halted = sim.progress("prod");
    assertThat(halted.phase()).isEqualTo(RolloutPhase.Halted);
    assertThat(halted.haltReason()).isEqualTo(RolloutProgress.MAX_FAILURES_REACHED);
    assertThat(halted.failed()).isEqualTo(2);
    assertThat(halted.waiting()).isEqualTo(25);
    // the rest recover, yet the halt holds and nobody else is admitted
    firstWave.stream().skip(2).forEach(d -> sim.report(d, 200));
    sim.after(Duration.ofHours(1)).step().step();
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Halted);
    assertThat(moved(sim, "prod")).containsExactlyInAnyOrderElementsOf(firstWave);
    assertThat(sim.progress("prod").haltedAt()).isEqualTo(halted.haltedAt());
  }

  @Test
  void anExplicitResumeAcceptsTheFailuresSoFarAndHaltsAgainOnTheNextOnes() {
    String rollout = "{maxConcurrency: 2, maxFailures: 1}";
    FleetSim sim = converged(8, rollout);
    sim.deployment("prod", base("flaky:2", rollout)).step();
    List<String> firstWave = moved(sim, "prod");
    sim.report(firstWave.get(0), 500).step();
    RolloutProgress halted = sim.progress("prod");
    assertThat(halted.phase()).isEqualTo(RolloutPhase.Halted);
    sim.records.put("prod", halted.record().resumed(halted.failed(), sim.now));
    sim.report(firstWave.get(1), 200).step();
    RolloutProgress resumed = sim.progress("prod");
    assertThat(resumed.phase()).isEqualTo(RolloutPhase.Progressing);
    assertThat(resumed.acceptedFailures()).isEqualTo(1);
    assertThat(resumed.haltedAt()).isNull();
    // one slot: the failed device still counts as not healthy against maxConcurrency 2
    List<String> secondWave = moved(sim, "prod");
    assertThat(secondWave).hasSize(3).containsAll(firstWave);
    String next = secondWave.stream().filter(d -> !firstWave.contains(d)).findFirst().get();
    sim.report(next, 500).step();
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Halted);
    assertThat(sim.progress("prod").failed()).isEqualTo(2);
    // resuming a record that is not halted changes nothing
    RolloutRecord progressing = resumed.record();
    assertThat(progressing.resumed(5, sim.now)).isSameAs(progressing);
  }

  @Test
  void wavesShowWhichDevicesMoveWhenTheFirstWaveIsThePlannersOwn() {
    String rollout =
        "{maxConcurrency: 3, groups: [{name: canary, targetCondition: \"tags.ring='canary'\"}]}";
    FleetSim sim = new FleetSim().devices(8, "dev").devices(2, "ring", "ring=canary");
    sim.deployment("prod", base("app:1", rollout)).step().reportAll(200).step();
    sim.deployment("prod", base("app:2", rollout));
    RolloutWaves.Waves waves = RolloutWaves.of(sim.set(), sim.devices.values(), sim.now);
    RolloutWaves.Rollout prod = waves.rollouts().get("prod");
    assertThat(prod.affected()).isEqualTo(10);
    assertThat(prod.perWave()).isEqualTo(3);
    assertThat(prod.waves()).isEqualTo(4);
    Map<Integer, List<String>> byWave = new java.util.TreeMap<>();
    waves
        .devices()
        .forEach(
            (device, places) ->
                byWave
                    .computeIfAbsent(places.get(0).wave(), w -> new java.util.ArrayList<>())
                    .add(device));
    assertThat(byWave.keySet()).containsExactly(1, 2, 3, 4);
    assertThat(byWave.get(1)).hasSize(3).contains("ring-000", "ring-001");
    assertThat(byWave.get(4)).hasSize(1);
    assertThat(waves.devices().get("ring-000").get(0).group()).isEqualTo("canary");
    assertThat(waves.devices().get("dev-000").get(0).group()).isNull();
    // the first wave is exactly what the operator admits
    sim.step();
    assertThat(moved(sim, "prod")).containsExactlyInAnyOrderElementsOf(byWave.get(1));
  }

  @Test
  void noWavesWithoutAChangeOrForNewDevices() {
    FleetSim sim = converged(4, "{maxConcurrency: 1}");
    assertThat(RolloutWaves.of(sim.set(), sim.devices.values(), sim.now).devices()).isEmpty();
    FleetSim fresh = new FleetSim().devices(4, "dev").deployment("prod", base("app:1", "{}"));
    assertThat(RolloutWaves.of(fresh.set(), fresh.devices.values(), fresh.now).rollouts())
        .isEmpty();
  }

  @Test
  void maxFailuresAsAPercentageOfTheAffectedDevices() {
    String rollout = "{maxConcurrency: 10, maxFailures: '20%'}";
    FleetSim sim = converged(10, rollout);
    sim.deployment("prod", base("broken:2", rollout)).step();
    List<String> wave = moved(sim, "prod");
    sim.report(wave.get(0), 500).step();
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Progressing);
    sim.report(wave.get(1), 500).step();
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Halted);
  }

  @Test
  void rollbackGivesTheAdmittedDevicesThePreviousRevision() {
    String rollout = "{maxConcurrency: 4, maxFailures: 1, onFailure: Rollback}";
    FleetSim sim = converged(12, rollout);
    String oldRevision = sim.revisionOf("prod");
    String oldVersion = sim.version("dev-000");
    sim.deployment("prod", base("broken:2", rollout)).step();
    List<String> wave = moved(sim, "prod");
    assertThat(wave).hasSize(4);
    sim.report(wave.get(0), 500).step();
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Halted);
    assertThat(moved(sim, "prod")).isEmpty();
    for (String device : sim.devices.keySet()) {
      assertThat(sim.revision(device, "prod")).isEqualTo(oldRevision);
      assertThat(sim.version(device)).isEqualTo(oldVersion);
    }
    sim.step().step();
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Halted);
    assertThat(sim.progress("prod").waiting()).isEqualTo(12);
    assertThat(moved(sim, "prod")).isEmpty();
  }

  @Test
  void anUndoIsANewRolloutTowardsTheOldContent() {
    String rollout = "{maxConcurrency: 2, maxFailures: 1}";
    FleetSim sim = converged(6, rollout);
    sim.deployment("prod", base("broken:2", rollout)).step();
    List<String> wave = moved(sim, "prod");
    sim.report(wave.get(0), 500).step();
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Halted);
    sim.deployment("prod", base("app:1", rollout)).step();
    // the devices that never moved already run the old content: only two wait
    assertThat(sim.progress("prod").admitted()).isEqualTo(6);
    assertThat(sim.progress("prod").affected()).isEqualTo(6);
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Progressing);
    sim.reportAll(200).step();
    assertThat(sim.onRevision("prod")).isEqualTo(6);
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Complete);
  }

  @Test
  void progressDeadlineHaltsARolloutThatMakesNoProgress() {
    String rollout = "{maxConcurrency: 2, progressDeadlineSeconds: 60}";
    FleetSim sim = converged(6, rollout);
    sim.deployment("prod", base("app:2", rollout)).step();
    assertThat(sim.plan.nextCheck()).isEqualTo(sim.now.plusSeconds(60));
    sim.after(Duration.ofSeconds(59)).step();
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Progressing);
    sim.after(Duration.ofSeconds(1)).step();
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Halted);
    assertThat(sim.progress("prod").haltReason())
        .isEqualTo(RolloutProgress.PROGRESS_DEADLINE_EXCEEDED);
    assertThat(moved(sim, "prod")).hasSize(2);
  }

  @Test
  void pausedAdmitsNobodyUntilUnpaused() {
    FleetSim sim = converged(5, "{maxConcurrency: 2}");
    sim.deployment("prod", base("app:2", "{maxConcurrency: 2, paused: true}")).step().step();
    assertThat(moved(sim, "prod")).isEmpty();
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Paused);
    sim.deployment("prod", base("app:2", "{maxConcurrency: 2}")).step();
    assertThat(moved(sim, "prod")).hasSize(2);
  }

  @Test
  void aLayerStartingOrStoppingToApplyIsGatedByItsRollout() {
    FleetSim sim = new FleetSim().devices(4, "dev", "site=a");
    sim.deployment("prod", base("app:1", null)).step().reportAll(200);
    String layer =
        "{priority: 20, layered: true, targetCondition: \"tags.site='%s'\","
            + " modules: {extra: {image: 'extra:1'}}, rollout: {maxConcurrency: 1}}";
    sim.deployment("extra", String.format(layer, "a")).step();
    assertThat(sim.devices.values()).filteredOn(d -> d.current().includes("extra")).hasSize(1);
    sim.reportAll(200).step().reportAll(200).step().reportAll(200).step();
    assertThat(sim.devices.values()).allMatch(d -> d.current().includes("extra"));
    // retargeting removes the layer: also one device at a time
    sim.deployment("extra", String.format(layer, "b")).step();
    assertThat(sim.devices.values()).filteredOn(d -> d.current().includes("extra")).hasSize(3);
    assertThat(sim.lastDecisions.values())
        .filteredOn(d -> d.outcome() == Outcome.KEEP_WAITING)
        .hasSize(3);
    sim.step().step().step();
    assertThat(sim.devices.values()).noneMatch(d -> d.current().includes("extra"));
  }

  @Test
  void aDeviceWhoseChangeInvolvesTwoRolloutsMovesWhenBothAdmitIt() {
    FleetSim sim = new FleetSim().devices(3, "dev");
    sim.deployment("prod", base("app:1", "{maxConcurrency: '100%'}"));
    String layer =
        "{priority: 20, layered: true, targetCondition: '*', modules: {extra: {image: 'x:%d'}},"
            + " rollout: {paused: %b, maxConcurrency: '100%%'}}";
    sim.deployment("extra", String.format(layer, 1, false)).step().reportAll(200);
    sim.deployment("prod", base("app:2", "{maxConcurrency: '100%'}"));
    sim.deployment("extra", String.format(layer, 2, true)).step();
    assertThat(sim.lastDecisions.values())
        .allSatisfy(
            d -> {
              assertThat(d.outcome()).isEqualTo(Outcome.KEEP_WAITING);
              assertThat(d.waitingFor()).isEqualTo("extra");
            });
    sim.deployment("extra", String.format(layer, 2, false)).step();
    assertThat(sim.onRevision("prod")).isEqualTo(3);
    assertThat(sim.onRevision("extra")).isEqualTo(3);
  }

  @Test
  void aRestartedOperatorContinuesFromWhatIsStored() {
    String rollout = "{maxConcurrency: 3}";
    FleetSim sim = converged(12, rollout);
    sim.deployment("prod", base("app:2", rollout)).step().reportAll(200).step();
    List<String> before = moved(sim, "prod");
    assertThat(before).hasSize(6);
    // a new operator: no plan in memory, only what the cluster stores
    FleetSim restarted = new FleetSim();
    restarted.now = sim.now;
    restarted.deployments.putAll(sim.deployments);
    restarted.previousSpecs.putAll(sim.previousSpecs);
    restarted.devices.putAll(sim.devices);
    restarted.health.putAll(sim.health);
    restarted.records.putAll(sim.records);
    restarted.reconcileDevices();
    assertThat(moved(restarted, "prod")).isEqualTo(before);
    restarted.step();
    sim.step();
    assertThat(moved(restarted, "prod")).isEqualTo(moved(sim, "prod"));
    assertThat(restarted.progress("prod")).isEqualTo(sim.progress("prod"));
  }

  @Test
  void deletingADeploymentMidRolloutLeavesDevicesToTheRulesOfDeciding() {
    String rollout = "{maxConcurrency: 1}";
    FleetSim sim = converged(4, null);
    sim.deployment(
        "canary",
        "{priority: 20, targetCondition: '*', modules: {app: {image: 'app:9'}}, rollout: "
            + rollout
            + "}");
    sim.step();
    assertThat(sim.devices.values())
        .filteredOn(d -> "canary".equals(d.current().base()))
        .hasSize(1);
    sim.delete("canary").step();
    assertThat(sim.plan.progress("canary")).isNull();
    assertThat(sim.devices.values()).allMatch(d -> "prod".equals(d.current().base()));
  }

  @Test
  void anInvalidEditMidRolloutFreezesInsteadOfMoving() {
    String rollout = "{maxConcurrency: 2}";
    FleetSim sim = converged(6, rollout);
    sim.deployment("prod", base("app:2", rollout)).step();
    Map<String, String> before =
        sim.devices.keySet().stream().collect(Collectors.toMap(d -> d, sim::version));
    sim.deployment(
            "prod",
            "{priority: 10, targetCondition: 'tags.x = ', modules: {app: {image: 'app:3'}},"
                + " rollout: "
                + rollout
                + "}")
        .step()
        .reportAll(200)
        .step();
    assertThat(sim.plan.progress("prod")).isNull();
    assertThat(sim.lastDecisions.values()).allMatch(d -> d.outcome() == Outcome.KEEP_FROZEN);
    sim.devices.keySet().forEach(d -> assertThat(sim.version(d)).isEqualTo(before.get(d)));
  }

  @Test
  void anEditDuringARolloutStartsANewOneTowardsTheNewestRevision() {
    String rollout = "{maxConcurrency: 2}";
    FleetSim sim = converged(6, rollout);
    sim.deployment("prod", base("app:2", rollout)).step().reportAll(200);
    assertThat(moved(sim, "prod")).hasSize(2);
    sim.deployment("prod", base("app:3", rollout)).step();
    RolloutProgress progress = sim.progress("prod");
    assertThat(progress.revisionHash()).isEqualTo(sim.revisionOf("prod"));
    assertThat(progress.affected()).isEqualTo(6);
    assertThat(progress.devicesPerRevision()).hasSize(2);
    assertThat(sim.plan().progress("prod").devicesPerRevision())
        .containsEntry(sim.revisionOf("prod"), 2L);
    for (int i = 0; i < 5; i++) {
      sim.reportAll(200).step();
    }
    assertThat(sim.onRevision("prod")).isEqualTo(6);
    assertThat(sim.progress("prod").phase()).isEqualTo(RolloutPhase.Complete);
  }

  @Test
  void percentagesAreOfTheDevicesAffectedWhenTheRolloutStarted() {
    String rollout = "{maxConcurrency: '50%'}";
    FleetSim sim = converged(4, rollout);
    sim.deployment("prod", base("app:2", rollout)).step();
    assertThat(moved(sim, "prod")).hasSize(2);
    // devices that arrive later and already had a configuration do not widen the waves
    FleetSim grown = sim;
    for (int i = 0; i < 4; i++) {
      String name = "late-" + i;
      grown.device(name);
      grown.devices.put(
          name, grown.devices.get(name).withCurrent(grown.devices.get("dev-000").current()));
    }
    grown.devices.keySet().stream().filter(d -> d.startsWith("dev")).forEach(d -> {});
    grown.step();
    assertThat(grown.progress("prod").affected()).isEqualTo(4);
  }

  @Test
  void invalidRolloutSettingsMakeTheDeploymentInvalid() {
    FleetSim sim = new FleetSim().devices(1, "dev");
    sim.deployment(
        "prod",
        base("app:1", "{groups: [{name: a, targetCondition: 'tags.x ='}], maxConcurrency: '0%'}"));
    var prepared = sim.set().get("prod");
    assertThat(prepared.valid()).isFalse();
    assertThat(prepared.validity().message())
        .contains("spec.rollout.maxConcurrency")
        .contains("spec.rollout.groups[0].targetCondition");
  }
}

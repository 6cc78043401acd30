package io.edgefleet.operator.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;
import io.edgefleet.engine.resolve.DeploymentReport;
import io.edgefleet.engine.resolve.InvalidReason;
import io.edgefleet.engine.resolve.Validity;
import io.edgefleet.engine.rollout.RolloutPhase;
import io.edgefleet.engine.rollout.RolloutProgress;
import io.edgefleet.engine.sync.BehindDevice;
import io.edgefleet.engine.sync.SyncState;
import io.edgefleet.operator.rollout.RevisionHistory;
import io.edgefleet.operator.status.Conditions;
import io.edgefleet.testfixtures.Fixtures;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A deployment's status from its report, one row per validity and targeting situation, one per
 * rollout phase; transition times from the time passed in, kept while a condition's status stays.
 */
class DeploymentStatusBuilderTest {

  private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-03-01T11:30:00Z");

  private static EdgeDeployment deployment() {
    EdgeDeployment deployment = Fixtures.deployment("ns", "base").module("m", "img:1").build();
    deployment.getMetadata().setGeneration(7L);
    return deployment;
  }

  private static DeploymentReport report(Validity validity, long targeted, List<String> warnings) {
    return new DeploymentReport(
        "ns",
        "base",
        false,
        10,
        validity,
        targeted,
        targeted == 0 ? 0 : targeted - 1,
        targeted == 0 ? 0 : 1,
        0,
        0,
        Map.of(),
        warnings,
        List.of());
  }

  private static Validity invalid(InvalidReason reason) {
    return new Validity(List.of(new Validity.Problem(reason, "what is wrong")));
  }

  static Stream<Arguments> validityAndTargeting() {
    List<Arguments> rows = new ArrayList<>();
    rows.add(
        Arguments.of(
            "valid, devices targeted",
            report(Validity.valid(), 3, List.of()),
            List.of(),
            true,
            "Valid",
            true,
            "DevicesTargeted"));
    rows.add(
        Arguments.of(
            "valid, no device targeted",
            report(Validity.valid(), 0, List.of()),
            List.of("targets no device"),
            true,
            "Valid",
            false,
            "TargetsNoDevice"));
    rows.add(
        Arguments.of(
            "valid, a literal of another type than devices hold",
            report(Validity.valid(), 2, List.of()),
            List.of("tags.floor is a number on devices"),
            true,
            "Valid",
            false,
            "TypeMismatch"));
    for (InvalidReason reason : InvalidReason.values()) {
      rows.add(
          Arguments.of(
              "invalid: " + reason,
              report(invalid(reason), 0, List.of()),
              List.of(),
              false,
              reason.name(),
              false,
              "NotEvaluated"));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validityAndTargeting")
  void readyAndTargetsDevicesFollowTheReport(
      String situation,
      DeploymentReport report,
      List<String> targetingWarnings,
      boolean ready,
      String readyReason,
      boolean targets,
      String targetsReason) {
    EdgeDeploymentStatus status =
        DeploymentStatusBuilder.build(deployment(), report, targetingWarnings, T1);

    assertThat(status.getConditions())
        .extracting(Condition::getType)
        .containsExactly(Conditions.READY, Conditions.TARGETS_DEVICES);
    Condition readyCondition = Conditions.find(status.getConditions(), Conditions.READY);
    assertThat(readyCondition.getStatus()).isEqualTo(ready ? "True" : "False");
    assertThat(readyCondition.getReason()).isEqualTo(readyReason);
    Condition targeting = Conditions.find(status.getConditions(), Conditions.TARGETS_DEVICES);
    assertThat(targeting.getStatus()).isEqualTo(targets ? "True" : "False");
    assertThat(targeting.getReason()).isEqualTo(targetsReason);
    if (!ready) {
      assertThat(readyCondition.getMessage()).contains("what is wrong", "takes no part");
    }
    targetingWarnings.forEach(w -> assertThat(targeting.getMessage()).contains(w));
    assertThat(status.getConditions())
        .allSatisfy(
            c -> {
              assertThat(c.getObservedGeneration()).isEqualTo(7L);
              assertThat(c.getLastTransitionTime()).isEqualTo(T1.toString());
            });
    assertThat(status.getObservedGeneration()).isEqualTo(7L);
  }

  @Test
  void theCountsAreTheReportsAndEmptyListsAreLeftOut() {
    DeploymentReport report =
        new DeploymentReport(
            "ns",
            "base",
            false,
            10,
            Validity.valid(),
            10,
            8,
            5,
            2,
            1,
            Map.of("errors", 3L),
            List.of(),
            List.of(new BehindDevice("d9", SyncState.FAILED, "the agent reports status 500")));

    EdgeDeploymentStatus status =
        DeploymentStatusBuilder.build(deployment(), report, List.of(), T1);

    assertThat(
            List.of(
                status.getTargetedCount(),
                status.getAppliedCount(),
                status.getReportedSuccessfulCount(),
                status.getReportedFailedCount(),
                status.getParameterErrorCount(),
                status.getPendingCount(),
                status.getDevicesBehindCount()))
        .containsExactly(10L, 8L, 5L, 2L, 1L, 1L, 3L);
    assertThat(status.getMetrics()).containsExactly(Map.entry("errors", 3L));
    assertThat(status.getDevicesBehind()).extracting(d -> d.getName()).containsExactly("d9");
    assertThat(status.getWarnings()).as("no warnings: no field").isNull();

    EdgeDeploymentStatus empty =
        DeploymentStatusBuilder.build(
            deployment(), report(Validity.valid(), 3, List.of()), List.of(), T1);
    assertThat(empty.getMetrics()).isNull();
    assertThat(empty.getDevicesBehind()).isNull();
  }

  static Stream<Arguments> warningCounts() {
    return Stream.of(
        Arguments.of(0, 0, null),
        Arguments.of(1, 1, "w1"),
        Arguments.of(DeploymentStatusBuilder.MAX_WARNINGS, 20, "w20"),
        Arguments.of(DeploymentStatusBuilder.MAX_WARNINGS + 1, 20, "... and 2 more"),
        Arguments.of(100, 20, "... and 81 more"));
  }

  @ParameterizedTest(name = "{0} warnings: {1} shown, the last {2}")
  @MethodSource("warningCounts")
  void warningsAreCappedSoTheStatusStaysSmall(int count, int shown, String last) {
    List<String> warnings = IntStream.rangeClosed(1, count).mapToObj(i -> "w" + i).toList();
    EdgeDeploymentStatus status =
        DeploymentStatusBuilder.build(
            deployment(), report(Validity.valid(), 1, warnings), List.of(), T1);
    if (shown == 0) {
      assertThat(status.getWarnings()).isNull();
    } else {
      assertThat(status.getWarnings()).hasSize(shown).last().isEqualTo(last);
    }
  }

  @Test
  void theTransitionTimeIsKeptWhileTheStatusStaysAndMovesWhenItFlips() {
    EdgeDeployment deployment = deployment();
    EdgeDeploymentStatus first =
        DeploymentStatusBuilder.build(
            deployment, report(Validity.valid(), 3, List.of()), List.of(), T1);
    deployment.setStatus(first);

    EdgeDeploymentStatus same =
        DeploymentStatusBuilder.build(
            deployment, report(Validity.valid(), 3, List.of()), List.of(), T2);
    assertThat(same).as("the same inputs later: nothing to patch").isEqualTo(first);

    EdgeDeploymentStatus broken =
        DeploymentStatusBuilder.build(
            deployment, report(invalid(InvalidReason.InvalidSpec), 0, List.of()), List.of(), T2);
    assertThat(broken.getConditions())
        .extracting(Condition::getLastTransitionTime)
        .containsOnly(T2.toString());

    deployment.setStatus(broken);
    EdgeDeploymentStatus stillBroken =
        DeploymentStatusBuilder.build(
            deployment,
            report(invalid(InvalidReason.InvalidRoute), 0, List.of()),
            List.of(),
            T2.plusSeconds(600));
    Condition ready = Conditions.find(stillBroken.getConditions(), Conditions.READY);
    assertThat(ready.getReason()).isEqualTo("InvalidRoute");
    assertThat(ready.getLastTransitionTime()).as("still False").isEqualTo(T2.toString());
  }

  static Stream<Arguments> phases() {
    return Stream.of(
        Arguments.of(RolloutPhase.Progressing, null, true, "RolloutProgressing", "rolling out"),
        Arguments.of(RolloutPhase.Complete, null, true, "RolloutComplete", "every affected"),
        Arguments.of(RolloutPhase.Paused, null, false, "RolloutPaused", "paused"),
        Arguments.of(
            RolloutPhase.Halted,
            RolloutProgress.MAX_FAILURES_REACHED,
            false,
            "RolloutHalted",
            "failures reached spec.rollout.maxFailures"),
        Arguments.of(
            RolloutPhase.Halted,
            RolloutProgress.PROGRESS_DEADLINE_EXCEEDED,
            false,
            "RolloutHalted",
            "no progress within spec.rollout.progressDeadlineSeconds"));
  }

  private static RolloutProgress progress(RolloutPhase phase, String haltReason) {
    return new RolloutProgress(
        "base",
        "hash2",
        phase,
        10,
        4,
        3,
        1,
        6,
        0,
        T1,
        T1,
        phase == RolloutPhase.Halted ? T1 : null,
        haltReason,
        Map.of("hash1", 6L, "hash2", 4L),
        null);
  }

  private static DeploymentStatusBuilder.RolloutView view(RolloutProgress progress) {
    return new DeploymentStatusBuilder.RolloutView(
        "base-1",
        "base-2",
        List.of(
            new RevisionHistory.Revision("base-1", 1, "hash1"),
            new RevisionHistory.Revision("base-2", 2, "hash2")),
        progress);
  }

  private static EdgeDeploymentStatus built(Instant now) {
    return DeploymentStatusBuilder.build(
        deployment(), report(Validity.valid(), 10, List.of()), List.of(), now);
  }

  @ParameterizedTest(name = "{0} {1}: {3}")
  @MethodSource("phases")
  void eachRolloutPhaseGivesItsProgressingCondition(
      RolloutPhase phase, String haltReason, boolean ok, String reason, String message) {
    EdgeDeploymentStatus status =
        DeploymentStatusBuilder.withRollout(built(T1), view(progress(phase, haltReason)), 7L, T1);

    Condition progressing =
        Conditions.find(status.getConditions(), DeploymentStatusBuilder.PROGRESSING);
    assertThat(progressing.getStatus()).isEqualTo(ok ? "True" : "False");
    assertThat(progressing.getReason()).isEqualTo(reason);
    assertThat(progressing.getMessage()).contains(message, "4 of 10 affected devices admitted");
    assertThat(progressing.getObservedGeneration()).isEqualTo(7L);
    assertThat(status.getConditions())
        .extracting(Condition::getType)
        .containsExactly(
            DeploymentStatusBuilder.PROGRESSING, Conditions.READY, Conditions.TARGETS_DEVICES);
    assertThat(status.getCurrentRevision()).isEqualTo("base-1");
    assertThat(status.getUpdateRevision()).isEqualTo("base-2");
    assertThat(status.getRevisions())
        .extracting(r -> r.getName() + "=" + r.getDevices())
        .containsExactly("base-1=6", "base-2=4");
    assertThat(status.getRollout()).isNotNull();
  }

  @Test
  void withoutARolloutTheProgressingConditionGoesAndRevisionsStay() {
    EdgeDeploymentStatus rolling =
        DeploymentStatusBuilder.withRollout(
            built(T1), view(progress(RolloutPhase.Progressing, null)), 7L, T1);
    EdgeDeployment deployment = deployment();
    deployment.setStatus(rolling);
    EdgeDeploymentStatus next =
        DeploymentStatusBuilder.build(
            deployment, report(Validity.valid(), 10, List.of()), List.of(), T2);

    EdgeDeploymentStatus status = DeploymentStatusBuilder.withRollout(next, view(null), 7L, T2);

    assertThat(status.getConditions())
        .extracting(Condition::getType)
        .containsExactly(Conditions.READY, Conditions.TARGETS_DEVICES);
    assertThat(status.getRevisions())
        .extracting(r -> r.getName() + "=" + r.getDevices())
        .containsExactly("base-1=null", "base-2=null");
    assertThat(status.getRollout()).isNull();
    assertThat(DeploymentStatusBuilder.withRollout(built(T1), null, 7L, T1))
        .as("no view: the status as built")
        .isEqualTo(built(T1));
  }

  @Test
  void theProgressingTransitionTimeMovesOnlyWhenItsStatusFlips() {
    EdgeDeployment deployment = deployment();
    deployment.setStatus(
        DeploymentStatusBuilder.withRollout(
            built(T1), view(progress(RolloutPhase.Progressing, null)), 7L, T1));
    EdgeDeploymentStatus complete =
        DeploymentStatusBuilder.withRollout(
            DeploymentStatusBuilder.build(
                deployment, report(Validity.valid(), 10, List.of()), List.of(), T2),
            view(progress(RolloutPhase.Complete, null)),
            7L,
            T2);
    assertThat(
            Conditions.find(complete.getConditions(), DeploymentStatusBuilder.PROGRESSING)
                .getLastTransitionTime())
        .as("Progressing -> Complete: True both")
        .isEqualTo(T1.toString());

    deployment.setStatus(complete);
    EdgeDeploymentStatus halted =
        DeploymentStatusBuilder.withRollout(
            DeploymentStatusBuilder.build(
                deployment, report(Validity.valid(), 10, List.of()), List.of(), T2),
            view(progress(RolloutPhase.Halted, RolloutProgress.MAX_FAILURES_REACHED)),
            7L,
            T2);
    assertThat(
            Conditions.find(halted.getConditions(), DeploymentStatusBuilder.PROGRESSING)
                .getLastTransitionTime())
        .isEqualTo(T2.toString());
  }

  static Stream<Arguments> garbage() {
    return Stream.of(
        Arguments.of("a condition of an unknown type", condition("Approved", "True")),
        Arguments.of("a condition without a type", condition(null, "True")),
        Arguments.of("a Ready without a status", condition("Ready", null)),
        Arguments.of("a null condition", null));
  }

  private static Condition condition(String type, String status) {
    return new Condition(type, status, null, null, null, null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("garbage")
  void garbageInTheStatusIsReplacedWithoutAnException(String what, Condition garbage) {
    EdgeDeployment deployment = deployment();
    EdgeDeploymentStatus previous = new EdgeDeploymentStatus();
    previous.setConditions(new ArrayList<>(Arrays.asList(garbage)));
    deployment.setStatus(previous);

    EdgeDeploymentStatus status =
        DeploymentStatusBuilder.withRollout(
            DeploymentStatusBuilder.build(
                deployment, report(Validity.valid(), 3, List.of()), List.of(), T1),
            view(progress(RolloutPhase.Progressing, null)),
            7L,
            T1);

    assertThat(status.getConditions()).doesNotContainNull();
    assertThat(status.getConditions()).extracting(Condition::getType).doesNotContainNull();
    assertThat(Conditions.find(status.getConditions(), Conditions.READY).getLastTransitionTime())
        .isEqualTo(T1.toString());
    boolean someoneElses = garbage != null && Objects.equals(garbage.getType(), "Approved");
    assertThat(status.getConditions().stream().anyMatch(c -> "Approved".equals(c.getType())))
        .as("a condition someone else owns is kept")
        .isEqualTo(someoneElses);
    assertThat(Serialization.clone(status)).isEqualTo(status);
  }
}

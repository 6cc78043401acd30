package io.edgefleet.operator.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.Outcome;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.operator.fleet.DeviceInputs;
import io.edgefleet.operator.status.Conditions;
import io.edgefleet.testfixtures.Fixtures;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A device's status, one row per thing that can happen to it: every Ready and InSync reason, the
 * sync state and what the status says the device runs. Decisions come from the real engine.
 */
class DeviceStatusBuilderTest {

  private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-03-01T11:30:00Z");
  private static final String KEPT_VERSION = "0123456789abcdef";

  private static EdgeDeployment base() {
    return Fixtures.deployment("ns", "base").module("m", "img:1").build();
  }

  private static EdgeDeployment invalidBase() {
    return Fixtures.deployment("ns", "base").target("tags.room = ").module("m", "img:1").build();
  }

  private static EdgeDeployment parameterized() {
    EdgeDeployment deployment = base();
    deployment.getSpec().getModules().get("m").setEnv(Map.of("ROOM", "Room ${tags.floor}"));
    return deployment;
  }

  private static EdgeDevice device() {
    EdgeDevice device = Fixtures.device("ns", "d1", "room", "r1");
    device.getMetadata().setGeneration(3L);
    device.getMetadata().setUid("uid-d1");
    return device;
  }

  /** What the device had before (a configuration from deployment "base"). */
  private static CurrentConfiguration kept() {
    return new CurrentConfiguration(KEPT_VERSION, "base", List.of());
  }

  private static DeviceDecision decide(
      EdgeDevice device, CurrentConfiguration current, EdgeDeployment... deployments) {
    DeploymentSet set =
        DeploymentSet.prepare(Arrays.stream(deployments).map(DeploymentCatalog::source).toList());
    return set.decide(DeviceInputs.source(device, current));
  }

  /** The device's agent reports {@code version} with {@code code}. */
  private static EdgeDevice reporting(EdgeDevice device, String version, int code) {
    ObjectNode status = JsonNodeFactory.instance.objectNode().put("code", code);
    Map<String, JsonNode> reported = new HashMap<>();
    reported.put("lastDesiredVersion", JsonNodeFactory.instance.textNode(version));
    reported.put("lastDesiredStatus", status);
    if (device.getStatus() == null) {
      device.setStatus(new EdgeDeviceStatus());
    }
    device.getStatus().setReported(reported);
    return device;
  }

  /** The version the engine decides for the device with deployment "base" alone. */
  private static String decidedVersion() {
    return decide(device(), null, base()).desiredVersion();
  }

  private static ApplyResult written() {
    return new ApplyResult(ApplyResult.Kind.WRITTEN, "edgefleet-d1", null, null);
  }

  private static ApplyResult kept(String configMap) {
    return new ApplyResult(ApplyResult.Kind.KEPT, configMap, null, null);
  }

  private static ApplyResult refused(ApplyResult.Kind kind) {
    return new ApplyResult(kind, "edgefleet-d1", null, "what went wrong");
  }

  /**
   * One thing that can happen to a device.
   *
   * @param decide the decision for a fresh {@link #device()}
   * @param applied what writing its objects came to
   * @param base the base deployment the status names (what the device runs)
   */
  record Row(
      String name,
      Function<EdgeDevice, DeviceDecision> decide,
      ApplyResult applied,
      boolean ready,
      String readyReason,
      boolean inSync,
      String syncReason,
      String syncState,
      String base,
      boolean managed) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row(
            "written, no agent report yet",
            d -> decide(d, null, base()),
            written(),
            true,
            "ConfigurationCurrent",
            false,
            "AgentHasNotReported",
            "Pending",
            "base",
            true),
        new Row(
            "written, the agent reports it with 200",
            d -> decide(reporting(d, decidedVersion(), 200), null, base()),
            written(),
            true,
            "ConfigurationCurrent",
            true,
            "AgentReportsDesiredVersion",
            "InSync",
            "base",
            true),
        new Row(
            "written, the agent reports it with 500",
            d -> decide(reporting(d, decidedVersion(), 500), null, base()),
            written(),
            true,
            "ConfigurationCurrent",
            false,
            "AgentReportsFailure",
            "Failed",
            "base",
            true),
        new Row(
            "written, the agent still reports an older version",
            d -> decide(reporting(d, KEPT_VERSION, 200), kept(), base()),
            written(),
            true,
            "ConfigurationCurrent",
            false,
            "AgentReportsOlderVersion",
            "Pending",
            "base",
            true),
        new Row(
            "too large to write",
            d -> decide(d, null, base()),
            refused(ApplyResult.Kind.TOO_LARGE),
            false,
            "ConfigurationTooLarge",
            false,
            "ConfigurationTooLarge",
            "Failed",
            null,
            true),
        new Row(
            "a registry Secret missing (the device keeps what it runs)",
            d -> decide(d, kept(), base()),
            refused(ApplyResult.Kind.SECRET_MISSING),
            false,
            "RegistrySecretMissing",
            false,
            "RegistrySecretMissing",
            "Failed",
            "base",
            true),
        new Row(
            "a Secret not meant for registry credentials",
            d -> decide(d, null, base()),
            refused(ApplyResult.Kind.SECRET_REFUSED),
            false,
            "RegistrySecretRefused",
            false,
            "RegistrySecretRefused",
            "Failed",
            null,
            true),
        new Row(
            "the generated name is taken",
            d -> decide(d, null, base()),
            refused(ApplyResult.Kind.NAME_CONFLICT),
            false,
            "NameConflict",
            false,
            "NameConflict",
            "Failed",
            null,
            true),
        new Row(
            "no deployment and no configuration",
            d -> decide(d, null),
            kept(null),
            true,
            "NoDeployment",
            false,
            "NoDeployment",
            "NotManaged",
            null,
            false),
        new Row(
            "no deployment any more (keeps its configuration)",
            d -> decide(d, kept()),
            kept("edgefleet-d1"),
            true,
            "NotManaged",
            false,
            "NotManaged",
            "NotManaged",
            "base",
            false),
        new Row(
            "its deployment became invalid",
            d -> decide(d, kept(), invalidBase()),
            kept("edgefleet-d1"),
            false,
            DeviceAnnouncer.FROZEN,
            false,
            "FrozenByInvalidDeployment",
            "Frozen",
            "base",
            true),
        new Row(
            "waiting for a rollout",
            d -> decide(d, kept(), base()).waiting("base", 4L),
            kept("edgefleet-d1"),
            false,
            "WaitingForRollout",
            false,
            "WaitingForRollout",
            "Waiting",
            "base",
            true),
        new Row(
            "a placeholder without a value",
            d -> decide(d, kept(), parameterized()),
            kept("edgefleet-d1"),
            false,
            DeviceStatusBuilder.PARAMETER_UNRESOLVED,
            false,
            "ParameterUnresolved",
            "Failed",
            "base",
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void everyOutcomeGivesItsConditionsAndSyncState(Row row) {
    EdgeDevice device = device();
    DeviceDecision decision = row.decide().apply(device);

    EdgeDeviceStatus status = DeviceStatusBuilder.build(device, decision, row.applied(), T1);

    Condition ready = Conditions.find(status.getConditions(), Conditions.READY);
    assertThat(ready.getStatus()).as("Ready").isEqualTo(row.ready() ? "True" : "False");
    assertThat(ready.getReason()).as("Ready reason").isEqualTo(row.readyReason());
    assertThat(ready.getMessage()).as("Ready message").isNotBlank();
    Condition inSync = Conditions.find(status.getConditions(), Conditions.IN_SYNC);
    assertThat(inSync.getStatus()).as("InSync").isEqualTo(row.inSync() ? "True" : "False");
    assertThat(inSync.getReason()).as("InSync reason").isEqualTo(row.syncReason());
    assertThat(status.getSyncState()).isEqualTo(row.syncState());
    assertThat(status.getBaseDeployment()).as("base deployment").isEqualTo(row.base());
    assertThat(status.getManaged()).isEqualTo(row.managed());
    assertThat(status.getConditions())
        .extracting(Condition::getType)
        .as("exactly the conditions it owns, sorted")
        .containsExactly(Conditions.IN_SYNC, Conditions.READY);
    assertThat(status.getConditions())
        .allSatisfy(
            c -> {
              assertThat(c.getObservedGeneration()).isEqualTo(3L);
              assertThat(c.getLastTransitionTime()).isEqualTo(T1.toString());
            });
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(status.getReported()).as("reported is the agent's").isNull();
    assertThat(status.getConfigMapName()).isEqualTo(row.applied().configMapName());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void theSameInputsLaterGiveTheSameStatusSoNothingIsPatched(Row row) {
    EdgeDevice device = device();
    DeviceDecision decision = row.decide().apply(device);
    EdgeDeviceStatus first = DeviceStatusBuilder.build(device, decision, row.applied(), T1);

    EdgeDevice again = Serialization.clone(device);
    again.setStatus(withReported(first, device.getStatus()));
    EdgeDeviceStatus second =
        DeviceStatusBuilder.build(again, row.decide().apply(again), row.applied(), T2);

    assertThat(DeviceStatusBuilder.sameOwnedFields(again.getStatus(), second)).isTrue();
    assertThat(second.getConditions())
        .extracting(Condition::getLastTransitionTime)
        .containsOnly(T1.toString());
  }

  @Test
  void theTransitionTimeMovesWithTheClockOnlyForTheConditionThatFlips() {
    EdgeDevice device = device();
    EdgeDeviceStatus waiting =
        DeviceStatusBuilder.build(
            device, decide(device, null, base()), refused(ApplyResult.Kind.TOO_LARGE), T1);
    device.setStatus(waiting);

    EdgeDeviceStatus written =
        DeviceStatusBuilder.build(device, decide(device, null, base()), written(), T2);

    Condition ready = Conditions.find(written.getConditions(), Conditions.READY);
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getLastTransitionTime()).as("Ready flipped").isEqualTo(T2.toString());
    Condition inSync = Conditions.find(written.getConditions(), Conditions.IN_SYNC);
    assertThat(inSync.getReason()).isEqualTo("AgentHasNotReported");
    assertThat(inSync.getLastTransitionTime())
        .as("InSync stayed False (another reason)")
        .isEqualTo(T1.toString());
    assertThat(DeviceStatusBuilder.sameOwnedFields(waiting, written)).isFalse();
  }

  @Test
  void aNewGenerationIsObservedEvenWhenNothingElseChanges() {
    EdgeDevice device = device();
    EdgeDeviceStatus first =
        DeviceStatusBuilder.build(device, decide(device, null, base()), written(), T1);
    device.setStatus(first);
    device.getMetadata().setGeneration(4L);

    EdgeDeviceStatus second =
        DeviceStatusBuilder.build(device, decide(device, null, base()), written(), T2);

    assertThat(second.getObservedGeneration()).isEqualTo(4L);
    assertThat(second.getConditions())
        .extracting(Condition::getObservedGeneration)
        .containsOnly(4L);
    assertThat(second.getConditions())
        .extracting(Condition::getLastTransitionTime)
        .containsOnly(T1.toString());
    assertThat(DeviceStatusBuilder.sameOwnedFields(first, second)).isFalse();
  }

  @Test
  void whatTheAgentReportsIsNotTheOperatorsToCompare() {
    EdgeDevice device = device();
    EdgeDeviceStatus status =
        DeviceStatusBuilder.build(device, decide(device, null, base()), written(), T1);
    EdgeDeviceStatus withReport = Serialization.clone(status);
    withReport.setReported(Map.of("lastDesiredVersion", JsonNodeFactory.instance.textNode("x")));

    assertThat(DeviceStatusBuilder.sameOwnedFields(withReport, status)).isTrue();
    assertThat(DeviceStatusBuilder.sameOwnedFields(null, status)).isFalse();
    assertThat(DeviceStatusBuilder.sameOwnedFields(null, null)).isTrue();
    withReport.setDesiredVersion("forged");
    assertThat(DeviceStatusBuilder.sameOwnedFields(withReport, status)).isFalse();
  }

  /** Statuses someone else wrote, or an older operator, or a bad edit. */
  static Stream<Object[]> garbage() {
    return Stream.of(
        new Object[] {"a condition of an unknown type", condition("Calibrated", "True", "x")},
        new Object[] {"a condition without a type", condition(null, "True", "x")},
        new Object[] {"a Ready without status or time", condition("Ready", null, null)},
        new Object[] {"a Ready with status Unknown", condition("Ready", "Unknown", "x")},
        new Object[] {"a null condition", null});
  }

  private static Condition condition(String type, String status, String since) {
    return new Condition(type, status, null, null, since, null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("garbage")
  void garbageInTheStatusIsReplacedWithoutAnException(String what, Condition garbage) {
    EdgeDevice device = device();
    EdgeDeviceStatus previous = new EdgeDeviceStatus();
    List<Condition> conditions = new ArrayList<>();
    conditions.add(garbage);
    previous.setConditions(conditions);
    previous.setRollout(null);
    previous.setLayers(null);
    device.setStatus(previous);

    EdgeDeviceStatus status =
        DeviceStatusBuilder.build(device, decide(device, null, base()), written(), T1);
    EdgeDeviceStatus unreadable = DeviceStatusBuilder.unreadableSpec(device, "bad tags", T1);

    for (EdgeDeviceStatus built : List.of(status, unreadable)) {
      assertThat(built.getConditions()).doesNotContainNull();
      assertThat(built.getConditions()).extracting(Condition::getType).doesNotContainNull();
      Condition ready = Conditions.find(built.getConditions(), Conditions.READY);
      assertThat(ready.getLastTransitionTime()).isEqualTo(T1.toString());
    }
    if (garbage != null && "Calibrated".equals(garbage.getType())) {
      assertThat(status.getConditions())
          .as("a condition someone else owns is kept")
          .extracting(Condition::getType)
          .contains("Calibrated");
    }
    assertThatCode(() -> DeviceStatusBuilder.sameOwnedFields(previous, status))
        .doesNotThrowAnyException();
  }

  @Test
  void anUnreadableSpecKeepsTheOperatorsOtherFieldsAndSaysWhyInReady() {
    EdgeDevice device = device();
    EdgeDeviceStatus before =
        DeviceStatusBuilder.build(device, decide(device, null, base()), written(), T1);
    before.setReported(Map.of("lastDesiredVersion", JsonNodeFactory.instance.textNode("v")));
    device.setStatus(before);

    EdgeDeviceStatus status = DeviceStatusBuilder.unreadableSpec(device, "tags is a list", T2);

    Condition ready = Conditions.find(status.getConditions(), Conditions.READY);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("UnreadableSpec");
    assertThat(ready.getMessage()).contains("tags is a list", "keeps its configuration");
    assertThat(ready.getLastTransitionTime()).isEqualTo(T2.toString());
    assertThat(status.getBaseDeployment()).isEqualTo("base");
    assertThat(status.getDesiredVersion()).isEqualTo(before.getDesiredVersion());
    assertThat(status.getConfigMapName()).isEqualTo("edgefleet-d1");
    assertThat(status.getReported()).as("reported is the agent's").isNull();
    assertThat(Conditions.find(status.getConditions(), Conditions.IN_SYNC))
        .as("InSync kept as it was")
        .isEqualTo(Conditions.find(before.getConditions(), Conditions.IN_SYNC));
  }

  @Test
  void healthIsTrackedFromTheFirstSuccessAndKeptWhileTheVersionStays() {
    String version = decidedVersion();
    EdgeDevice device = reporting(device(), version, 200);
    EdgeDeviceStatus first =
        DeviceStatusBuilder.build(device, decide(device, null, base()), written(), T1, true);
    assertThat(first.getRollout().getHealthyVersion()).isEqualTo(version);
    assertThat(first.getRollout().getHealthySince()).isEqualTo(T1.toString());

    device.setStatus(withReported(first, device.getStatus()));
    EdgeDeviceStatus later =
        DeviceStatusBuilder.build(device, decide(device, null, base()), written(), T2, true);
    assertThat(later.getRollout().getHealthySince()).isEqualTo(T1.toString());

    EdgeDeviceStatus untracked =
        DeviceStatusBuilder.build(device, decide(device, null, base()), written(), T2, false);
    assertThat(untracked.getRollout()).isNull();
  }

  @Test
  void theDecisionsOutcomesAreAllCovered() {
    EdgeDevice device = device();
    assertThat(rows().map(r -> r.decide().apply(device).outcome()))
        .containsAll(Arrays.asList(Outcome.values()));
    assertThat(rows().map(r -> r.applied().kind()))
        .containsAll(
            Stream.of(ApplyResult.Kind.values())
                .filter(k -> k != ApplyResult.Kind.UNCHANGED)
                .toList());
  }

  private static EdgeDeviceStatus withReported(EdgeDeviceStatus status, EdgeDeviceStatus from) {
    EdgeDeviceStatus copy = Serialization.clone(status);
    copy.setReported(from == null ? null : from.getReported());
    return copy;
  }
}

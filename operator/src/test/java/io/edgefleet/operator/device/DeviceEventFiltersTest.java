package io.edgefleet.operator.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.testfixtures.Fixtures;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which changes are worth a reconcile, one row per kind of change. */
class DeviceEventFiltersTest {

  private static EdgeDevice device() {
    EdgeDevice device = Fixtures.device("ns", "d1", "environment", "prod");
    device.getMetadata().setGeneration(1L);
    device.getMetadata().setResourceVersion("10");
    EdgeDeviceStatus status = new EdgeDeviceStatus();
    status.setManaged(true);
    status.setBaseDeployment("base");
    status.setDesiredVersion("v1");
    status.setReported(Map.of("lastDesiredVersion", JsonNodeFactory.instance.textNode("v1")));
    device.setStatus(status);
    return device;
  }

  private static Arguments row(String change, Consumer<EdgeDevice> edit, boolean matters) {
    return Arguments.of(change, edit, matters);
  }

  static Stream<Arguments> deviceChanges() {
    return Stream.of(
        row("nothing (a resync)", d -> {}, false),
        row("a tag", d -> d.getSpec().getTags().put("environment", text("dev")), true),
        row("a new tag", d -> d.getSpec().getTags().put("room", text("2.01")), true),
        row(
            "the agent's reported properties",
            d ->
                d.getStatus()
                    .setReported(
                        Map.of("lastDesiredVersion", JsonNodeFactory.instance.textNode("v2"))),
            true),
        row("the generation", d -> d.getMetadata().setGeneration(2L), true),
        row(
            "deletion started",
            d -> d.getMetadata().setDeletionTimestamp("2026-12-02T00:00:00Z"),
            true),
        row("a label", d -> d.getMetadata().setLabels(Map.of("team", "a")), false),
        row("the resourceVersion alone", d -> d.getMetadata().setResourceVersion("11"), false));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("deviceChanges")
  void deviceChanges(String change, Consumer<EdgeDevice> edit, boolean matters) {
    EdgeDevice old = device();
    EdgeDevice changed = copy(old);
    edit.accept(changed);
    assertThat(DeviceEventFilters.deviceChangeMatters(changed, old)).as(change).isEqualTo(matters);
  }

  static Stream<Arguments> ownedStatusChanges() {
    return Stream.of(
        Arguments.of("the operator's own write", true, false),
        Arguments.of("someone else's write (a forged base)", false, true));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("ownedStatusChanges")
  void anOwnedStatusFieldChangedMattersOnlyWhenSomeoneElseChangedIt(
      String who, boolean operatorWroteIt, boolean matters) {
    EdgeDevice old = device();
    EdgeDevice changed = copy(old);
    changed.getStatus().setBaseDeployment("forged");
    changed.getMetadata().setResourceVersion("11");
    OwnStatusWrites own = new OwnStatusWrites();
    if (operatorWroteIt) {
      own.wrote(changed);
    }
    assertThat(DeviceEventFilters.deviceChangeMatters(changed, old, own))
        .as(who)
        .isEqualTo(matters);
  }

  static Stream<Arguments> deploymentChanges() {
    return Stream.of(
        Arguments.of("same generation (a status write)", 3L, 3L, false, false),
        Arguments.of("a new generation (a spec edit)", 4L, 3L, false, true),
        Arguments.of("no generation, same spec", null, null, false, false),
        Arguments.of("no generation, another spec", null, null, true, true));
  }

  @ParameterizedTest(name = "{0}: {4}")
  @MethodSource("deploymentChanges")
  void deploymentChanges(
      String change, Long newGeneration, Long oldGeneration, boolean specEdited, boolean matters) {
    EdgeDeployment old = Fixtures.deployment("ns", "base").module("a", "alpha:1").build();
    old.getMetadata().setGeneration(oldGeneration);
    EdgeDeployment changed =
        Fixtures.deployment("ns", "base").module("a", specEdited ? "alpha:2" : "alpha:1").build();
    changed.getMetadata().setGeneration(newGeneration);
    assertThat(DeviceEventFilters.deploymentChangeMatters(changed, old))
        .as(change)
        .isEqualTo(matters);
  }

  private static JsonNode text(String value) {
    return JsonNodeFactory.instance.textNode(value);
  }

  private static EdgeDevice copy(EdgeDevice device) {
    return Serialization.clone(device);
  }
}

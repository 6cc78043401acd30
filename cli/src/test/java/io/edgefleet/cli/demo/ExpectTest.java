package io.edgefleet.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the demo's checks read an agent's report, with and without {@code --fail-image}. */
class ExpectTest {

  private static final String FAILS = "module VibrationMonitor: contoso.azurecr.io/vibration:1.3";

  @Test
  void aFailureReportIsShownAsAFailureWithItsMessage() {
    List<String> unmet =
        Expect.of(empty(), fleet(device("d1", "v2", "v2", 500, "module filter failed", null)))
            .runs("d1", "prod-base")
            .unmet();
    assertThat(unmet)
        .containsExactly("device d1 reported 500 for version v2: module filter failed");
  }

  @Test
  void aDeviceThatHasNotReportedTheDesiredVersionIsStillPending() {
    List<String> unmet =
        Expect.of(empty(), fleet(device("d1", "v2", "v1", 500, "old failure", null)))
            .runs("d1", "prod-base")
            .unmet();
    assertThat(unmet).containsExactly("d1: its agent has not reported version v2 yet");
  }

  @Test
  void theFailureFailImageAsksForIsTheExpectedOutcome() {
    FleetSnapshot now = fleet(device("d1", "v2", "v2", 500, "module failed", FAILS));
    assertThat(Expect.of(empty(), now).runs("d1", "prod-base").unmet()).isEmpty();
    assertThat(Expect.of(empty(), now).noneHolds("broken:1", List.of("d1")).unmet()).isEmpty();
  }

  @Test
  void aDeviceThatSucceedsWhereFailImageAsksForAFailureIsNotAsExpected() {
    List<String> unmet =
        Expect.of(empty(), fleet(device("d1", "v2", "v2", 200, "applied", FAILS)))
            .runs("d1", "prod-base")
            .unmet();
    assertThat(unmet)
        .containsExactly("device d1 reported 200 for version v2, but should fail: " + FAILS);
  }

  private static FleetSnapshot.Device device(
      String name, String desired, String reported, int code, String message, String intended) {
    return new FleetSnapshot.Device(
        name,
        "prod-base",
        List.of(),
        true,
        "Ready",
        desired,
        reported,
        code,
        message,
        List.of("filter"),
        "1",
        null,
        intended);
  }

  private static FleetSnapshot fleet(FleetSnapshot.Device device) {
    return new FleetSnapshot(Map.of(device.name(), device), Map.of());
  }

  private static FleetSnapshot empty() {
    return new FleetSnapshot(Map.of(), Map.of());
  }
}

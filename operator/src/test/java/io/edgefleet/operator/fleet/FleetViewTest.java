package io.edgefleet.operator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeploymentTally;
import io.edgefleet.engine.resolve.DeviceState;
import io.edgefleet.testfixtures.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetViewTest {

  @Test
  void countsReadWhatADevicesStatusSaysItRuns() {
    var device = Fixtures.device("ns", "d1");
    EdgeDeviceStatus status = new EdgeDeviceStatus();
    status.setBaseDeployment("base");
    status.setLayers(List.of("layer"));
    status.setDesiredVersion("0123456789abcdef");
    device.setStatus(status);

    DeviceState state = FleetView.state(device);
    assertThat(state.applied()).containsExactly("base", "layer");
    assertThat(state.desiredVersion()).isEqualTo("0123456789abcdef");
    assertThat(state.device().current().includes("layer")).isTrue();

    // a condition on configurations.[[base]].status counts the device as when it was decided
    var follower =
        Fixtures.deployment("ns", "follower")
            .layered()
            .priority(50)
            .target("configurations.[[base]].status = 'Applied'")
            .build();
    DeploymentSet set = DeploymentSet.prepare(List.of(DeploymentCatalog.source(follower)));
    assertThat(DeploymentTally.count(set, List.of(state)).get("follower").targetedCount())
        .isEqualTo(1);
  }

  @Test
  void aDeviceWithoutABaseAppliesNothing() {
    var device = Fixtures.device("ns", "d1");
    DeviceState state = FleetView.state(device);
    assertThat(state.applied()).isEmpty();
    assertThat(state.device().current()).isNull();
  }
}

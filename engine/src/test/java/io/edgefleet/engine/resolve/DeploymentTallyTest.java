package io.edgefleet.engine.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one tally behind deployment counts: fed decisions or device states, it counts the same. */
class DeploymentTallyTest {

  private static final Scenario WARNINGS = Scenario.load("17-warnings-and-runtime.yaml");

  @Test
  void warningsComeFromTheConfigurationsTheDevicesRunNotFromEarlierMerges() {
    // a fresh set has merged nothing: the warnings must still be there
    DeploymentSet set = DeploymentSet.prepare(WARNINGS.deployments());
    DeviceState running =
        new DeviceState(WARNINGS.devices().get(0), List.of("base", "layer"), "0123456789abcdef");

    Map<String, DeploymentReport> reports = DeploymentTally.count(set, List.of(running));

    assertThat(reports.get("base").warnings())
        .containsExactly(
            "route toGhost sends messages into module ghost, which the configuration does not"
                + " contain");
    assertThat(reports.get("layer").warnings())
        .containsExactly("module extra sets startupOrder, which the base's schema 1.0 ignores");
  }

  @Test
  void aConfigurationNoDeviceRunsBringsNoWarnings() {
    DeploymentSet set = DeploymentSet.prepare(WARNINGS.deployments());
    // deciding merges base + layer, but no counted device runs it
    set.decide(WARNINGS.devices().get(0));
    DeviceState unmanaged = new DeviceState(WARNINGS.devices().get(0), List.of(), null);

    Map<String, DeploymentReport> reports = DeploymentTally.count(set, List.of(unmanaged));

    assertThat(reports.get("base").warnings()).isEmpty();
    assertThat(reports.get("layer").warnings()).isEmpty();
  }

  @Test
  void aConfigurationThatCannotBeMergedAnyMoreIsSkipped() {
    DeploymentSet set = DeploymentSet.prepare(WARNINGS.deployments());
    DeviceState stale =
        new DeviceState(WARNINGS.devices().get(0), List.of("base", "deleted"), "0123456789abcdef");

    Map<String, DeploymentReport> reports = DeploymentTally.count(set, List.of(stale));

    assertThat(reports.get("base").appliedCount()).isEqualTo(1);
    assertThat(reports.get("base").warnings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "11-invalid-freeze.yaml",
        "12-metrics-and-reported-counts.yaml",
        "15-configurations-status.yaml",
        "17-warnings-and-runtime.yaml"
      })
  void countingDecisionsAndCountingTheirStatesAgree(String file) {
    Scenario scenario = Scenario.load(file);
    NamespaceResolution first =
        NamespaceResolution.resolve("test", scenario.deployments(), scenario.devices());
    NamespaceResolution resolution =
        NamespaceResolution.resolve(
            "test", scenario.deployments(), Scenario.reportDecidedVersions(first));

    DeploymentSet fresh = DeploymentSet.prepare(scenario.deployments());
    Map<String, DeploymentReport> fromStates =
        DeploymentTally.count(
            fresh, resolution.decisions().stream().map(DeviceState::after).toList());

    assertThat(fromStates.values()).containsExactlyElementsOf(resolution.reports());
  }
}

package io.edgefleet.agent.support;

import io.edgefleet.agent.AgentOptions;
import io.edgefleet.agent.fleet.Distributions;
import io.edgefleet.agent.fleet.FleetSettings;
import io.edgefleet.agent.runtime.FailureInjection;
import io.edgefleet.agent.runtime.SimulationSettings;
import java.time.Duration;
import java.util.List;

/** Fleet settings for tests: quick modules, quick reports. */
public final class Fleets {

  private Fleets() {}

  public static FleetSettings settings(
      String namespace, int devices, String tags, String reported, FailureInjection failures) {
    return new FleetSettings(
        namespace,
        devices,
        false,
        "sim-",
        Distributions.parse(tags == null ? List.of() : List.of(tags)),
        Distributions.parse(reported == null ? List.of() : List.of(reported)),
        SimulationSettings.defaults(Duration.ofMillis(50)).withFailures(failures),
        AgentOptions.defaults().withModuleReportInterval(Duration.ofMillis(500)).quiet(),
        42,
        8);
  }
}

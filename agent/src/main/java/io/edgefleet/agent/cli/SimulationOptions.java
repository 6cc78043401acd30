package io.edgefleet.agent.cli;

import io.edgefleet.agent.runtime.FailureInjection;
import io.edgefleet.agent.runtime.SimulationSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options of the simulated module runtime, shared by {@code agent} and {@code simulate}. */
public final class SimulationOptions {

  @Option(
      names = "--start-time",
      converter = Durations.class,
      description = "How long a simulated module takes to start, e.g. 200ms.")
  Duration startTime;

  @Option(
      names = "--fail-image",
      paramLabel = "PATTERN",
      description =
          "Modules whose image matches this glob fail to start, e.g. '*/filter:2.*'"
              + " (repeatable).")
  List<String> failImages = List.of();

  @Option(
      names = "--fail-module",
      paramLabel = "NAME",
      description = "Modules of this name fail to start (repeatable).")
  List<String> failModules = List.of();

  @Option(
      names = "--failure-rate",
      paramLabel = "P",
      defaultValue = "0",
      description =
          "Probability (0 to 1) that a module image fails on a device, persistently (default"
              + " ${DEFAULT-VALUE}).")
  double failureRate;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of every random draw (default ${DEFAULT-VALUE}).")
  long seed;

  /** The simulation settings these options give, with {@code defaultStart} when not given. */
  SimulationSettings settings(Duration defaultStart) {
    return SimulationSettings.defaults(startTime == null ? defaultStart : startTime)
        .withFailures(new FailureInjection(Set.copyOf(failModules), failImages, failureRate));
  }
}

package io.edgefleet.agent.runtime;

import java.time.Duration;

/**
 * How {@link SimulatedModuleRuntime} behaves.
 *
 * @param startTime how long a module takes to start (or to fail)
 * @param failures which modules fail to start
 * @param backoff the first wait before a restart; it doubles with every restart
 * @param maxBackoff the longest wait before a restart
 * @param failureExitCode the exit code of a module that fails
 */
public record SimulationSettings(
    Duration startTime,
    FailureInjection failures,
    Duration backoff,
    Duration maxBackoff,
    int failureExitCode) {

  public SimulationSettings {
    if (startTime.isNegative() || backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
      throw new IllegalArgumentException(
          "start time and backoff must not be negative, and max backoff at least the backoff");
    }
  }

  /** Modules start in {@code startTime}; nothing fails; restarts back off from 1 s to 60 s. */
  public static SimulationSettings defaults(Duration startTime) {
    return new SimulationSettings(
        startTime, FailureInjection.none(), Duration.ofSeconds(1), Duration.ofSeconds(60), 1);
  }

  /** A copy with other failures. */
  public SimulationSettings withFailures(FailureInjection newFailures) {
    return new SimulationSettings(startTime, newFailures, backoff, maxBackoff, failureExitCode);
  }

  /** A copy with another backoff. */
  public SimulationSettings withBackoff(Duration first, Duration max) {
    return new SimulationSettings(startTime, failures, first, max, failureExitCode);
  }

  /** The wait before restart number {@code restarts + 1}. */
  public Duration backoffAfter(int restarts) {
    return new RestartRules(backoff, maxBackoff, maxBackoff).delay(restarts);
  }
}

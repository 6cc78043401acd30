package io.edgefleet.agent.runtime;

import io.edgefleet.api.v1alpha1.RestartPolicy;
import java.time.Duration;

/**
 * IoT Edge's restart policies and its backoff, done by the agent (not by the container engine): a
 * module that exits is restarted after a wait that doubles with every restart, from {@code first}
 * up to {@code max}; a module that stayed up at least {@code resetAfter} starts again from {@code
 * first}. Pure.
 *
 * @param first the wait before the first restart (IoT Edge: 10 s)
 * @param max the longest wait (IoT Edge: 5 min)
 * @param resetAfter how long a module must stay up for its restart count to start again at zero
 *     (IoT Edge: 10 min)
 */
public record RestartRules(Duration first, Duration max, Duration resetAfter) {

  public RestartRules {
    if (first.isNegative() || max.compareTo(first) < 0 || resetAfter.isNegative()) {
      throw new IllegalArgumentException(
          "backoff must not be negative, the longest wait at least the first, the reset time"
              + " not negative");
    }
  }

  /** IoT Edge's numbers: 10 s doubling up to 5 min, reset after 10 min up. */
  public static RestartRules iotEdge() {
    return new RestartRules(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10));
  }

  /** Whether a module that exited with {@code exitCode} is restarted under {@code policy}. */
  public static boolean restartsAfterExit(RestartPolicy policy, int exitCode) {
    return switch (policy) {
      case NEVER -> false;
      case ON_FAILURE, ON_UNHEALTHY -> exitCode != 0;
      case ALWAYS -> true;
    };
  }

  /**
   * Whether a running module whose health check says unhealthy is restarted under {@code policy}.
   */
  public static boolean restartsWhenUnhealthy(RestartPolicy policy) {
    return policy == RestartPolicy.ON_UNHEALTHY || policy == RestartPolicy.ALWAYS;
  }

  /** The wait before restart number {@code restarts + 1}. */
  public Duration delay(int restarts) {
    long millis = first.toMillis();
    for (int i = 0; i < restarts && millis < max.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }

  /**
   * The restart count to back off from after a run of {@code uptime} (null when unknown): zero once
   * the module stayed up long enough, else {@code restarts}.
   */
  public int backoffCountAfter(int restarts, Duration uptime) {
    return uptime != null && uptime.compareTo(resetAfter) >= 0 ? 0 : restarts;
  }
}

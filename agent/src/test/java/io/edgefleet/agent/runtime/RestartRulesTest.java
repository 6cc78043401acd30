package io.edgefleet.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.api.v1alpha1.RestartPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestartRulesTest {

  @ParameterizedTest(name = "{0} after exit code {1}: restart={2}")
  @CsvSource({
    "NEVER, 0, false",
    "NEVER, 1, false",
    "ON_FAILURE, 0, false",
    "ON_FAILURE, 137, true",
    "ON_UNHEALTHY, 0, false",
    "ON_UNHEALTHY, 2, true",
    "ALWAYS, 0, true",
    "ALWAYS, 1, true"
  })
  void restartsAfterAnExitAsIotEdgeDoes(RestartPolicy policy, int exitCode, boolean restarts) {
    assertThat(RestartRules.restartsAfterExit(policy, exitCode)).isEqualTo(restarts);
  }

  @ParameterizedTest(name = "{0} when unhealthy: restart={1}")
  @CsvSource({"NEVER, false", "ON_FAILURE, false", "ON_UNHEALTHY, true", "ALWAYS, true"})
  void restartsAnUnhealthyModuleUnderOnUnhealthyAndAlways(RestartPolicy policy, boolean restarts) {
    assertThat(RestartRules.restartsWhenUnhealthy(policy)).isEqualTo(restarts);
  }

  @ParameterizedTest(name = "restart {0} waits {1} s")
  @CsvSource({"0, 10", "1, 20", "2, 40", "3, 80", "4, 160", "5, 300", "6, 300", "40, 300"})
  void iotEdgeBackoffDoublesFromTenSecondsUpToFiveMinutes(int restarts, long seconds) {
    assertThat(RestartRules.iotEdge().delay(restarts)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void aModuleThatStayedUpTenMinutesBacksOffFromTheStartAgain() {
    RestartRules rules = RestartRules.iotEdge();
    assertThat(rules.backoffCountAfter(4, Duration.ofMinutes(9))).isEqualTo(4);
    assertThat(rules.backoffCountAfter(4, Duration.ofMinutes(10))).isZero();
    assertThat(rules.backoffCountAfter(4, null)).isEqualTo(4);
  }
}

package io.edgefleet.cli;

import static io.edgefleet.cli.demo.DemoRun.demo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The README's first command as a smoke test: the demo runs the whole system and every scenario
 * converges as expected (it exits 1 otherwise).
 */
class DemoTest {

  @Test
  void theWalkthroughConvergesOnEveryScenario() {
    StringBuilder output = new StringBuilder();
    int code = demo(output, "--examples", "../examples");
    assertThat(code).as(output.toString()).isZero();
    assertThat(output.toString())
        .contains("All 12 scenarios converged as expected")
        .contains("rolled back to the content of revision")
        .contains("prod-base is Ready=False, InvalidTargetCondition")
        .contains("not managed, ConfigMap untouched")
        .contains("frozen, ConfigMap untouched")
        .doesNotContain("NOT CONVERGED");
  }

  /**
   * {@code --fail-image} asks for failing devices: the demo shows each failure as a failure, with
   * the agent's message, says that it is the flag's expected outcome, and exits 0.
   */
  @Test
  void failImageShowsTheFailuresItAsksForAndExitsZero() {
    StringBuilder output = new StringBuilder();
    int code = demo(output, "--examples", "../examples", "--fail-image", "*/vibration-monitor:*");
    assertThat(code).as(output.toString()).isZero();
    assertThat(output.toString())
        .containsPattern(
            "FAILED, as --fail-image asks: device b40-f1-server reported 500 for version \\w+: .+")
        .containsPattern(
            "\\d device\\(s\\) failed, the expected outcome of --fail-image"
                + " \\*/vibration-monitor:\\*: b20-f1-lobby, b20-f2-conf-01, b21-f2-conf-01,"
                + " b40-f1-server")
        .doesNotContain("has not reported version")
        .doesNotContain("NOT CONVERGED")
        .doesNotContain("NOT AS EXPECTED");
  }
}

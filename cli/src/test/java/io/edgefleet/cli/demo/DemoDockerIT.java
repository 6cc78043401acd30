package io.edgefleet.cli.demo;

import static io.edgefleet.cli.demo.DemoRun.demo;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.agent.support.DockerTestEngine;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code edgefleet demo --runtime docker} (the README's command with real containers) on the
 * private engine {@code scripts/test} starts: every scenario converges, {@code docker ps} agrees
 * with each device's configuration after each step, and the demo leaves no container behind.
 */
class DemoDockerIT {

  private static final Pattern DOCKER_PS =
      Pattern.compile("docker ps: (\\d+) module containers running, as each device's");

  @Test
  void everyScenarioConvergesOnRealContainersAndNothingIsLeftRunning() {
    DockerTestEngine engine = DockerTestEngine.require();
    engine.removeContainers("io.edgefleet.namespace", Scenarios.NS);

    StringBuilder output = new StringBuilder();
    int code =
        demo(
            output,
            "--examples",
            "../examples",
            "--runtime",
            "docker",
            "--docker-host",
            engine.dockerHost(),
            "--port",
            "0");

    String text = output.toString();
    assertThat(code).as(text).isZero();
    assertThat(text)
        .contains("module images built offline")
        .contains("All 12 scenarios converged as expected")
        .doesNotContain("docker ps does not show")
        .doesNotContain("NOT CONVERGED")
        .doesNotContain("NOT AS EXPECTED");
    // the check runs after the start and after each scenario, and always finds containers
    Matcher checks = DOCKER_PS.matcher(text);
    int seen = 0;
    while (checks.find()) {
      seen++;
      assertThat(Integer.parseInt(checks.group(1))).as(checks.group()).isPositive();
    }
    assertThat(seen).as(text).isGreaterThanOrEqualTo(12);
    assertThat(text).containsPattern("removed the demo's [1-9]\\d* containers");
    assertThat(engine.containers("io.edgefleet.namespace", Scenarios.NS)).isEmpty();
  }
}

package io.edgefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.cli.demo.DemoCommand;
import io.edgefleet.operator.cli.CliErrors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's first command as a smoke test: the demo runs the whole system and every scenario
 * converges as expected (it exits 1 otherwise).
 */
class DemoTest {

  @Test
  void theWalkthroughConvergesOnEveryScenario() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          CliErrors.configure(new CommandLine(new DemoCommand()))
              .execute("--examples", "../examples");
    } finally {
      System.setOut(previous);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    System.out.println(output);
    assertThat(code).as(output).isZero();
    assertThat(output)
        .contains("All 12 scenarios converged as expected")
        .contains("rolled back to the content of revision")
        .contains("prod-base is Ready=False, InvalidTargetCondition")
        .contains("not managed, ConfigMap untouched")
        .contains("frozen, ConfigMap untouched")
        .doesNotContain("NOT CONVERGED");
  }
}

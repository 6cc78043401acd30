package io.edgefleet.cli.demo;

import io.edgefleet.operator.cli.CliErrors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs {@code edgefleet demo} in the test's JVM, as the command line would, capturing its output.
 */
public final class DemoRun {

  private DemoRun() {}

  /** Runs the demo with {@code args}; appends what it printed to {@code output} (and echoes it). */
  public static int demo(StringBuilder output, String... args) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = CliErrors.configure(new CommandLine(new DemoCommand())).execute(args);
    } finally {
      System.setOut(previous);
    }
    output.append(captured.toString(StandardCharsets.UTF_8));
    System.out.println(output);
    return code;
  }
}

package io.edgefleet.operator.cli;

import picocli.CommandLine;

/**
 * How every edgefleet command reports failure: usage errors exit 2 with the usage text; other
 * errors exit 2 with one line (no stack trace unless EDGEFLEET_DEBUG is set).
 */
public final class CliErrors {

  /** Exit code for usage and I/O errors. */
  public static final int USAGE = 2;

  private CliErrors() {}

  /** Applies EdgeFleet's error handling to {@code commandLine}. */
  public static CommandLine configure(CommandLine commandLine) {
    return commandLine
        .setExitCodeExceptionMapper(e -> USAGE)
        .setParameterExceptionHandler(
            (e, args) -> {
              var err = e.getCommandLine().getErr();
              err.println("edgefleet: " + e.getMessage());
              e.getCommandLine().usage(err);
              return USAGE;
            })
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr()
                  .println(
                      "edgefleet: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
              if (System.getenv("EDGEFLEET_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
              }
              return USAGE;
            });
  }
}

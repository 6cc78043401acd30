package io.edgefleet.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The operator image's entry point: {@code edgefleet-operator.jar operator} runs the controllers,
 * {@code resolve} previews decisions offline. The full {@code edgefleet} tool adds the agent, the
 * simulator and the demo.
 */
@Command(
    name = "edgefleet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {OperatorCommand.class, ResolveCommand.class},
    description = "EdgeFleet: IoT Edge automatic deployments at scale, on Kubernetes.")
public final class OperatorMain {

  OperatorMain() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(CliErrors.configure(new CommandLine(new OperatorMain())).execute(args));
  }
}

package io.edgefleet.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The operator image's entry point: {@code edgefleet-operator.jar operator} runs the controllers.
 * Every other command ({@code resolve}, the agent, the simulator, the demo) is in the {@code
 * edgefleet} tool (the {@code cli} module).
 */
@Command(
    name = "edgefleet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {OperatorCommand.class},
    description = "EdgeFleet: IoT Edge automatic deployments at scale, on Kubernetes.")
public final class OperatorMain {

  OperatorMain() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(CliErrors.configure(new CommandLine(new OperatorMain())).execute(args));
  }
}

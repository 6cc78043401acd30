package io.edgefleet.cli;

import io.edgefleet.agent.cli.AgentCommand;
import io.edgefleet.agent.cli.AgentRbacCommand;
import io.edgefleet.agent.cli.SimulateCommand;
import io.edgefleet.cli.azure.ExportCommand;
import io.edgefleet.cli.azure.ImportCommand;
import io.edgefleet.cli.demo.DemoCommand;
import io.edgefleet.cli.resolve.ResolveCommand;
import io.edgefleet.cli.rollout.RolloutCommand;
import io.edgefleet.operator.cli.CliErrors;
import io.edgefleet.operator.cli.OperatorCommand;
import io.edgefleet.operator.cli.VersionProvider;
import io.edgefleet.operator.config.SettingsParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edgefleet} tool: every command, run by the {@code ./edgefleet} launcher. */
@Command(
    name = "edgefleet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {
      DemoCommand.class,
      OperatorCommand.class,
      ResolveCommand.class,
      RolloutCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      SandboxCommand.class,
      AgentCommand.class,
      AgentRbacCommand.class,
      SimulateCommand.class
    },
    description = "EdgeFleet: IoT Edge automatic deployments at scale, on Kubernetes.")
public final class EdgeFleetCli {

  private EdgeFleetCli() {}

  /** The whole command line, with EdgeFleet's error handling. */
  public static CommandLine commandLine() {
    return CliErrors.configure(new CommandLine(new EdgeFleetCli()));
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    try {
      // logback has read them already: a bad value would silence or flood every command's log
      SettingsParser.checkLogging(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("edgefleet: " + e.getMessage());
      System.exit(CliErrors.USAGE);
    }
    System.exit(commandLine().execute(args));
  }
}

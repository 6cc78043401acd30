package io.edgefleet.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The device artifact's entry point ({@code agent/target/edgefleet-agent.jar}, the agent image):
 * {@code agent} runs a device's agent, {@code agent-rbac} prints what it may do. It holds no
 * operator, no embedded API server and no mock server (a build rule in {@code agent/pom.xml} keeps
 * them out); the full {@code edgefleet} tool has the same commands and more.
 */
@Command(
    name = "edgefleet-agent",
    mixinStandardHelpOptions = true,
    versionProvider = AgentMain.Version.class,
    subcommands = {AgentCommand.class, AgentRbacCommand.class},
    description = "The EdgeFleet device agent.")
public final class AgentMain {

  AgentMain() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "edgefleet-agent-logback.xml");
    }
    System.exit(new CommandLine(new AgentMain()).execute(args));
  }

  /** The jar's Implementation-Version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = AgentMain.class.getPackage().getImplementationVersion();
      return new String[] {"edgefleet-agent " + (version == null ? "(development)" : version)};
    }
  }
}

package io.edgefleet.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.agent.rbac.AgentRbac;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandsTest {

  private record Run(int code, String out, String err) {}

  private static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(command);
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(err));
    int code = line.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void agentRbacPrintsTheDevicesObjects() {
    Run run = run(new AgentRbacCommand(), "--device", "b20-f1-lobby", "--namespace", "campus");
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo(AgentRbac.yaml("campus", "b20-f1-lobby"));
    assertThat(run.out()).contains("edgefleet-b20-f1-lobby-registry");
  }

  @Test
  void agentRbacRefusesNamesKubernetesWouldRefuse() {
    Run run = run(new AgentRbacCommand(), "--device", "Lobby_1", "--namespace", "campus");
    assertThat(run.code()).isNotZero();
    assertThat(run.err()).contains("'Lobby_1' is not an EdgeDevice name");
  }

  @Test
  void simulateWantsDevicesOrExistingButNotBoth() {
    Run both = run(new SimulateCommand(), "--devices", "5", "--existing");
    assertThat(both.code()).isNotZero();
    assertThat(both.err()).contains("give either --devices N or --existing");
    Run neither = run(new SimulateCommand());
    assertThat(neither.code()).isNotZero();
  }

  @Test
  void agentRunsOnDockerByDefaultAndRefusesAnUnknownRuntime() {
    AgentCommand command = new AgentCommand();
    new CommandLine(command).parseArgs("--device", "d1");
    assertThat(command.runtime).isEqualTo(AgentCommand.RuntimeKind.docker);
    assertThat(command.stateDir).isEqualTo(java.nio.file.Path.of("/var/lib/edgefleet"));
    assertThat(command.runEdgeHub).isFalse();
    assertThat(command.dockerHost).isNull();
    Run bad = run(new AgentCommand(), "--device", "d1", "--runtime", "containerd");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("--runtime").contains("docker, simulated");
  }

  @Test
  void durationsReadAsOnTheOperatorsSettings() {
    assertThat(Durations.parse("200ms")).isEqualTo(Duration.ofMillis(200));
    assertThat(Durations.parse("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    Run bad = run(new AgentCommand(), "--device", "d1", "--start-time", "fast");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("'fast' is not a duration");
  }
}

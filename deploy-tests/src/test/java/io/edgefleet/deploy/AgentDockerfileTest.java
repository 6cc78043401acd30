package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent image's Dockerfile cannot be built here (its base images cannot be pulled), so this
 * checks its properties: it builds the agent module only, ships only the agent's jar, never runs as
 * root, and hands its arguments to {@code agent}.
 */
class AgentDockerfileTest {

  private static List<String> instructions() throws IOException {
    return Files.readAllLines(Repo.path("agent/Dockerfile")).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  @Test
  void buildsTheAgentModuleAndShipsOnlyItsJar() throws IOException {
    List<String> lines = instructions();
    assertThat(lines)
        .anyMatch(l -> l.startsWith("RUN mvn ") && l.contains("-pl agent -am package"));
    List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
    assertThat(froms).hasSize(2);
    List<String> runtime = lines.subList(lines.indexOf(froms.get(1)), lines.size());
    List<String> copies = runtime.stream().filter(l -> l.startsWith("COPY")).toList();
    assertThat(copies).hasSize(1);
    assertThat(copies.get(0))
        .startsWith("COPY --from=build /src/agent/target/edgefleet-agent.jar ")
        .doesNotContain("operator")
        .doesNotContain("cli/");
    String jar = copies.get(0).substring(copies.get(0).lastIndexOf(' ') + 1);
    assertThat(lines)
        .anyMatch(l -> l.startsWith("ENTRYPOINT [") && l.contains(jar) && l.contains("\"agent\""));
  }

  @Test
  void neverRunsAsRoot() throws IOException {
    List<String> lines = instructions();
    String user =
        lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
    String uid = user.substring("USER ".length()).split(":")[0];
    assertThat(uid).isNotIn("0", "root");
    assertThat(Integer.parseInt(uid)).isPositive();
    // the user comes after every RUN, so the entry point never runs as root
    assertThat(lines.lastIndexOf(user))
        .isGreaterThan(
            lines.stream()
                .filter(l -> l.startsWith("RUN "))
                .mapToInt(lines::lastIndexOf)
                .max()
                .orElse(-1));
  }
}

package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile cannot be built here (no container engine), so this checks that it agrees with the
 * contract and with the chart: the jar it copies, the user it runs as, its entry point and port.
 */
class DockerfileTest {

  private static List<String> instructions() throws IOException {
    return Files.readAllLines(Repo.path("Dockerfile")).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  @Test
  void buildsTheOperatorModuleAndCopiesOnlyItsJar() throws IOException {
    List<String> lines = instructions();
    assertThat(lines).contains("FROM maven:3.9-eclipse-temurin-17 AS build");
    assertThat(lines)
        .anyMatch(
            l -> l.startsWith("RUN mvn ") && l.contains("-pl operator -am package -DskipTests"));
    List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
    assertThat(froms).hasSize(2);
    assertThat(froms.get(1)).isEqualTo("FROM eclipse-temurin:17-jre");
    List<String> runtimeCopies =
        lines.subList(lines.indexOf(froms.get(1)), lines.size()).stream()
            .filter(l -> l.startsWith("COPY"))
            .toList();
    assertThat(runtimeCopies)
        .containsExactly(
            "COPY --from=build /src/operator/target/edgefleet-operator.jar /app/edgefleet-operator.jar");
    assertThat(lines)
        .contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/edgefleet-operator.jar\"]")
        .contains("CMD [\"operator\"]");
  }

  @Test
  void runsAsTheNonRootUserTheChartExpects() throws IOException {
    var values = Rendered.YAML.readTree(Files.readString(Repo.chart().resolve("values.yaml")));
    String uid = values.path("securityContext").path("runAsUser").asText();
    String gid = values.path("securityContext").path("runAsGroup").asText();
    assertThat(uid).isEqualTo("65532");
    List<String> lines = instructions();
    assertThat(lines).contains("USER " + uid + ":" + gid);
    assertThat(lines).contains("EXPOSE " + values.path("httpPort").asText());
    // the user is the last USER instruction, so the entry point never runs as root
    assertThat(lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b))
        .contains("USER " + uid + ":" + gid);
  }

  @Test
  void buildContextLeavesOutBuildOutputAndTools() throws IOException {
    assertThat(Files.readAllLines(Repo.path(".dockerignore")))
        .contains("**/target", ".tools", ".git");
  }
}

package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's Dockerfile cannot be built here (its base images need the network), so this checks
 * the properties it must have against the files they come from: the build's Java release, the jar
 * the operator module produces, the chart's user and port.
 */
class DockerfileTest {

  private static List<String> lines;
  private static List<String> runtimeStage;
  private static JsonNode values;

  @BeforeAll
  static void read() throws IOException {
    lines =
        Files.readAllLines(Repo.path("Dockerfile")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    int last = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("FROM ")) {
        last = i;
      }
    }
    runtimeStage = lines.subList(last, lines.size());
    values = Rendered.YAML.readTree(Files.readString(Repo.chart().resolve("values.yaml")));
  }

  @Test
  void buildAndRuntimeImagesUseTheJavaReleaseTheBuildCompilesFor() throws IOException {
    String release = pomProperty("maven.compiler.release");
    List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
    assertThat(froms).as("a build stage and a runtime stage").hasSize(2);
    assertThat(froms.get(0)).contains("temurin-" + release).endsWith(" AS build");
    assertThat(froms.get(1))
        .as("the runtime image is a JRE of the same release (no build tools)")
        .contains(":" + release + "-jre");
  }

  @Test
  void theRuntimeStageHoldsOnlyTheOperatorJarAndRunsIt() throws IOException {
    String jar = "edgefleet-operator.jar";
    assertThat(Files.readString(Repo.path("operator/pom.xml")))
        .as("the operator module builds the jar the image copies")
        .contains("<finalName>" + jar.replace(".jar", "") + "</finalName>");
    assertThat(lines)
        .as("the build stage packages the operator module without tests")
        .anyMatch(l -> l.startsWith("RUN mvn ") && l.contains("-pl operator -am package"));
    List<String> copies = runtimeStage.stream().filter(l -> l.startsWith("COPY")).toList();
    assertThat(copies).hasSize(1);
    Matcher copy =
        Pattern.compile("COPY --from=build \\S+/" + jar + " (\\S+)").matcher(copies.get(0));
    assertThat(copy.matches()).as(copies.get(0)).isTrue();
    String inImage = copy.group(1);
    assertThat(runtimeStage).contains("ENTRYPOINT [\"java\", \"-jar\", \"" + inImage + "\"]");
    assertThat(runtimeStage).contains("CMD [\"operator\"]");
  }

  @Test
  void runsAsTheNonRootUserTheChartExpectsAndExposesItsPort() {
    String uid = values.path("securityContext").path("runAsUser").asText();
    String gid = values.path("securityContext").path("runAsGroup").asText();
    List<String> users = runtimeStage.stream().filter(l -> l.startsWith("USER ")).toList();
    assertThat(users).as("the runtime stage sets its user").isNotEmpty();
    String user = users.get(users.size() - 1).substring("USER ".length());
    assertThat(user)
        .as("the last USER, so the entry point never runs as root")
        .isEqualTo(uid + ":" + gid);
    assertThat(Integer.parseInt(uid)).as("numeric and not root").isPositive();
    assertThat(runtimeStage).contains("EXPOSE " + values.path("httpPort").asText());
  }

  @Test
  void buildContextLeavesOutBuildOutputAndTools() throws IOException {
    assertThat(Files.readAllLines(Repo.path(".dockerignore")))
        .contains("**/target", ".tools", ".git");
  }

  private static String pomProperty(String name) throws IOException {
    Matcher m =
        Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</")
            .matcher(Files.readString(Repo.path("pom.xml")));
    assertThat(m.find()).as(name + " in pom.xml").isTrue();
    return m.group(1).strip();
  }
}

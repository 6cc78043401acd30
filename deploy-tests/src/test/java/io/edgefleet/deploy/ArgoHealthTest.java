package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The Argo CD health checks give the status and message their health_test.yaml expects. */
class ArgoHealthTest {

  @TestFactory
  Stream<DynamicTest> everyCaseOfEveryHealthTest() {
    return ArgoHealth.kindDirs().stream()
        .flatMap(dir -> ArgoHealth.cases(dir).stream())
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      ArgoHealth.Health health = ArgoHealth.evaluate(c);
                      assertThat(health.status()).as("status of " + c.name()).isEqualTo(c.status());
                      assertThat(health.message())
                          .as("message of " + c.name())
                          .isEqualTo(c.message());
                    }));
  }

  @Test
  void bothKindsHaveAHealthCheckInArgoCdsLayout() {
    assertThat(ArgoHealth.kindDirs())
        .extracting(dir -> ArgoHealth.ROOT.relativize(dir).toString())
        .containsExactly("edgefleet.io/EdgeDeployment", "edgefleet.io/EdgeDevice");
  }

  @Test
  void eachKindIsTestedInEveryHealthStatusWithAtLeast12CasesInAll() throws IOException {
    int total = 0;
    for (Path dir : ArgoHealth.kindDirs()) {
      List<ArgoHealth.Case> cases = ArgoHealth.cases(dir);
      total += cases.size();
      assertThat(cases)
          .extracting(ArgoHealth.Case::status)
          .contains("Healthy", "Progressing", "Degraded");
      assertThat(cases)
          .extracting(ArgoHealth.Case::status)
          .allMatch(s -> Set.of("Healthy", "Progressing", "Degraded", "Suspended").contains(s));
      Set<String> inputs = new TreeSet<>();
      for (ArgoHealth.Case c : cases) {
        assertThat(inputs.add(c.inputPath())).as("sample used twice: " + c.inputPath()).isTrue();
        assertThat(c.message()).as("expected message of " + c.name()).isNotBlank();
      }
      try (Stream<Path> samples = Files.list(dir.resolve("testdata"))) {
        Set<String> onDisk = new TreeSet<>();
        samples.forEach(p -> onDisk.add("testdata/" + p.getFileName()));
        assertThat(inputs).as("every sample under testdata/ is a test case").isEqualTo(onDisk);
      }
    }
    assertThat(total).isGreaterThanOrEqualTo(12);
  }

  @Test
  void samplesAreObjectsOfTheirKind() {
    for (Path dir : ArgoHealth.kindDirs()) {
      for (ArgoHealth.Case c : ArgoHealth.cases(dir)) {
        JsonNode sample = read(dir.resolve(c.inputPath()));
        assertThat(sample.path("apiVersion").asText())
            .as(c.name())
            .isEqualTo("edgefleet.io/v1alpha1");
        assertThat(sample.path("kind").asText())
            .as(c.name())
            .isEqualTo(dir.getFileName().toString());
      }
    }
  }

  @Test
  void luaLiteralKeepsStringsNumbersAndNesting() {
    ObjectNode object = Rendered.YAML.createObjectNode();
    object.put("quote", "a \"b\" \\ c\nd é 1");
    object.put("count", 3);
    object.put("ratio", 2.5);
    object.put("on", true);
    object.putNull("gone");
    object.putArray("list").add("x").add(7);
    object.putObject("nested").put("code", 406);
    String script =
        "local o = "
            + LuaLiteral.of(object)
            + "\nio.write(o.quote, '|', o.count + 1, '|', o.ratio, '|', tostring(o.on), '|',"
            + " tostring(o.gone), '|', #o.list, o.list[1], o.list[2], '|', o.nested.code)";
    Processes.Result result = Processes.run(List.of(Tools.lua(), "-"), Repo.root(), script);
    assertThat(result.succeeded()).as(result.describe()).isTrue();
    assertThat(result.stdout()).isEqualTo("a \"b\" \\ c\nd é 1|4|2.5|true|nil|2x7|406");
  }

  @Test
  void aScriptThatSetsAGlobalOrUsesIoFails() throws IOException {
    Path tmp = Files.createTempFile("health", ".lua");
    try {
      Files.writeString(tmp, "hs = {status = 'Healthy', message = 'x'}\nreturn hs\n");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> ArgoHealth.evaluate(tmp, Rendered.YAML.createObjectNode()))
          .hasMessageContaining("sets the global hs");
      Files.writeString(tmp, "io.write('x')\nreturn {status = 'Healthy', message = 'x'}\n");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> ArgoHealth.evaluate(tmp, Rendered.YAML.createObjectNode()))
          .hasMessageContaining("health.lua failed");
    } finally {
      Files.delete(tmp);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return Rendered.YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

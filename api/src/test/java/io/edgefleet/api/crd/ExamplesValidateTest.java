package io.edgefleet.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.validation.CrdValidator;
import io.edgefleet.validation.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every EdgeDevice and EdgeDeployment in {@code examples/} (any YAML file, any depth, any document
 * of a multi-document file) is accepted by the generated CRDs as a real API server would accept it,
 * with no field that strict field validation would reject.
 */
class ExamplesValidateTest {

  record Example(Path file, JsonNode object) {
    String label() {
      return file + " " + object.path("kind").asText() + "/" + object.at("/metadata/name").asText();
    }
  }

  @Test
  void everyExampleObjectIsValid() throws IOException {
    List<Example> examples = examples();
    assertThat(examples.stream().filter(e -> kind(e).equals("EdgeDevice")))
        .as("example devices")
        .hasSizeGreaterThanOrEqualTo(8);
    assertThat(examples.stream().filter(e -> kind(e).equals("EdgeDeployment")))
        .as("example deployments")
        .hasSizeGreaterThanOrEqualTo(4);
    for (Example e : examples) {
      CrdValidator validator = GeneratedCrds.forKind(kind(e));
      assertThat(validator.validate(e.object())).as(e.label()).isEmpty();
      assertThat(validator.unknownFields(e.object())).as(e.label() + " unknown fields").isEmpty();
    }
  }

  private static String kind(Example e) {
    return e.object().path("kind").asText();
  }

  private static List<Example> examples() throws IOException {
    List<Example> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(GeneratedCrds.examplesDir())) {
      for (Path f : files.filter(ExamplesValidateTest::isYaml).sorted().toList()) {
        for (JsonNode doc : Json.readAll(Files.readString(f))) {
          if (GeneratedCrds.forKind(doc.path("kind").asText()) != null) {
            out.add(new Example(f, doc));
          }
        }
      }
    }
    return out;
  }

  private static boolean isYaml(Path p) {
    String n = p.getFileName().toString();
    return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
  }
}

package io.edgefleet.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CRDs committed in {@code crds/} must be exactly what the build generates from the types. */
class CrdDriftTest {

  private static final String FIX =
      "the committed CRDs are stale: run scripts/update-crds and commit";

  static Path generatedDir() {
    return Paths.get("target", "classes", "META-INF", "edgefleet", "crds");
  }

  static Path committedDir() {
    return Paths.get("..", "crds");
  }

  @Test
  void committedCrdsHaveTheSameFilesAsTheGeneratedOnes() throws IOException {
    assertThat(names(committedDir())).as(FIX).isEqualTo(names(generatedDir())).hasSize(2);
  }

  @Test
  void committedCrdsHaveTheGeneratedContent() throws IOException {
    for (String name : names(generatedDir())) {
      assertThat(Files.readString(committedDir().resolve(name)))
          .as(FIX + " (" + name + ")")
          .isEqualTo(Files.readString(generatedDir().resolve(name)));
    }
  }

  @Test
  void theCrdReferenceInTheDocsIsCurrent() throws IOException {
    assertThat(Files.readString(Paths.get("..", "docs", "crd-reference.md")))
        .as("docs/crd-reference.md is stale: run scripts/update-crds and commit")
        .isEqualTo(
            Files.readString(
                Paths.get("target", "classes", "META-INF", "edgefleet", "crd-reference.md")));
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yml"))
          .sorted()
          .toList();
    }
  }
}

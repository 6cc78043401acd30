package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart ships the CRDs of crds/, byte for byte (scripts/update-crds copies them). */
class ChartCrdsTest {

  private static final String FIX =
      "the chart's CRDs differ from crds/: run scripts/update-crds and commit";

  @Test
  void chartCrdsAreByteIdenticalToTheRepositoryCrds() throws IOException {
    Path source = Repo.path("crds");
    Path chart = Repo.chart().resolve("crds");
    List<String> names = names(source);
    assertThat(names).as("CRDs in crds/").hasSize(2);
    assertThat(names(chart)).as(FIX).isEqualTo(names);
    for (String name : names) {
      assertThat(Files.readAllBytes(chart.resolve(name)))
          .as(FIX + " (" + name + ")")
          .isEqualTo(Files.readAllBytes(source.resolve(name)));
    }
  }

  @Test
  void helmTemplateDoesNotRenderTheCrds() {
    // Helm installs crds/ once and never upgrades them; they must not be templates as well.
    assertThat(Helm.render().kinds()).doesNotContain("CustomResourceDefinition");
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

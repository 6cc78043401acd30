package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * helm lint --strict passes, without a warning, for the default values and every sample values
 * file.
 */
class HelmLintTest {

  private static final String DEFAULTS = "default values";

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        DEFAULTS,
        "namespaced.yaml",
        "replicas-3.yaml",
        "service-monitor.yaml",
        "extra-env.yaml",
        "custom-security-context.yaml",
        "everything.yaml"
      })
  void lintsCleanly(String valuesFile) {
    List<Path> files =
        valuesFile.equals(DEFAULTS) ? List.of() : List.of(Repo.valuesFile(valuesFile));

    Processes.Result result = Helm.lint(files);

    String output = result.stdout() + result.stderr();
    assertThat(result.succeeded()).as(result.describe()).isTrue();
    assertThat(output).as(result.describe()).contains("1 chart(s) linted, 0 chart(s) failed");
    assertThat(output).as(result.describe()).doesNotContain("[WARNING]").doesNotContain("[ERROR]");
  }
}

package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The Argo CD examples users copy: the argocd-cm health snippet and the Application. */
class ArgoExamplesTest {

  private static final String REGENERATE =
      "examples/argocd/argocd-cm-health.yaml is stale: run scripts/update-argocd-health and commit";

  @Test
  void argocdCmSnippetInlinesExactlyTheTestedHealthScripts() throws IOException {
    JsonNode configMap = read("examples/argocd/argocd-cm-health.yaml");
    assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(configMap.path("metadata").path("name").asText()).isEqualTo("argocd-cm");

    Map<String, String> expected = new TreeMap<>();
    for (Path dir : ArgoHealth.kindDirs()) {
      String key =
          "resource.customizations.health."
              + dir.getParent().getFileName()
              + "_"
              + dir.getFileName();
      expected.put(key, Files.readString(dir.resolve("health.lua")));
    }
    Map<String, String> actual = new TreeMap<>();
    configMap
        .path("data")
        .properties()
        .iterator()
        .forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asText()));

    assertThat(actual.keySet())
        .as(REGENERATE)
        .containsExactly(
            "resource.customizations.health.edgefleet.io_EdgeDeployment",
            "resource.customizations.health.edgefleet.io_EdgeDevice");
    assertThat(actual).as(REGENERATE).isEqualTo(expected);
  }

  @Test
  void applicationSyncsExamplesIntoCampusAutomatically() throws IOException {
    JsonNode app = read("examples/argocd/application.yaml");
    assertThat(app.path("apiVersion").asText()).isEqualTo("argoproj.io/v1alpha1");
    assertThat(app.path("kind").asText()).isEqualTo("Application");
    JsonNode spec = app.path("spec");
    assertThat(spec.path("source").path("path").asText()).isEqualTo("examples");
    assertThat(spec.path("source").path("directory").path("recurse").asBoolean(true))
        .as("examples/argocd must not be synced into the namespace")
        .isFalse();
    assertThat(spec.path("destination").path("namespace").asText()).isEqualTo("campus");
    assertThat(spec.path("syncPolicy").path("automated").isObject()).isTrue();
    assertThat(app.path("metadata").path("finalizers").isMissingNode())
        .as("deleting the Application must not cascade to the fleet")
        .isTrue();
    assertThat(spec.path("ignoreDifferences").findValuesAsText("kind"))
        .containsExactlyInAnyOrder("EdgeDeployment", "EdgeDevice");
  }

  private static JsonNode read(String path) throws IOException {
    return Rendered.YAML.readTree(Files.readString(Repo.path(path)));
  }
}

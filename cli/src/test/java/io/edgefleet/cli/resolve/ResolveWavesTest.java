package io.edgefleet.cli.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.cli.EdgeFleetCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code edgefleet resolve} on a change gated by a rollout: which devices move in which wave, for
 * devices whose current configuration (their generated ConfigMap) is among the files.
 */
class ResolveWavesTest {

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    PrintStream previous = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = EdgeFleetCli.commandLine();
      cli.setErr(new PrintWriter(err, true));
      int code = cli.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(previous);
    }
  }

  /** Five devices that run an older configuration of prod-base, one of them in the canary ring. */
  private Path fleet(String rollout) throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append(
        "apiVersion: edgefleet.io/v1alpha1\n"
            + "kind: EdgeDeployment\n"
            + "metadata: {name: prod-base, namespace: campus}\n"
            + "spec:\n"
            + "  priority: 10\n"
            + "  targetCondition: \"tags.env='prod'\"\n"
            + "  modules: {filter: {image: 'contoso.azurecr.io/filter:1.1'}}\n"
            + rollout);
    for (int i = 1; i <= 5; i++) {
      String name = "dev-" + i;
      yaml.append("---\n")
          .append("apiVersion: edgefleet.io/v1alpha1\nkind: EdgeDevice\n")
          .append("metadata: {name: ")
          .append(name)
          .append(", namespace: campus}\n")
          .append("spec: {tags: {env: prod")
          .append(i == 4 ? ", ring: canary" : "")
          .append("}}\n---\n")
          .append(configMap(name, "000000000000000" + i));
    }
    Path file = dir.resolve("fleet.yaml");
    Files.writeString(file, yaml.toString());
    return file;
  }

  /** A ConfigMap as the operator writes it: provenance annotations its content hash covers. */
  private static String configMap(String device, String version) {
    Map<String, String> data = Map.of(GeneratedObjects.MANIFEST_KEY, "{}");
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(GeneratedObjects.DESIRED_VERSION_ANNOTATION, version);
    annotations.put(GeneratedObjects.BASE_ANNOTATION, "prod-base");
    annotations.put(GeneratedObjects.LAYERS_ANNOTATION, "");
    annotations.put(
        GeneratedObjects.CONTENT_HASH_ANNOTATION,
        GeneratedObjects.configurationHash(data, annotations));
    StringBuilder yaml =
        new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: edgefleet-")
            .append(device)
            .append("\n  namespace: campus\n  annotations:\n");
    annotations.forEach(
        (k, v) -> yaml.append("    ").append(k).append(": '").append(v).append("'\n"));
    return yaml.append("  ownerReferences:\n")
        .append("  - {apiVersion: edgefleet.io/v1alpha1, kind: EdgeDevice, name: ")
        .append(device)
        .append(", uid: u-")
        .append(device)
        .append("}\ndata:\n  manifest.json: '{}'\n")
        .toString();
  }

  @Test
  void theTableShowsEachDevicesWaveAndTheCanaryFirst() throws IOException {
    Path file =
        fleet(
            "  rollout:\n"
                + "    maxConcurrency: 2\n"
                + "    groups: [{name: canary, targetCondition: \"tags.ring='canary'\"}]\n");
    Run run = run("resolve", file.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Rollouts (each wave once the earlier ones are healthy):")
        .contains("campus/prod-base: 5 devices change, in 3 waves of up to 2")
        .containsPattern("campus +dev-4 +prod-base +1 +now +canary")
        .containsPattern("DEVICE +DEPLOYMENT +WAVE +PLACE +GROUP");
    long third =
        run.out().lines().filter(l -> l.matches("campus +dev-\\d +prod-base +3 .*")).count();
    assertThat(third).isEqualTo(1);
  }

  @Test
  void theJsonGivesEachDeviceItsWaveAndEachDeploymentItsRollout() throws IOException {
    Run run =
        run(
            "resolve",
            "-o",
            "json",
            fleet("  rollout: {maxConcurrency: 1, paused: true}\n").toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    JsonNode rollout = json.get("deployments").get(0).get("rollout");
    assertThat(rollout.get("affected").asLong()).isEqualTo(5);
    assertThat(rollout.get("waves").asInt()).isEqualTo(5);
    assertThat(rollout.get("phase").asText()).isEqualTo("Paused");
    for (JsonNode device : json.get("devices")) {
      JsonNode place = device.get("rollout").get(0);
      assertThat(place.get("deployment").asText()).isEqualTo("prod-base");
      assertThat(place.get("wave").asInt()).isEqualTo(place.get("placeInLine").asInt());
    }
  }

  @Test
  void withoutARolloutNoWavesAreShown() throws IOException {
    Run run = run("resolve", fleet("").toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("Rollouts");
  }
}

package io.edgefleet.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.operator.config.ConsoleSettings;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code demo --serve} serves the campus as examples/ has it: after the walkthrough (which edits
 * deployments and a device, deletes one deployment and creates another) and the restore, the spec
 * of every EdgeDeployment and EdgeDevice the server holds is the one of its file, and no other is
 * left.
 */
class CampusRestoreTest {

  private static final Path EXAMPLES = Path.of("../examples");

  @Test
  void afterTheWalkthroughTheServedCampusIsTheExamplesAgain() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (Walkthrough walkthrough =
        new Walkthrough(
            EXAMPLES,
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            Duration.ofSeconds(60),
            List.of(),
            null,
            ConsoleSettings.off())) {
      int failures = walkthrough.run(0);
      System.out.println(text(printed));
      assertThat(failures).as(text(printed)).isZero();
      KubernetesClient client = walkthrough.server().client();
      // the walkthrough left the campus changed
      assertThat(specs(client, "EdgeDeployment")).isNotEqualTo(files("EdgeDeployment"));
      assertThat(specs(client, "EdgeDevice")).isNotEqualTo(files("EdgeDevice"));

      int restoreFailures = walkthrough.restore();
      System.out.println(text(printed));
      assertThat(restoreFailures).as(text(printed)).isZero();

      for (String kind : CampusRestore.KINDS) {
        Map<String, JsonNode> served = specs(client, kind);
        Map<String, JsonNode> files = files(kind);
        assertThat(served.keySet()).as(kind).isEqualTo(files.keySet());
        files.forEach(
            (name, spec) -> assertThat(served.get(name)).as(kind + " " + name).isEqualTo(spec));
      }
      assertThat(text(printed))
          .containsPattern(
              "the campus is back to \\.\\./examples \\(spec put back on edgedeployment/"
                  + ".*created again edgedeployment/test-base; deleted"
                  + " edgedeployment/decommission-b40 \\(not in the examples\\)\\); not restored:"
                  + " b40-spare-01 keeps the configuration of decommission-b40 \\(no deployment"
                  + " targets it: the sticky rule\\), the revision history and Events")
          .contains("edgedeployment/prod-base")
          .contains("edgedeployment/lobby-signage")
          .contains("edgedevice/b20-f2-conf-01")
          // what the walkthrough never changed is not written
          .doesNotContain("edgedeployment/b20-sensor-tuning")
          .doesNotContain("edgedevice/b20-f1-lobby");
    }
  }

  private static Map<String, JsonNode> specs(KubernetesClient client, String kind) {
    Map<String, JsonNode> specs = new TreeMap<>();
    for (GenericKubernetesResource r :
        client
            .genericKubernetesResources(CampusRestore.API_VERSION, kind)
            .inNamespace(Scenarios.NS)
            .list()
            .getItems()) {
      specs.put(
          r.getMetadata().getName(),
          client.getKubernetesSerialization().convertValue(r, JsonNode.class).path("spec"));
    }
    return specs;
  }

  private static Map<String, JsonNode> files(String kind) {
    Map<String, JsonNode> specs = new TreeMap<>();
    Map<String, ObjectNode> documents =
        CampusRestore.read(
                List.of(EXAMPLES.resolve("devices.yaml"), EXAMPLES.resolve("deployments")),
                Scenarios.NS)
            .get(kind);
    documents.forEach(
        (name, document) -> {
          ObjectNode spec = document.path("spec").deepCopy();
          if (kind.equals("EdgeDeployment") && !spec.has("layered")) {
            spec.put("layered", false); // the CRD's default, which the API server fills in
          }
          specs.put(name, spec);
        });
    return specs;
  }

  private static String text(ByteArrayOutputStream printed) {
    return printed.toString(StandardCharsets.UTF_8);
  }
}

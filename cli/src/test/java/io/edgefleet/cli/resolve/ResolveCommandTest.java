package io.edgefleet.cli.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.cli.EdgeFleetCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code edgefleet resolve}: its outputs, its exit codes and its error messages. */
class ResolveCommandTest {

  private static final Path EXAMPLES = Paths.get("..", "examples");

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

  @Test
  void theExamplesResolveAsTheirReadmeSays() throws IOException {
    Run run = run("resolve", "-o", "json", EXAMPLES.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("devices")).hasSize(10);
    JsonNode conf = device(json, "b20-f2-conf-01");
    assertThat(conf.get("base").asText()).isEqualTo("prod-base");
    assertThat(conf.get("layers").toString())
        .isEqualTo("[\"conference-displays\",\"model-4000x-vibration\",\"b20-sensor-tuning\"]");
    assertThat(conf.get("desiredVersion").asText()).matches("[0-9a-f]{16}");
    assertThat(
            conf.at("/configuration/modulesContent/$edgeAgent/properties.desired/modules")
                .has("RoomDisplay"))
        .isTrue();
    assertThat(conf.at("/provenance/modules/RoomDisplay").asText())
        .isEqualTo("conference-displays");
    assertThat(conf.get("considered")).isNotEmpty();
    JsonNode spare = device(json, "b40-spare-01");
    assertThat(spare.get("base").isNull()).isTrue();
    assertThat(spare.get("layers")).isEmpty();
    assertThat(spare.get("managed").asBoolean()).isFalse();
    JsonNode prod = deployment(json, "prod-base");
    assertThat(prod.get("valid").asBoolean()).isTrue();
    assertThat(prod.get("error").isNull()).isTrue();
    assertThat(prod.get("targetedCount").asLong()).isEqualTo(7);
    assertThat(prod.get("appliedCount").asLong()).isEqualTo(6);
    assertThat(prod.get("metrics").size()).isPositive();
  }

  @Test
  void theTableNamesEveryDeviceAndDeployment() {
    Run run = run("resolve", EXAMPLES.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains(
            "DEPLOYMENT", "prod-base", "lobby-signage", "DEVICE", "b40-spare-01", "RoomDisplay");
  }

  @Test
  void deviceFilterShowsOneDevice() throws IOException {
    Run run = run("resolve", "-o", "json", "--device", "b21-f1-lab", EXAMPLES.toString());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("devices")).hasSize(1);
    assertThat(json.get("deployments")).hasSize(6);
  }

  @Test
  void anInvalidDeploymentExitsOneWithTheReasonAndColumn() throws IOException {
    Files.writeString(
        dir.resolve("bad.yaml"),
        """
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDeployment
        metadata: {name: broken, namespace: ns}
        spec:
          priority: 1
          targetCondition: "tags.environment = "
        ---
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDevice
        metadata: {name: d1, namespace: ns}
        spec: {tags: {environment: prod}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: ignored}
        """);
    Run run = run("resolve", dir.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("InvalidTargetCondition", "column");
  }

  @Test
  void brokenYamlAndMissingFilesExitTwoWithWhereAndWhat() throws IOException {
    Files.writeString(dir.resolve("broken.yaml"), "kind: EdgeDevice\n  bad: [indent\n");
    Run broken = run("resolve", dir.toString());
    assertThat(broken.code()).isEqualTo(2);
    assertThat(broken.err()).contains("broken.yaml");

    Run missing = run("resolve", dir.resolve("nope").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file or directory");

    Run usage = run("resolve", "-o", "xml", EXAMPLES.toString());
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err()).contains("--output must be table or json");
  }

  @Test
  void malformedObjectsAndDuplicatesAreNamed() throws IOException {
    Files.writeString(
        dir.resolve("devices.yaml"),
        """
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDevice
        metadata: {name: d1}
        spec: {tags: "not an object"}
        """);
    Run malformed = run("resolve", dir.toString());
    assertThat(malformed.code()).isEqualTo(2);
    assertThat(malformed.err()).contains("devices.yaml", "EdgeDevice d1 is malformed", "spec.tags");

    Files.writeString(
        dir.resolve("devices.yaml"),
        """
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDevice
        metadata: {name: d1}
        ---
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDevice
        metadata: {name: d1}
        """);
    Run duplicate = run("resolve", dir.toString());
    assertThat(duplicate.code()).isEqualTo(2);
    assertThat(duplicate.err()).contains("is also defined in");
  }

  @Test
  void generatedConfigMapsAreTheDevicesCurrentConfiguration() throws IOException {
    Files.writeString(
        dir.resolve("objects.yaml"),
        """
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDevice
        metadata: {name: d1, namespace: ns}
        spec: {tags: {environment: retired}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: edgefleet-d1
          namespace: ns
          annotations:
            edgefleet.io/desired-version: 0123456789abcdef
            edgefleet.io/base-deployment: old
          ownerReferences: [{apiVersion: edgefleet.io/v1alpha1, kind: EdgeDevice, name: d1, uid: u1}]
        data:
          manifest.json: '{"modulesContent":{}}'
        """);
    Run run = run("resolve", "-o", "json", dir.toString());
    JsonNode d1 = device(new ObjectMapper().readTree(run.out()), "d1");
    assertThat(d1.get("outcome").asText()).isEqualTo("KEEP_UNMANAGED");
    assertThat(d1.get("desiredVersion").asText()).isEqualTo("0123456789abcdef");
    assertThat(d1.get("configuration").toString()).isEqualTo("{\"modulesContent\":{}}");
  }

  private static JsonNode device(JsonNode json, String name) {
    for (JsonNode device : json.get("devices")) {
      if (device.get("name").asText().equals(name)) {
        return device;
      }
    }
    throw new AssertionError("no device " + name);
  }

  private static JsonNode deployment(JsonNode json, String name) {
    for (JsonNode deployment : json.get("deployments")) {
      if (deployment.get("name").asText().equals(name)) {
        return deployment;
      }
    }
    throw new AssertionError("no deployment " + name);
  }
}

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
import java.util.regex.Pattern;
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
  void theTableForOneDeviceGivesTheReasonsJsonGives() throws IOException {
    JsonNode json =
        new ObjectMapper()
            .readTree(
                run("resolve", "-o", "json", "--device", "b21-f1-lab", EXAMPLES.toString()).out());
    JsonNode considered = json.get("devices").get(0).get("considered");
    assertThat(considered).isNotEmpty();
    String table = run("resolve", "--device", "b21-f1-lab", EXAMPLES.toString()).out();
    assertThat(table).contains("gets this configuration:", "REASON");
    for (JsonNode c : considered) {
      assertThat(table)
          .as("the line of %s", c.get("deployment").asText())
          .containsPattern(
              "(?m)^"
                  + c.get("deployment").asText()
                  + " .*"
                  + Pattern.quote(c.get("reason").asText())
                  + "$");
    }
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
  void perDeviceParametersShowTheirValuesAndWhereTheyCameFrom() throws IOException {
    Run run = run("resolve", "-o", "json", "--device", "b20-f2-conf-01", EXAMPLES.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode device = new ObjectMapper().readTree(run.out()).get("devices").get(0);
    assertThat(
            device
                .at("/configuration/modulesContent/RoomDisplay/properties.desired/displayName")
                .textValue())
        .isEqualTo("Room 2.01");
    JsonNode used = device.get("parameters");
    assertThat(used).isNotEmpty();
    JsonNode displayName = used.get(0);
    assertThat(displayName.get("field").textValue())
        .isEqualTo("spec.moduleTwins.RoomDisplay.properties.desired.displayName");
    assertThat(displayName.get("placeholder").textValue()).isEqualTo("${tags.room}");
    assertThat(displayName.get("value").textValue()).isEqualTo("2.01");
    assertThat(displayName.get("deployment").textValue()).isEqualTo("conference-displays");
    assertThat(device.at("/provenance/parameters/0/value").textValue()).isEqualTo("2.01");

    Run table = run("resolve", "--device", "b20-f2-conf-01", EXAMPLES.toString());
    assertThat(table.out())
        .contains("Per-device parameters")
        .containsPattern(
            "b20-f2-conf-01 +spec.moduleTwins.RoomDisplay.properties.desired.displayName +"
                + "\\$\\{tags.room} +2.01 +conference-displays");
  }

  @Test
  void aDeviceWithoutTheValueKeepsItsConfigurationAndSaysWhy() throws IOException {
    Files.writeString(
        dir.resolve("objects.yaml"),
        """
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDeployment
        metadata: {name: rooms, namespace: ns}
        spec:
          priority: 1
          targetCondition: "*"
          modules:
            app: {image: "app:1", env: {ROOM: "Room ${tags.room}"}}
        ---
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDevice
        metadata: {name: without, namespace: ns}
        spec: {tags: {floor: "2"}}
        ---
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDevice
        metadata: {name: with, namespace: ns}
        spec: {tags: {room: "2.01"}}
        """);
    Run table = run("resolve", dir.toString());
    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out())
        .contains("kept (parameter unresolved)")
        .contains(
            "! ns/without: placeholder ${tags.room} in spec.modules.app.env.ROOM of deployment"
                + " rooms: the device has no tag room");
    Run json = run("resolve", "-o", "json", dir.toString());
    JsonNode root = new ObjectMapper().readTree(json.out());
    JsonNode without = root.get("devices").get(1);
    assertThat(without.get("name").textValue()).isEqualTo("without");
    assertThat(without.get("outcome").textValue()).isEqualTo("KEEP_PARAMETER_ERROR");
    assertThat(without.at("/parameterErrors/0/field").textValue())
        .isEqualTo("spec.modules.app.env.ROOM");
    assertThat(without.at("/considered/0/parameterError").textValue()).contains("${tags.room}");
    assertThat(root.at("/deployments/0/parameterErrorCount").intValue()).isEqualTo(1);
    assertThat(root.at("/deployments/0/appliedCount").intValue()).isEqualTo(1);
  }

  @Test
  void aRepositoryWithAHelmChartAndOtherYamlResolvesWithNotes() throws IOException {
    Files.writeString(
        dir.resolve("fleet.yaml"),
        """
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDevice
        metadata: {name: d1, namespace: ns}
        ---
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDeployment
        metadata: {name: base, namespace: ns}
        spec:
          priority: 1
          targetCondition: "*"
          modules: {app: {image: "app:1"}}
        """);
    Path chart = Files.createDirectories(dir.resolve("charts/thing/templates"));
    Files.writeString(
        chart.resolve("../Chart.yaml"), "apiVersion: v2\nname: thing\nversion: 1.0.0\n");
    Files.writeString(
        chart.resolve("deployment.yaml"),
        "{{- if .Values.enabled }}\nkind: Deployment\n  name: {{ .Release.Name }}\n{{- end }}\n");
    Files.writeString(dir.resolve("mkdocs.yml"), "site_name: docs\nnav: [index.md]\n");
    Path scratch = Files.createDirectories(dir.resolve("scratch"));
    Files.writeString(scratch.resolve("broken.yaml"), "kind: EdgeDevice\n  bad: [indent\n");

    Run without = run("resolve", dir.toString());
    assertThat(without.code()).as("a broken file outside a chart is still an error").isEqualTo(2);
    assertThat(without.err()).contains("scratch/broken.yaml", "--exclude");

    Run run = run("resolve", "--exclude", "scratch/**", dir.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("d1", "base");
    assertThat(run.err())
        .contains("skipped Helm chart " + dir.resolve("charts/thing"))
        .contains("skipped " + dir.resolve("mkdocs.yml") + " (document 1): not a Kubernetes object")
        .contains("skipped " + scratch.resolve("broken.yaml") + " (--exclude)");

    Run named = run("resolve", dir.resolve("mkdocs.yml").toString());
    assertThat(named.code())
        .as("a file named on its own must hold Kubernetes objects")
        .isEqualTo(2);
    assertThat(named.err()).contains("not a Kubernetes object");
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
  void objectsTheApiServerWouldRefuseExitOneWithItsMessage() throws IOException {
    Files.writeString(
        dir.resolve("devices.yaml"),
        """
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDevice
        metadata: {name: d1}
        spec: {tags: "not an object"}
        ---
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDevice
        metadata: {name: d2}
        spec: {tagz: {environment: prod}}
        ---
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDevice
        metadata: {name: d3}
        spec: {tags: {environment: prod}}
        ---
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDeployment
        metadata: {name: long-module}
        spec:
          priority: 1
          targetCondition: "*"
          modules:
            %s: {image: "sensor:1"}
        """
            .formatted("m".repeat(129)));
    Run run = run("resolve", "-o", "json", dir.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "devices.yaml (document 1): EdgeDevice.edgefleet.io \"d1\" is invalid: spec.tags:"
                + " Invalid value: \"string\": spec.tags in body must be of type object")
        .contains(
            "devices.yaml (document 2): EdgeDevice in version \"v1alpha1\" cannot be handled as"
                + " a EdgeDevice: strict decoding error: unknown field \"spec.tagz\"")
        .contains(
            "devices.yaml (document 4): EdgeDeployment.edgefleet.io \"long-module\" is invalid",
            "module names must be 1-128");
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("refusedObjects")).hasSize(3);
    // what the API server would accept is still decided
    assertThat(json.get("devices")).hasSize(1);
    assertThat(device(json, "d3").get("managed").asBoolean()).isFalse();
  }

  @Test
  void duplicatesAreNamed() throws IOException {
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
  void aConfigurationTooLargeForItsConfigMapIsRefusedAsTheOperatorRefusesIt() throws IOException {
    Files.writeString(
        dir.resolve("objects.yaml"),
        """
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDeployment
        metadata: {name: huge, namespace: ns}
        spec:
          priority: 1
          targetCondition: "*"
          modules:
            a: {image: "alpha:1", env: {BLOB: "%s"}}
        ---
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDevice
        metadata: {name: d1, namespace: ns}
        """
            .formatted("x".repeat(1_100_000)));

    Run json = run("resolve", "-o", "json", dir.toString());
    assertThat(json.code()).isEqualTo(1);
    JsonNode refused = device(new ObjectMapper().readTree(json.out()), "d1").get("refused");
    assertThat(refused.get("reason").asText()).isEqualTo("ConfigurationTooLarge");
    assertThat(refused.get("message").asText()).contains("more than a ConfigMap can hold");

    Run table = run("resolve", dir.toString());
    assertThat(table.code()).isEqualTo(1);
    assertThat(table.out())
        .contains("refused (ConfigurationTooLarge)", "ns/d1: ConfigurationTooLarge: the");
  }

  @Test
  void nestedListsAreReadAndOtherKindsAreCounted() throws IOException {
    Files.writeString(
        dir.resolve("dump.yaml"),
        """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: List
          items:
          - apiVersion: edgefleet.io/v1alpha1
            kind: EdgeDevice
            metadata: {name: d1, namespace: ns}
          - apiVersion: edgefleet.io/v1alpha1
            kind: EdgeDeviceList
            items:
            - apiVersion: edgefleet.io/v1alpha1
              kind: EdgeDevice
              metadata: {name: d2, namespace: ns}
        - apiVersion: v1
          kind: Service
          metadata: {name: web, namespace: ns}
        """);
    Run run = run("resolve", "-o", "json", dir.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("devices")).hasSize(2);
    assertThat(run.err()).contains("ignored 1 Service");
  }

  @Test
  void aDumpLargerThanSnakeYamlsDefaultLimitIsRead() throws IOException {
    Path dump = dir.resolve("dump.yaml");
    int devices = KubectlDump.write(dump, 12_000);
    assertThat(Files.size(dump)).isGreaterThan(4L * 1024 * 1024);

    Run run = run("resolve", "-o", "json", dump.toString());

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("devices")).hasSize(devices);
    assertThat(deployment(json, "prod").get("targetedCount").asLong()).isEqualTo(devices / 2);
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

package io.edgefleet.cli.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.cli.EdgeFleetCli;
import io.edgefleet.cli.resolve.ManifestFiles;
import io.edgefleet.cli.resolve.Resolver;
import io.edgefleet.engine.azure.AzureExport;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.NamespaceResolution;
import io.edgefleet.operator.cli.CliErrors;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.sandbox.EdgeFleetCrds;
import io.edgefleet.validation.CrdValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code edgefleet import} and {@code export} on the Azure/iotedge repository's deployment
 * manifests (test data, see src/test/resources/azure/README.md) and on EdgeFleet's examples.
 */
class AzureImportExportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final CrdValidator DEPLOYMENTS = CrdValidator.load(EdgeFleetCrds.yaml().get(1));

  /** Files with environment variable names holding ':' (as .NET modules use them). */
  private static final Map<String, String> COLON_ENV =
      Map.of(
          "connectivity_deployment.template.json",
          "/spec/modules/testResultCoordinator/env/Logging:LogLevel:Microsoft",
          "edgehub_restart_deployment.template.json",
          "/spec/modules/testResultCoordinator/env/Logging:LogLevel:Microsoft");

  /** Files with edgeHub's MQTT broker settings ($edgeHub schema 1.2). */
  private static final List<String> MQTT_BROKER =
      List.of(
          "nestededge_isa95_smoke_test_BaseDeployment.json",
          "nestededge_middleLayer_e2e_amqp.json",
          "nestededge_topLayerBaseDeployment_amqp.json");

  record Run(int code, String out, String err) {}

  static Run edgefleet(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = CliErrors.configure(new CommandLine(EdgeFleetCli.class));
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(err));
    int code = line.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Path resource(String name) {
    try {
      return Path.of(AzureImportExportTest.class.getResource("/azure/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Path> azureManifests() throws IOException {
    try (Stream<Path> files = Files.list(resource("iotedge-e2e"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("azureManifests")
  void everyAzureManifestImportsValidatesResolvesAndExportsBack(Path file, @TempDir Path dir)
      throws Exception {
    Path secrets = dir.resolve("secrets.yaml");
    Run run =
        edgefleet(
            "import",
            "--name",
            "e2e",
            "--priority",
            "10",
            "--target-condition",
            "tags.site = 'lab'",
            "--secrets-out",
            secrets.toString(),
            file.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode input = JSON.readTree(file.toFile());
    JsonNode deployment = YAML.readTree(run.out());
    String colonEnv = COLON_ENV.get(file.getFileName().toString());
    if (colonEnv != null) {
      assertThat(deployment.at(colonEnv).isTextual()).as(colonEnv).isTrue();
    }

    // valid against the CRD, nothing pruned
    assertThat(DEPLOYMENTS.validate(deployment)).isEmpty();
    assertThat(DEPLOYMENTS.prune(deployment).unknownFields()).isEmpty();

    // passwords only in the Secrets file
    JsonNode credentials =
        input.at(
            "/modulesContent/$edgeAgent/properties.desired/runtime/settings/registryCredentials");
    List<String> passwords = credentials.findValuesAsText("password");
    assertThat(deployment.findValues("password")).isEmpty();
    for (String password : passwords) {
      assertThat(Files.readString(secrets)).contains(password);
      assertThat(run.err()).contains("holds").contains("registry password");
    }

    // resolved on a sample device: the modules, routes and twins the manifest states
    ObjectNode manifest = resolveOnADevice(List.of(deployment)).manifest();
    JsonNode contents = input.get("modulesContent");
    JsonNode broker = contents.at("/$edgeHub/properties.desired/mqttBroker");
    assertThat(broker.isMissingNode())
        .isEqualTo(!MQTT_BROKER.contains(file.getFileName().toString()));
    if (!broker.isMissingNode()) {
      // carried to the device unread, with the $edgeHub schema version that has it
      assertThat(deployment.at("/spec/runtime/mqttBroker")).isEqualTo(broker);
      assertThat(manifest.at("/modulesContent/$edgeHub/properties.desired/mqttBroker"))
          .isEqualTo(broker);
      assertThat(manifest.at("/modulesContent/$edgeHub/properties.desired/schemaVersion").asText())
          .isEqualTo("1.2");
    }
    JsonNode agent = contents.get("$edgeAgent").get("properties.desired");
    assertThat(names(manifest.at("/modulesContent/$edgeAgent/properties.desired/modules")))
        .isEqualTo(names(agent.get("modules")));
    JsonNode routes = contents.get("$edgeHub").get("properties.desired").get("routes");
    JsonNode resolvedRoutes = manifest.at("/modulesContent/$edgeHub/properties.desired/routes");
    assertThat(names(resolvedRoutes)).isEqualTo(names(routes));
    routes
        .properties()
        .forEach(
            r ->
                assertThat(routeText(resolvedRoutes.get(r.getKey())))
                    .isEqualTo(routeText(r.getValue()).trim()));
    contents
        .properties()
        .forEach(
            twin -> {
              if (!twin.getKey().startsWith("$")) {
                assertThat(manifest.get("modulesContent").get(twin.getKey()))
                    .isEqualTo(twin.getValue());
              }
            });

    // exported back: the same JSON after the documented normalisations
    ObjectNode exported = export(deployment, List.of(secretDocuments(secrets)));
    assertThat(AzureNormalForm.of(exported.get("content").get("modulesContent")))
        .isEqualTo(AzureNormalForm.of(contents));
  }

  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "examples", "deployments"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void importOfExportIsTheDeploymentFieldForFieldForEveryExample(Path file, @TempDir Path dir)
      throws Exception {
    JsonNode original = YAML.readTree(file.toFile());
    JsonNode secret = YAML.readTree(Path.of("..", "examples", "registry-secret.yaml").toFile());
    assertRoundTrip(original, List.of(secret), dir);
  }

  /**
   * Deployments the other cli tests write by hand, and the shapes they do not cover: no runtime at
   * all, a layer with a registry credential, edgeHub's MQTT broker, ':' in environment variable
   * names, empty createOptions, a route with only a priority.
   */
  static Stream<String> testDeployments() {
    return Stream.of(
        """
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDeployment
        metadata: {name: rooms, namespace: ns}
        spec:
          priority: 1
          targetCondition: "*"
          modules:
            app: {image: "app:1", env: {ROOM: "Room ${tags.room}"}}
        """,
        """
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDeployment
        metadata: {name: layer, namespace: ns, labels: {team: a}}
        spec:
          layered: true
          priority: 7
          targetCondition: "tags.site = 'x'"
          registryCredentials:
            acr: {address: acr.example.com, secretName: layer-acr}
            other: {address: other.example.com, secretName: shared}
          modules:
            m: {image: "acr.example.com/m:1", status: stopped, restartPolicy: never,
                imagePullPolicy: never, createOptions: {}}
          routes:
            r: {route: "FROM /messages/modules/m/* INTO $upstream", priority: 4}
          moduleTwins:
            m: {properties.desired.settings: {a: 1}, properties.desired.other.deep: {b: [1, 2]}}
        """,
        """
        apiVersion: edgefleet.io/v1alpha1
        kind: EdgeDeployment
        metadata: {name: broker, namespace: ns}
        spec:
          priority: 3
          targetCondition: "deviceId = 'd1'"
          runtime:
            schemaVersion: "1.1"
            loggingOptions: ""
            edgeAgent:
              image: mcr.microsoft.com/azureiotedge-agent:1.4
              createOptions: {}
              env: {"Logging:LogLevel:Default": Warning}
            edgeHub:
              image: mcr.microsoft.com/azureiotedge-hub:1.4
              status: stopped
              startupOrder: 0
              createOptions: {HostConfig: {PortBindings: {"8883/tcp": [{HostPort: "8883"}]}}}
            mqttBroker:
              authorizations:
                - identities: ["{{iot:identity}}"]
                  allow: [{operations: ["mqtt:connect"]}]
          modules:
            dotnet:
              image: "app:2"
              version: "2"
              env: {"Logging:LogLevel:Microsoft": Debug, "ASPNETCORE_URLS": "http://+:80"}
          routes:
            all: {route: "FROM /messages/* INTO $upstream"}
        """);
  }

  @ParameterizedTest
  @MethodSource("testDeployments")
  void importOfExportIsTheDeploymentFieldForFieldForTestDeployments(String yaml, @TempDir Path dir)
      throws Exception {
    List<JsonNode> secretObjects = new ArrayList<>();
    for (String name : List.of("layer-acr", "shared")) {
      secretObjects.add(
          YAML.readTree(
              "apiVersion: v1\nkind: Secret\nmetadata: {name: "
                  + name
                  + ", namespace: ns}\ntype: kubernetes.io/basic-auth\n"
                  + "stringData: {username: u, password: p-"
                  + name
                  + "}\n"));
    }
    JsonNode original = YAML.readTree(yaml);
    assertThat(DEPLOYMENTS.validate(original)).isEmpty();
    assertRoundTrip(original, secretObjects, dir);
  }

  @Test
  void registrySecretNamesSurviveBothWays(@TempDir Path dir) throws Exception {
    JsonNode secret = YAML.readTree(Path.of("..", "examples", "registry-secret.yaml").toFile());
    JsonNode displays =
        YAML.readTree(
            Path.of("..", "examples", "deployments", "conference-displays.yaml").toFile());
    ObjectNode exported = export(displays, List.of(secret));
    // the Secret's name, which Azure has no place for, rides in a label
    assertThat(exported.at("/labels/edgefleet.io~1registry-secret.contoso").asText())
        .isEqualTo("contoso-registry");
    JsonNode credential =
        exported.at(
            "/content/modulesContent/$edgeAgent/"
                + "properties.desired.runtime.settings.registryCredentials.contoso");
    assertThat(credential.get("password").asText()).isEqualTo("not-a-real-password-replace-me");
    // two deployments that share the Secret give it once
    Path one = dir.resolve("one.json");
    Path two = dir.resolve("two.json");
    Files.writeString(one, exported.toPrettyString());
    Files.writeString(
        two,
        export(
                YAML.readTree(Path.of("..", "examples", "deployments", "prod-base.yaml").toFile()),
                List.of(secret))
            .toPrettyString());
    Path secrets = dir.resolve("s.yaml");
    Run run =
        edgefleet(
            "import",
            "-n",
            "campus",
            "--secrets-out",
            secrets.toString(),
            one.toString(),
            two.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("registry-secret");
    assertThat(secretDocuments(secrets)).hasSize(1);
    // the same name with another password is refused
    ObjectNode other = exported.deepCopy();
    ((ObjectNode)
            other.at(
                "/content/modulesContent/$edgeAgent/"
                    + "properties.desired.runtime.settings.registryCredentials.contoso"))
        .put("password", "another");
    other.put("id", "other-displays");
    Files.writeString(one, other.toPrettyString());
    Run clash =
        edgefleet(
            "import",
            "-n",
            "campus",
            "--secrets-out",
            secrets.toString(),
            one.toString(),
            two.toString());
    assertThat(clash.code()).isEqualTo(1);
    assertThat(clash.err()).contains("contoso-registry").contains("different");
  }

  @Test
  void importOfExportIsTheDeploymentForEveryImportedAzureManifest(@TempDir Path dir)
      throws Exception {
    int checked = 0;
    List<Path> files = new ArrayList<>(azureManifests().toList());
    files.add(resource("layered/base.json"));
    files.add(resource("layered/layer.json"));
    for (Path file : files) {
      Path secrets = dir.resolve(file.getFileName() + ".secrets.yaml");
      Run first =
          edgefleet(
              "import",
              "--name",
              "e2e",
              "--priority",
              "3",
              "--target-condition",
              "*",
              "--secrets-out",
              secrets.toString(),
              file.toString());
      assertThat(first.code()).as(file + ": " + first.err()).isZero();
      JsonNode deployment = YAML.readTree(first.out());
      assertRoundTrip(deployment, List.of(secretDocuments(secrets)), dir);
      checked++;
    }
    assertThat(checked).isEqualTo(azureManifests().count() + 2);
  }

  // ---- helpers

  private static JsonNode[] secretDocuments(Path secrets) throws IOException {
    if (!Files.exists(secrets)) {
      return new JsonNode[] {JSON.createObjectNode()};
    }
    List<JsonNode> documents = new ArrayList<>();
    try (var values = YAML.readerFor(JsonNode.class).readValues(secrets.toFile())) {
      while (values.hasNextValue()) {
        documents.add((JsonNode) values.nextValue());
      }
    }
    return documents.toArray(JsonNode[]::new);
  }

  /** Exports through the same lookup as the command (Secrets among the files). */
  static ObjectNode export(JsonNode deployment, List<JsonNode> secrets) throws Exception {
    List<ManifestFiles.Document> documents = new ArrayList<>();
    documents.add(new ManifestFiles.Document(Path.of("d"), 1, deployment));
    for (JsonNode secret : secrets) {
      documents.add(new ManifestFiles.Document(Path.of("s"), 2, secret));
    }
    EdgeDeployment object =
        new ObjectMapper()
            .configure(
                com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                false)
            .treeToValue(deployment, EdgeDeployment.class);
    if (object.getMetadata().getNamespace() == null) {
      object.getMetadata().setNamespace("default");
    }
    AzureExport.SecretLookup lookup = ExportInputs.of(documents).secrets("default");
    return AzureExport.deployment(
        DeploymentCatalog.source(object), object.getMetadata().getLabels(), lookup);
  }

  private static io.edgefleet.engine.resolve.ResolvedConfiguration resolveOnADevice(
      List<JsonNode> deployments) throws IOException {
    List<ManifestFiles.Document> documents = new ArrayList<>();
    for (JsonNode deployment : deployments) {
      documents.add(new ManifestFiles.Document(Path.of("d"), 1, deployment));
    }
    documents.add(
        new ManifestFiles.Document(
            Path.of("device"),
            1,
            YAML.readTree(
                "apiVersion: edgefleet.io/v1alpha1\nkind: EdgeDevice\nmetadata: {name: dev1}\n"
                    + "spec: {tags: {site: lab}}\n")));
    List<NamespaceResolution> resolutions =
        Resolver.resolve(new Resolver("default").read(documents));
    DeviceDecision decision = resolutions.get(0).decisions().get(0);
    assertThat(decision.configuration()).as(decision.outcome().toString()).isNotNull();
    return decision.configuration();
  }

  /** import(export(original)) is original, field for field; a failure names the fields. */
  private static void assertRoundTrip(JsonNode original, List<JsonNode> secrets, Path dir)
      throws Exception {
    ObjectNode exported = export(original, secrets);
    Path azure = Files.createTempFile(dir, "azure", ".json");
    Files.writeString(azure, exported.toPrettyString());
    List<String> args = new ArrayList<>(List.of("import"));
    if (original.at("/metadata/namespace").isTextual()) {
      args.addAll(List.of("-n", original.at("/metadata/namespace").asText()));
    }
    args.addAll(
        List.of(
            "--secrets-out", Files.createTempFile(dir, "s", ".yaml").toString(), azure.toString()));
    Run run = edgefleet(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode imported = YAML.readTree(run.out());
    assertThat(DEPLOYMENTS.validate(imported)).isEmpty();
    assertThat(differences("", numbers(imported), numbers(original)))
        .as("import(export(d)) differs from d at")
        .isEmpty();
  }

  private static JsonNode numbers(JsonNode node) throws IOException {
    return JSON.readTree(node.toString()); // one node type per number (int vs long)
  }

  /** The paths where {@code actual} and {@code expected} differ, with both values. */
  static List<String> differences(String at, JsonNode actual, JsonNode expected) {
    List<String> out = new ArrayList<>();
    if (actual.isObject() && expected.isObject()) {
      java.util.Set<String> names = new java.util.TreeSet<>();
      actual.fieldNames().forEachRemaining(names::add);
      expected.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String path = at + "." + name;
        if (!actual.has(name)) {
          out.add(path + ": missing (expected " + expected.get(name) + ")");
        } else if (!expected.has(name)) {
          out.add(path + ": " + actual.get(name) + " (expected none)");
        } else {
          out.addAll(differences(path, actual.get(name), expected.get(name)));
        }
      }
    } else if (!actual.equals(expected)) {
      out.add(at + ": " + actual + " (expected " + expected + ")");
    }
    return out;
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    if (object != null) {
      object.fieldNames().forEachRemaining(names::add);
    }
    return names.stream().sorted().toList();
  }

  private static String routeText(JsonNode route) {
    return route.isTextual() ? route.asText() : route.get("route").asText();
  }
}

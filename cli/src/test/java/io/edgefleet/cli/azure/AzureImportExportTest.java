package io.edgefleet.cli.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.cli.EdgeFleetCli;
import io.edgefleet.cli.resolve.ManifestFiles;
import io.edgefleet.cli.resolve.Resolver;
import io.edgefleet.engine.azure.AzureExport;
import io.edgefleet.engine.azure.AzureFormatException;
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

  /**
   * Manifests EdgeFleet cannot represent, and the path and reason the import error names: edgeHub's
   * MQTT broker settings, and environment variable names with ':'.
   */
  private static final Map<String, String> REFUSED =
      Map.of(
          "nestededge_isa95_smoke_test_BaseDeployment.json",
          "modulesContent.$edgeHub[\"properties.desired\"].mqttBroker: edgeHub's MQTT broker",
          "nestededge_middleLayer_e2e_amqp.json",
          "modulesContent.$edgeHub[\"properties.desired\"].mqttBroker: edgeHub's MQTT broker",
          "nestededge_topLayerBaseDeployment_amqp.json",
          "modulesContent.$edgeHub[\"properties.desired\"].mqttBroker: edgeHub's MQTT broker",
          "connectivity_deployment.template.json",
          "modules.testResultCoordinator.env[\"Logging:LogLevel:Microsoft\"]: EdgeFleet's"
              + " environment variable names",
          "edgehub_restart_deployment.template.json",
          "env[\"Logging:LogLevel:Microsoft\"]: EdgeFleet's environment variable names");

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
    String refused = REFUSED.get(file.getFileName().toString());
    if (refused != null) {
      assertThat(run.code()).as(run.err()).isEqualTo(1);
      assertThat(run.err()).contains(file + ": ").contains(refused);
      assertThat(run.out()).isEmpty();
      return;
    }
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode input = JSON.readTree(file.toFile());
    JsonNode deployment = YAML.readTree(run.out());

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
  void importOfExportIsTheDeploymentForEveryExample(Path file, @TempDir Path dir) throws Exception {
    JsonNode original = YAML.readTree(file.toFile());
    JsonNode secret = YAML.readTree(Path.of("..", "examples", "registry-secret.yaml").toFile());
    if (original.at("/spec/layered").asBoolean()
        && original.at("/spec/registryCredentials").size() > 0) {
      // Azure's layered manifests carry registry credentials as runtime settings, which come
      // from the base only in EdgeFleet (docs/migrating-from-azure.md): refused both ways
      assertThatThrownBy(() -> export(original, List.of(secret)))
          .isInstanceOf(AzureFormatException.class)
          .hasMessageContaining("spec.registryCredentials: ");
      return;
    }
    ObjectNode exported = export(original, List.of(secret));
    Path azure = dir.resolve("azure.json");
    Files.writeString(azure, exported.toPrettyString());
    Run run =
        edgefleet(
            "import",
            "-n",
            original.at("/metadata/namespace").asText(),
            "--secrets-out",
            dir.resolve("s.yaml").toString(),
            azure.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode imported = YAML.readTree(run.out());
    assertThat(DEPLOYMENTS.validate(imported)).isEmpty();
    assertSameDeployment(imported, original);
  }

  @Test
  void importOfExportIsTheDeploymentForEveryImportedAzureManifest(@TempDir Path dir)
      throws Exception {
    int checked = 0;
    for (Path file : azureManifests().toList()) {
      if (REFUSED.containsKey(file.getFileName().toString())) {
        continue;
      }
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
      assertThat(first.code()).as(first.err()).isZero();
      JsonNode deployment = YAML.readTree(first.out());
      List<JsonNode> secretObjects = List.of(secretDocuments(secrets));
      Path azure = dir.resolve(file.getFileName() + ".exported.json");
      Files.writeString(azure, export(deployment, secretObjects).toPrettyString());
      Run again = edgefleet("import", "--secrets-out", secrets.toString(), azure.toString());
      assertThat(again.code()).as(again.err()).isZero();
      assertSameDeployment(YAML.readTree(again.out()), deployment);
      checked++;
    }
    assertThat(checked).isEqualTo(azureManifests().count() - REFUSED.size());
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

  /** Same name, priority, target, labels, metrics, layering, and the same resolved manifest. */
  private static void assertSameDeployment(JsonNode imported, JsonNode original)
      throws IOException {
    assertThat(imported.at("/metadata/name")).isEqualTo(original.at("/metadata/name"));
    assertThat(imported.at("/metadata/labels")).isEqualTo(original.at("/metadata/labels"));
    for (String field : List.of("priority", "targetCondition", "metrics")) {
      assertThat(imported.at("/spec/" + field)).as(field).isEqualTo(original.at("/spec/" + field));
    }
    assertThat(imported.at("/spec/layered").asBoolean(false))
        .isEqualTo(original.at("/spec/layered").asBoolean(false));
    List<JsonNode> withImported = new ArrayList<>();
    List<JsonNode> withOriginal = new ArrayList<>();
    if (original.at("/spec/layered").asBoolean(false)) {
      JsonNode base =
          YAML.readTree(Path.of("..", "examples", "deployments", "prod-base.yaml").toFile());
      withImported.add(matchAll(base, 0));
      withOriginal.add(matchAll(base, 0));
    }
    withImported.add(matchAll(imported, 1));
    withOriginal.add(matchAll(original, 1));
    assertThat(resolveOnADevice(withImported).manifest())
        .isEqualTo(resolveOnADevice(withOriginal).manifest());
  }

  private static JsonNode matchAll(JsonNode deployment, int priority) {
    ObjectNode copy = deployment.deepCopy();
    ((ObjectNode) copy.get("metadata")).remove("namespace");
    ((ObjectNode) copy.get("spec")).put("targetCondition", "*");
    ((ObjectNode) copy.get("spec")).put("priority", priority);
    return copy;
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

package io.edgefleet.cli.azure;

import static io.edgefleet.cli.azure.AzureImportExportTest.edgefleet;
import static io.edgefleet.cli.azure.AzureImportExportTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.edgefleet.cli.azure.AzureImportExportTest.Run;
import io.edgefleet.cli.resolve.ManifestFiles;
import io.edgefleet.cli.resolve.Resolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code edgefleet import} makes of configuration objects, layers and bad manifests. */
class AzureImportTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  private static final String STANDARD =
      """
      {"modulesContent": {
        "$edgeAgent": {"properties.desired": {
          "schemaVersion": "1.1",
          "runtime": {"type": "docker", "settings": {"minDockerVersion": "v1.25"}},
          "systemModules": {
            "edgeAgent": {"type": "docker", "settings": {"image": "mcr.microsoft.com/azureiotedge-agent:1.5"}},
            "edgeHub": {"type": "docker", "settings": {"image": "mcr.microsoft.com/azureiotedge-hub:1.5"}}},
          "modules": {"m": {"type": "docker", "settings": {"image": "m:1", "createOptions": "{}"}}}}},
        "$edgeHub": {"properties.desired": {"schemaVersion": "1.1",
          "routes": {"r": "FROM /messages/* INTO $upstream"}}}}}
      """;

  @Test
  void aConfigurationObjectGivesNameTargetPriorityLabelsAndMetrics(@TempDir Path dir)
      throws Exception {
    Path secrets = dir.resolve("secrets.yaml");
    Run run =
        edgefleet(
            "import",
            "-n",
            "plant",
            "--secrets-out",
            secrets.toString(),
            resource("layered/base.json").toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode deployment = YAML.readTree(run.out());
    assertThat(deployment.at("/metadata/name").asText()).isEqualTo("factory-base");
    assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo("plant");
    assertThat(deployment.at("/metadata/labels/tier").asText()).isEqualTo("base");
    assertThat(deployment.at("/spec/priority").asInt()).isEqualTo(10);
    assertThat(deployment.at("/spec/targetCondition").asText())
        .isEqualTo("tags.environment='prod'");
    assertThat(deployment.at("/spec/metrics/filters").asText()).startsWith("SELECT deviceId");
    assertThat(deployment.at("/spec/layered").isMissingNode()).isTrue();
    // chunks joined, JSON strings parsed into objects, env values as strings
    assertThat(
            deployment
                .at("/spec/runtime/edgeHub/createOptions/HostConfig/PortBindings")
                .fieldNames())
        .toIterable()
        .containsExactly("443/tcp", "5671/tcp", "8883/tcp");
    assertThat(deployment.at("/spec/modules/sensor/env/SEND_INTERVAL").asText()).isEqualTo("5");
    // an empty createOptions stays as stated (export writes it back)
    assertThat(deployment.at("/spec/modules/sensor/createOptions").isEmpty()).isTrue();
    assertThat(deployment.at("/spec/routes/upstream/priority").asInt()).isEqualTo(1);
    assertThat(deployment.at("/spec/routes/upstream/timeToLiveSecs").asInt()).isEqualTo(3600);
    assertThat(deployment.at("/spec/moduleTwins/filter/properties.desired/threshold").asInt())
        .isEqualTo(25);
    // the password is in the Secret, never in the deployment
    assertThat(run.out()).doesNotContain("s3cr3t-Pa55");
    assertThat(deployment.at("/spec/registryCredentials/contoso/secretName").asText())
        .isEqualTo("factory-base-contoso");
    JsonNode secret = YAML.readTree(Files.readString(secrets));
    assertThat(secret.at("/type").asText()).isEqualTo("kubernetes.io/basic-auth");
    assertThat(secret.at("/metadata/name").asText()).isEqualTo("factory-base-contoso");
    assertThat(secret.at("/metadata/namespace").asText()).isEqualTo("plant");
    assertThat(secret.at("/stringData/password").asText()).isEqualTo("s3cr3t-Pa55");
    assertThat(run.err()).contains("WARNING").contains(secrets.toString()).contains("etag");
  }

  @Test
  void importedLayersMergeAsTheDocumentedRulesSay(@TempDir Path dir) throws Exception {
    Run run =
        edgefleet(
            "import",
            "--secrets-out",
            dir.resolve("s.yaml").toString(),
            resource("layered/base.json").toString(),
            resource("layered/layer.json").toString());
    assertThat(run.code()).as(run.err()).isZero();
    List<ManifestFiles.Document> documents = new ArrayList<>();
    try (var values = YAML.readerFor(JsonNode.class).readValues(run.out())) {
      while (values.hasNextValue()) {
        documents.add(new ManifestFiles.Document(Path.of("x"), 1, (JsonNode) values.nextValue()));
      }
    }
    assertThat(documents).hasSize(2);
    assertThat(documents.get(1).object().at("/spec/layered").asBoolean()).isTrue();
    documents.add(
        new ManifestFiles.Document(
            Path.of("d"),
            1,
            YAML.readTree(
                "apiVersion: edgefleet.io/v1alpha1\nkind: EdgeDevice\nmetadata: {name: d1}\n"
                    + "spec: {tags: {environment: prod, building: '20'}}\n")));
    var decision =
        Resolver.resolve(new Resolver("default").read(documents)).get(0).decisions().get(0);
    assertThat(decision.baseName()).isEqualTo("factory-base");
    assertThat(decision.layerNames()).containsExactly("building-20-tuning");
    JsonNode manifest = decision.configuration().manifest().get("modulesContent");
    JsonNode modules = manifest.at("/$edgeAgent/properties.desired/modules");
    assertThat(modules.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("sensor", "filter", "vibration");
    assertThat(modules.at("/filter/settings/image").asText())
        .isEqualTo("contoso.azurecr.io/filter:2.0");
    JsonNode routes = manifest.at("/$edgeHub/properties.desired/routes");
    assertThat(routes.at("/upstream/route").asText())
        .isEqualTo("FROM /messages/modules/filter/outputs/alerts INTO $upstream");
    assertThat(routes.has("sensorToFilter")).isTrue();
    assertThat(routes.has("vibration")).isTrue();
    // a sub-path replaces only its sub-tree
    assertThat(manifest.at("/filter/properties.desired"))
        .isEqualTo(YAML.readTree("{\"threshold\":25,\"settings\":{\"window\":30}}"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          unknown $edgeAgent key | "schemaVersion": "1.1", | "schemaVersion": "1.1", "runtimeX": {}, | modulesContent.$edgeAgent["properties.desired"].runtimeX: not a field of $edgeAgent's desired properties
          createOptions chunk gap | "createOptions": "{}" | "createOptions": "{", "createOptions02": "}" | modules.m.settings.createOptions02: expected createOptions01 before it
          route edgeHub refuses | FROM /messages/* INTO $upstream | FROM /messages/* WHERE a == 1 INTO $upstream | ["properties.desired"].routes.r: edgeHub refuses this route: expected a value after '=' ('==' is not an operator
          unknown sink | INTO $upstream | INTO $downstream | routes.r: edgeHub refuses this route: unknown system endpoint '$downstream'
          chunk not a string | "createOptions": "{}" | "createOptions": "{", "createOptions01": 5 | settings.createOptions01: must be a string
          createOptions not JSON | "createOptions": "{}" | "createOptions": "{x" | settings.createOptions: not JSON
          unknown module field | "type": "docker", "settings": {"image": "m:1" | "type": "docker", "cpu": 2, "settings": {"image": "m:1" | modules.m.cpu: not a field of a module
          bad restart policy | "type": "docker", "settings": {"image": "m:1" | "type": "docker", "restartPolicy": "sometimes", "settings": {"image": "m:1" | modules.m.restartPolicy: 'sometimes' is not one of always, never, on-failure, on-unhealthy
          unsupported schema | "schemaVersion": "1.1", | "schemaVersion": "2.0", | ["properties.desired"].schemaVersion: schema version 2.0 is not supported
          template placeholder | "image": "m:1" | "image": "${MODULES.m}" | modules.m.settings.image: '${' is a deployment template placeholder
          """)
  void aBadManifestNamesItsPathAndExits1(
      String what, String from, String to, String message, @TempDir Path dir) throws Exception {
    assertThat(STANDARD).contains(from);
    Path file = dir.resolve("bad.json");
    Files.writeString(file, STANDARD.replace(from, to));
    Run run =
        edgefleet(
            "import",
            "--name",
            "bad",
            "--priority",
            "1",
            "--target-condition",
            "*",
            file.toString());
    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains(file + ": ").contains(message);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aLayeredManifestsRegistryCredentialBecomesASecret(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("layer.json");
    Files.writeString(
        file,
        """
        {"modulesContent": {"$edgeAgent": {
          "properties.desired.runtime.settings.registryCredentials.acr":
            {"username": "u", "password": "p4ss", "address": "acr.azurecr.io"}}}}
        """);
    Run withoutFile =
        edgefleet(
            "import", "--name", "l", "--priority", "5", "--target-condition", "*", file.toString());
    assertThat(withoutFile.code()).isEqualTo(1);
    assertThat(withoutFile.err()).contains("pass --secrets-out FILE");
    Path secrets = dir.resolve("s.yaml");
    Run run =
        edgefleet(
            "import",
            "--name",
            "l",
            "--priority",
            "5",
            "--target-condition",
            "*",
            "--secrets-out",
            secrets.toString(),
            file.toString());
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode deployment = YAML.readTree(run.out());
    assertThat(deployment.at("/spec/layered").asBoolean()).isTrue();
    assertThat(deployment.at("/spec/registryCredentials/acr/secretName").asText())
        .isEqualTo("l-acr");
    assertThat(run.out()).doesNotContain("p4ss");
    assertThat(Files.readString(secrets)).contains("p4ss");
  }

  @Test
  void aLayerCannotReplaceEveryRegistryCredentialAtOnce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("layer.json");
    Files.writeString(
        file,
        """
        {"modulesContent": {"$edgeAgent": {
          "properties.desired.runtime.settings.registryCredentials":
            {"acr": {"username": "u", "password": "p", "address": "acr.azurecr.io"}}}}}
        """);
    Run run =
        edgefleet(
            "import",
            "--name",
            "l",
            "--priority",
            "5",
            "--target-condition",
            "*",
            "--secrets-out",
            dir.resolve("s.yaml").toString(),
            file.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "modulesContent.$edgeAgent[\"properties.desired.runtime.settings.registryCredentials\"]")
        .contains("a layer sets registry credentials one by one");
  }

  @Test
  void aBareManifestNeedsTheOptionsAndNamesTheMissingOne(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bare.json");
    Files.writeString(file, STANDARD);
    Run noName = edgefleet("import", "--priority", "1", "--target-condition", "*", file.toString());
    assertThat(noName.code()).isEqualTo(1);
    assertThat(noName.err()).contains("pass --name NAME");
    Run noPriority = edgefleet("import", "--name", "a", "--target-condition", "*", file.toString());
    assertThat(noPriority.err()).contains("pass --priority N");
    Run noTarget = edgefleet("import", "--name", "a", "--priority", "1", file.toString());
    assertThat(noTarget.err()).contains("pass --target-condition COND");
    Run badTarget =
        edgefleet(
            "import",
            "--name",
            "a",
            "--priority",
            "1",
            "--target-condition",
            "tags.x ==",
            file.toString());
    assertThat(badTarget.code()).isEqualTo(1);
    assertThat(badTarget.err()).contains("--target-condition: ");
  }

  @Test
  void passwordsWithoutSecretsOutAreRefusedAndNothingIsWritten() {
    Run run = edgefleet("import", resource("layered/base.json").toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("pass --secrets-out FILE");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aKeyGivenTwiceIsAnError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("twice.json");
    Files.writeString(file, STANDARD.replace("\"routes\": {", "\"routes\": {\"r\": \"x\", "));
    Run run =
        edgefleet(
            "import", "--name", "a", "--priority", "1", "--target-condition", "*", file.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("Duplicate field 'r'");
  }
}

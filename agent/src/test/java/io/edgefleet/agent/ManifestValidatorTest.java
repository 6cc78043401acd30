package io.edgefleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.agent.runtime.ModuleSpec;
import io.edgefleet.agent.support.Manifests;
import io.edgefleet.api.contract.ContentHash;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.ModuleStatus;
import io.edgefleet.api.v1alpha1.RestartPolicy;
import io.edgefleet.api.v1alpha1.SchemaVersion;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.ResolvedConfiguration;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.testfixtures.Fixtures;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ManifestValidatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A manifest as the operator writes it: two modules, a route, a twin, a registry. */
  private static ResolvedConfiguration engineManifest() {
    return Manifests.resolve(
        Fixtures.deployment("ns", "base")
            .module("sensor", "mcr.microsoft.com/azureiotedge-simulated-temperature-sensor:1.5")
            .module("filter", "contoso.azurecr.io/filter:1.2", 2L, RestartPolicy.ON_FAILURE)
            .env("filter", "THRESHOLD", "25")
            .route("sensorToFilter", "FROM /messages/modules/sensor/* INTO $upstream")
            .twin(
                "filter",
                "properties.desired",
                JsonNodeFactory.instance.objectNode().put("threshold", 25))
            .registry("contoso", "contoso.azurecr.io", "contoso-pull")
            .build());
  }

  private static ManifestValidator.Result validate(String text) {
    return ManifestValidator.validate(text, ContentHash.of(text));
  }

  /** The engine's manifest with one change, re-hashed so that only the change matters. */
  private static ManifestValidator.Result edited(Consumer<ObjectNode> edit) {
    ObjectNode manifest = engineManifest().manifest().deepCopy();
    edit.accept(manifest);
    return validate(manifest.toString());
  }

  private static ObjectNode agent(ObjectNode manifest) {
    return (ObjectNode) manifest.at("/modulesContent/$edgeAgent/properties.desired");
  }

  private static ObjectNode module(ObjectNode manifest, String name) {
    return (ObjectNode) agent(manifest).path("modules").path(name);
  }

  private static void assertCode(ManifestValidator.Result result, int code, String text) {
    assertThat(result.valid()).as("valid").isFalse();
    assertThat(result.problem().code()).isEqualTo(code);
    assertThat(result.problem().description()).contains(text);
  }

  @Test
  void acceptsWhatTheOperatorWrites() {
    ResolvedConfiguration resolved = engineManifest();
    ManifestValidator.Result result =
        ManifestValidator.validate(resolved.manifestJson(), resolved.desiredVersion());
    assertThat(result.problem()).isNull();
    DeviceManifest manifest = result.manifest();
    assertThat(manifest.version()).isEqualTo(resolved.desiredVersion());
    assertThat(manifest.schemaVersion()).isEqualTo("1.1");
    assertThat(manifest.modules()).containsOnlyKeys("sensor", "filter");
    ModuleSpec filter = manifest.modules().get("filter");
    assertThat(filter.image()).isEqualTo("contoso.azurecr.io/filter:1.2");
    assertThat(filter.startupOrder()).isEqualTo(2);
    assertThat(filter.restartPolicy()).isEqualTo(RestartPolicy.ON_FAILURE);
    assertThat(filter.desiredStatus()).isEqualTo(ModuleStatus.RUNNING);
    assertThat(filter.env()).containsEntry("THRESHOLD", "25");
    assertThat(manifest.edgeHub().system()).isTrue();
    assertThat(manifest.edgeHub().createOptions()).contains("PortBindings");
    assertThat(manifest.registries()).containsOnlyKeys("contoso");
    assertThat(manifest.registries().get("contoso").usernameKey()).isEqualTo("contoso.username");
    assertThat(manifest.twins().get("filter").get("threshold").asInt()).isEqualTo(25);
  }

  @Test
  void acceptsSchema10WithRouteStrings() {
    ResolvedConfiguration resolved =
        Manifests.resolve(
            Fixtures.deployment("ns", "old")
                .schema(SchemaVersion.V1_0)
                .module("sensor", "sensor:1")
                .route("all", "FROM /messages/* INTO $upstream")
                .build());
    ManifestValidator.Result result =
        ManifestValidator.validate(resolved.manifestJson(), resolved.desiredVersion());
    assertThat(result.valid()).isTrue();
    assertThat(result.manifest().schemaVersion()).isEqualTo("1.0");
  }

  @Test
  void acceptsNoCustomModules() {
    ResolvedConfiguration resolved = Manifests.resolve(Fixtures.deployment("ns", "e").build());
    ManifestValidator.Result result =
        ManifestValidator.validate(resolved.manifestJson(), resolved.desiredVersion());
    assertThat(result.valid()).isTrue();
    assertThat(result.manifest().modules()).isEmpty();
  }

  @Test
  void emptyConfigurationIs417() {
    assertCode(ManifestValidator.validate(null, "v"), 417, "no manifest.json");
    assertCode(ManifestValidator.validate("  ", "v"), 417, "no manifest.json");
    assertCode(validate("{}"), 417, "no modulesContent");
    assertCode(validate("{\"modulesContent\":{}}"), 417, "no modulesContent");
  }

  @Test
  void unsupportedSchemaVersionIs412() {
    assertCode(
        edited(m -> agent(m).put("schemaVersion", "2.0")),
        412,
        "schema version \"2.0\" of modulesContent.$edgeAgent is not supported");
    assertCode(
        edited(
            m ->
                ((ObjectNode) m.at("/modulesContent/$edgeHub/properties.desired"))
                    .put("schemaVersion", "1.3")),
        412,
        "$edgeHub");
    assertCode(
        edited(
            m -> {
              agent(m).put("schemaVersion", "1.0");
              ((ObjectNode) m.at("/modulesContent/$edgeHub/properties.desired"))
                  .put("schemaVersion", "1.2");
            }),
        412,
        "$edgeHub");
  }

  @Test
  void edgeHubsMqttBrokerSettingsComeWithItsSchema12() {
    ManifestValidator.Result result =
        edited(
            m -> {
              ObjectNode hub = (ObjectNode) m.at("/modulesContent/$edgeHub/properties.desired");
              hub.put("schemaVersion", "1.2");
              hub.putObject("mqttBroker").putArray("authorizations");
            });
    assertThat(result.valid()).as(String.valueOf(result.problem())).isTrue();
    assertCode(
        edited(
            m ->
                ((ObjectNode) m.at("/modulesContent/$edgeHub/properties.desired"))
                    .put("schemaVersion", "1.2")
                    .put("mqttBroker", "not an object")),
        400,
        "mqttBroker must be an object");
    assertCode(
        edited(
            m ->
                ((ObjectNode) m.at("/modulesContent/$edgeHub/properties.desired"))
                    .putObject("mqttBroker")),
        400,
        "mqttBroker needs $edgeHub schemaVersion 1.2");
  }

  @Test
  void environmentVariableNamesAreWhatDockerAccepts() {
    ManifestValidator.Result result =
        edited(
            m ->
                module(m, "sensor")
                    .putObject("env")
                    .putObject("Logging:LogLevel:Default")
                    .put("value", "Warning"));
    assertThat(result.valid()).as(String.valueOf(result.problem())).isTrue();
    assertThat(result.manifest().modules().get("sensor").env())
        .containsEntry("Logging:LogLevel:Default", "Warning");
    assertCode(
        edited(m -> module(m, "sensor").putObject("env").putObject("A=B").put("value", "x")),
        400,
        "'A=B' is not a valid environment variable name");
  }

  @Test
  void notJsonOrNotTheDesiredVersionIs400() {
    assertCode(validate("{\"modulesContent\": "), 400, "not valid JSON");
    assertCode(validate("[1]"), 400, "must be a JSON object");
    String text = engineManifest().manifestJson();
    assertCode(
        ManifestValidator.validate(text, "0123456789abcdef"),
        400,
        "does not match the desired version 0123456789abcdef");
  }

  /**
   * A configuration with per-device parameters is versioned by its parts hash: accepted as the
   * operator writes it, refused when a value in it is edited.
   */
  @Test
  void acceptsAConfigurationWithPerDeviceParametersByItsPartsHash() {
    EdgeDeployment deployment =
        Fixtures.deployment("ns", "base")
            .module("sensor", "mcr.microsoft.com/azureiotedge-simulated-temperature-sensor:1.5")
            .module("app", "contoso.azurecr.io/app:1.2")
            .env("app", "ROOM", "room-${tags.room}")
            .build();
    DeviceSource device =
        new DeviceSource(
            "ns",
            "d1",
            JsonNodeFactory.instance.objectNode().put("room", "12"),
            JsonNodeFactory.instance.objectNode(),
            null,
            Set.of());
    ResolvedConfiguration resolved =
        DeploymentSet.prepare(List.of(DeploymentCatalog.source(deployment)))
            .decide(device)
            .configuration();
    String text = resolved.manifestJson();
    assertThat(resolved.desiredVersion())
        .isEqualTo(ContentHash.ofParts(text))
        .isNotEqualTo(ContentHash.of(text));

    ManifestValidator.Result result = ManifestValidator.validate(text, resolved.desiredVersion());
    assertThat(result.problem()).isNull();
    assertThat(result.manifest().modules().get("app").env()).containsEntry("ROOM", "room-12");
    assertCode(
        ManifestValidator.validate(text.replace("room-12", "room-13"), resolved.desiredVersion()),
        400,
        "does not match the desired version " + resolved.desiredVersion());
  }

  @Test
  void missingRequiredFieldsAre400() {
    assertCode(
        edited(m -> ((ObjectNode) m.get("modulesContent")).remove("$edgeAgent")),
        400,
        "modulesContent.$edgeAgent is missing");
    assertCode(edited(m -> agent(m).remove("schemaVersion")), 400, "schemaVersion is missing");
    assertCode(edited(m -> agent(m).remove("runtime")), 400, ".runtime is missing");
    assertCode(
        edited(m -> ((ObjectNode) agent(m).get("systemModules")).remove("edgeHub")),
        400,
        "systemModules.edgeHub is missing");
    assertCode(
        edited(m -> module(m, "sensor").remove("restartPolicy")),
        400,
        "modules.sensor.restartPolicy is missing");
    assertCode(
        edited(m -> ((ObjectNode) module(m, "sensor").get("settings")).remove("image")),
        400,
        "modules.sensor.settings.image is missing");
  }

  @Test
  void badModulesAre400() {
    assertCode(
        edited(m -> ((ObjectNode) agent(m).get("modules")).set("bad name!", module(m, "sensor"))),
        400,
        "module name 'bad name!' is invalid");
    assertCode(
        edited(m -> ((ObjectNode) agent(m).get("modules")).set("edgeHub", module(m, "sensor"))),
        400,
        "reserved");
    assertCode(
        edited(m -> module(m, "sensor").put("status", "paused")),
        400,
        "status must be running or stopped");
    assertCode(
        edited(m -> module(m, "sensor").put("restartPolicy", "sometimes")),
        400,
        "restartPolicy must be never, on-failure, on-unhealthy or always");
    assertCode(edited(m -> module(m, "sensor").put("type", "rkt")), 400, "type must be docker");
    assertCode(
        edited(
            m ->
                ((ObjectNode) module(m, "sensor").get("settings"))
                    .put("image", "Contoso/Filter:1")),
        400,
        "'Contoso/Filter:1' is not a valid image reference");
    assertCode(
        edited(m -> ((ObjectNode) module(m, "sensor").get("settings")).put("createOptions", "{x")),
        400,
        "createOptions is not valid JSON");
    assertCode(
        edited(m -> module(m, "sensor").putObject("env").put("X", "no value object")),
        400,
        "env.X must be {value: string}");
  }

  @Test
  void chunkedCreateOptionsAreJoinedAsEdgeAgentJoinsThem() {
    String options = "{\"HostConfig\":{\"PortBindings\":{\"8080/tcp\":[{\"HostPort\":\"8080\"}]}}}";
    ManifestValidator.Result result =
        edited(
            m -> {
              ObjectNode settings = (ObjectNode) module(m, "sensor").get("settings");
              settings.remove("createOptions");
              settings.put("createOptions", options.substring(0, 10));
              settings.put("createOptions01", options.substring(10, 40));
              settings.put("createOptions02", options.substring(40));
            });
    assertThat(result.problem()).isNull();
    assertThat(result.manifest().modules().get("sensor").createOptions()).isEqualTo(options);
  }

  @Test
  void aChunkGapIs400AndNamesTheMissingChunk() {
    assertCode(
        edited(
            m -> {
              ObjectNode settings = (ObjectNode) module(m, "sensor").get("settings");
              settings.put("createOptions", "{\"Env\":");
              settings.put("createOptions02", "[]}");
            }),
        400,
        "createOptions02: expected createOptions01 before it");
  }

  @Test
  void startupOrderOutOfRangeIs400() {
    assertCode(
        edited(m -> module(m, "sensor").put("startupOrder", -1)),
        400,
        "startupOrder must be an integer from 0 to 4294967295, not -1");
    assertCode(
        edited(m -> module(m, "sensor").put("startupOrder", 4294967296L)), 400, "not 4294967296");
    assertCode(edited(m -> module(m, "sensor").put("startupOrder", 1.5)), 400, "not 1.5");
    ManifestValidator.Result largest =
        edited(m -> module(m, "sensor").put("startupOrder", 4294967295L));
    assertThat(largest.valid()).isTrue();
    assertThat(largest.manifest().modules().get("sensor").startupOrder()).isEqualTo(4294967295L);
  }

  @Test
  void badTwinsAndRoutesAre400() {
    assertCode(
        edited(m -> ((ObjectNode) m.get("modulesContent")).putObject("filter").put("x", 1)),
        400,
        "modulesContent.filter must hold properties.desired");
    assertCode(
        edited(
            m ->
                ((ObjectNode) m.get("modulesContent"))
                    .putObject("filter")
                    .put("properties.desired", "not an object")),
        400,
        "modulesContent.filter must hold properties.desired");
    assertCode(
        edited(
            m ->
                ((ObjectNode)
                        m.at("/modulesContent/$edgeHub/properties.desired/routes/sensorToFilter"))
                    .put("priority", 10)),
        400,
        "priority must be an integer from 0 to 9");
  }

  @Test
  void imageReferencesFollowDockerGrammar() throws Exception {
    for (String good :
        new String[] {
          "sensor:1",
          "mcr.microsoft.com/azureiotedge-agent:1.5",
          "localhost:5000/team/filter:1.2-rc.1",
          "contoso.azurecr.io/a/b/c",
          "filter@sha256:" + "a".repeat(64)
        }) {
      assertThat(edited(m -> ((ObjectNode) module(m, "sensor").get("settings")).put("image", good)))
          .as(good)
          .extracting(ManifestValidator.Result::valid)
          .isEqualTo(true);
    }
    for (String bad : new String[] {"", "UPPER:1", "a//b", "filter:", "-x", "a b"}) {
      JsonNode text = JSON.valueToTree(bad);
      assertThat(edited(m -> ((ObjectNode) module(m, "sensor").get("settings")).set("image", text)))
          .as(bad)
          .extracting(ManifestValidator.Result::valid)
          .isEqualTo(false);
    }
  }
}

package io.edgefleet.engine.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.engine.query.Truth;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every scenario under {@code src/test/resources/scenarios}: one per rule of docs/concepts.md.
 */
class ScenarioTest {

  static Stream<Scenario> scenarios() throws IOException, URISyntaxException {
    Path dir = Path.of(ScenarioTest.class.getResource("/scenarios").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml"))
              .sorted()
              .toList();
      assertThat(names).hasSizeGreaterThanOrEqualTo(15);
      return names.stream().map(Scenario::load);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void decidesAsExpected(Scenario scenario) {
    NamespaceResolution first =
        NamespaceResolution.resolve("test", scenario.deployments(), scenario.devices());
    // where the scenario says so, agents report back the version they were given and the engine
    // decides and counts again
    NamespaceResolution resolution =
        scenario.devices().stream().anyMatch(Scenario::reportsDecidedVersion)
            ? NamespaceResolution.resolve(
                "test", scenario.deployments(), Scenario.reportDecidedVersions(first))
            : first;
    SoftAssertions soft = new SoftAssertions();
    knownKeys(soft, "expect", scenario.expect(), Set.of("devices", "deployments"));
    JsonNode expectedDevices = scenario.expect().path("devices");
    assertThat(expectedDevices.size() + scenario.expect().path("deployments").size())
        .as("a scenario must expect something")
        .isPositive();
    expectedDevices
        .properties()
        .iterator()
        .forEachRemaining(e -> checkDevice(soft, decision(resolution, e.getKey()), e.getValue()));
    scenario
        .expect()
        .path("deployments")
        .properties()
        .iterator()
        .forEachRemaining(e -> checkDeployment(soft, report(resolution, e.getKey()), e.getValue()));
    soft.assertAll();
  }

  private static DeviceDecision decision(NamespaceResolution resolution, String device) {
    return resolution.decisions().stream()
        .filter(d -> d.device().name().equals(device))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no device " + device));
  }

  private static DeploymentReport report(NamespaceResolution resolution, String deployment) {
    return resolution.reports().stream()
        .filter(r -> r.name().equals(deployment))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no deployment " + deployment));
  }

  /** What a device expectation may say; those in the second set need a configuration. */
  private static final Set<String> DEVICE_KEYS =
      Set.of("outcome", "base", "layers", "desiredVersion", "reasons", "matched", "relevant");

  private static final Set<String> CONFIGURATION_KEYS =
      Set.of(
          "modules",
          "moduleImages",
          "routes",
          "provenance",
          "twins",
          "manifest",
          "registryCredentials",
          "warnings");

  private static final Set<String> DEPLOYMENT_KEYS =
      Set.of(
          "valid",
          "reason",
          "message",
          "targeted",
          "applied",
          "succeeded",
          "failed",
          "metrics",
          "warnings");

  /** A misspelt expectation must fail, not go unchecked. */
  private static void knownKeys(
      SoftAssertions soft, String what, JsonNode node, Set<String> known) {
    node.fieldNames()
        .forEachRemaining(
            key -> soft.assertThat(known).as(what + ": unknown expectation " + key).contains(key));
  }

  private static void checkDevice(SoftAssertions soft, DeviceDecision decision, JsonNode expect) {
    String device = decision.device().name();
    Set<String> known = new HashSet<>(DEVICE_KEYS);
    known.addAll(CONFIGURATION_KEYS);
    knownKeys(soft, device, expect, known);
    if (CONFIGURATION_KEYS.stream().anyMatch(expect::has) && decision.configuration() == null) {
      // every check below needs one: without it they would pass having checked nothing
      soft.fail(device + " has no configuration, but the scenario expects one");
      return;
    }
    if (expect.has("outcome")) {
      soft.assertThat(decision.outcome().name())
          .as(device + " outcome")
          .isEqualTo(expect.get("outcome").asText());
    }
    if (expect.has("base")) {
      soft.assertThat(decision.baseName())
          .as(device + " base")
          .isEqualTo(expect.get("base").isNull() ? null : expect.get("base").asText());
    }
    if (expect.has("layers")) {
      soft.assertThat(decision.layerNames())
          .as(device + " layers")
          .isEqualTo(texts(expect.get("layers")));
    }
    if (expect.has("desiredVersion")) {
      soft.assertThat(decision.desiredVersion())
          .as(device + " desiredVersion")
          .isEqualTo(
              expect.get("desiredVersion").isNull() ? null : expect.get("desiredVersion").asText());
    }
    ResolvedConfiguration config = decision.configuration();
    JsonNode agent =
        config == null
            ? null
            : config.manifest().at("/modulesContent/$edgeAgent/properties.desired");
    JsonNode hub =
        config == null ? null : config.manifest().at("/modulesContent/$edgeHub/properties.desired");
    if (expect.has("modules")) {
      soft.assertThat(names(agent.get("modules")))
          .as(device + " modules")
          .isEqualTo(texts(expect.get("modules")));
    }
    if (expect.has("moduleImages")) {
      expect
          .get("moduleImages")
          .properties()
          .iterator()
          .forEachRemaining(
              e ->
                  soft.assertThat(agent.at("/modules/" + e.getKey() + "/settings/image").asText())
                      .as(device + " image of " + e.getKey())
                      .isEqualTo(e.getValue().asText()));
    }
    if (expect.has("routes")) {
      Map<String, String> routes = new TreeMap<>();
      hub.get("routes")
          .properties()
          .iterator()
          .forEachRemaining(
              e ->
                  routes.put(
                      e.getKey(),
                      e.getValue().isTextual()
                          ? e.getValue().asText()
                          : e.getValue().get("route").asText()));
      Map<String, String> expected = new TreeMap<>();
      expect
          .get("routes")
          .properties()
          .iterator()
          .forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asText()));
      soft.assertThat(routes).as(device + " routes").isEqualTo(expected);
    }
    if (expect.has("provenance")) {
      expect
          .get("provenance")
          .properties()
          .iterator()
          .forEachRemaining(
              e ->
                  soft.assertThat(config.provenance().get(e.getKey()))
                      .as(device + " provenance." + e.getKey())
                      .isEqualTo(e.getValue()));
    }
    if (expect.has("twins")) {
      expect
          .get("twins")
          .properties()
          .iterator()
          .forEachRemaining(
              e ->
                  soft.assertThat(
                          config
                              .manifest()
                              .at("/modulesContent/" + e.getKey() + "/properties.desired"))
                      .as(device + " twin of " + e.getKey())
                      .isEqualTo(e.getValue()));
    }
    if (expect.has("manifest")) {
      expect
          .get("manifest")
          .properties()
          .iterator()
          .forEachRemaining(
              e -> {
                JsonNode actual = config.manifest().at(e.getKey());
                if (e.getValue().isNull()) {
                  soft.assertThat(actual.isMissingNode())
                      .as(device + " manifest " + e.getKey() + " absent")
                      .isTrue();
                } else if (actual.isNumber() && e.getValue().isNumber()) {
                  soft.assertThat(actual.decimalValue())
                      .as(device + " manifest " + e.getKey())
                      .isEqualByComparingTo(e.getValue().decimalValue());
                } else {
                  soft.assertThat(actual)
                      .as(device + " manifest " + e.getKey())
                      .isEqualTo(e.getValue());
                }
              });
    }
    if (expect.has("registryCredentials")) {
      Map<String, String> actual = new TreeMap<>();
      config.registryCredentials().forEach((n, c) -> actual.put(n, c.credential().getAddress()));
      Map<String, String> expected = new TreeMap<>();
      expect
          .get("registryCredentials")
          .properties()
          .iterator()
          .forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asText()));
      soft.assertThat(actual).as(device + " registry credentials").isEqualTo(expected);
    }
    if (expect.has("warnings")) {
      List<String> warnings =
          config.warnings().stream().map(ConfigurationWarning::message).toList();
      for (String fragment : texts(expect.get("warnings"))) {
        soft.assertThat(warnings).as(device + " warnings").anyMatch(w -> w.contains(fragment));
      }
    }
    if (expect.has("reasons")) {
      Map<String, Consideration> byName = new TreeMap<>();
      decision.considered().forEach(c -> byName.put(c.deployment(), c));
      expect
          .get("reasons")
          .properties()
          .iterator()
          .forEachRemaining(
              e -> {
                Consideration c = byName.get(e.getKey());
                soft.assertThat(c).as(device + " considered " + e.getKey()).isNotNull();
                if (c != null) {
                  soft.assertThat(c.reason())
                      .as(device + " reason for " + e.getKey())
                      .contains(e.getValue().asText());
                }
              });
    }
    if (expect.has("matched")) {
      expect
          .get("matched")
          .properties()
          .iterator()
          .forEachRemaining(
              e ->
                  soft.assertThat(decision.match(e.getKey()))
                      .as(device + " matched " + e.getKey())
                      .isEqualTo(Truth.valueOf(e.getValue().asText().toUpperCase(Locale.ROOT))));
    }
    if (expect.has("relevant")) {
      soft.assertThat(decision.relevant().stream().map(Consideration::deployment).toList())
          .as(device + " relevant deployments")
          .isEqualTo(texts(expect.get("relevant")));
    }
  }

  private static void checkDeployment(
      SoftAssertions soft, DeploymentReport report, JsonNode expect) {
    String name = report.name();
    knownKeys(soft, name, expect, DEPLOYMENT_KEYS);
    if (expect.has("valid")) {
      soft.assertThat(report.validity().isValid())
          .as(name + " valid")
          .isEqualTo(expect.get("valid").asBoolean());
    }
    if (expect.has("reason")) {
      soft.assertThat(String.valueOf(report.validity().reason()))
          .as(name + " reason")
          .isEqualTo(expect.get("reason").asText());
    }
    if (expect.has("message")) {
      soft.assertThat(report.validity().message())
          .as(name + " message")
          .contains(expect.get("message").asText());
    }
    check(soft, name + " targeted", report.targetedCount(), expect.get("targeted"));
    check(soft, name + " applied", report.appliedCount(), expect.get("applied"));
    check(soft, name + " succeeded", report.reportedSuccessfulCount(), expect.get("succeeded"));
    check(soft, name + " failed", report.reportedFailedCount(), expect.get("failed"));
    if (expect.has("metrics")) {
      Map<String, Long> expected = new TreeMap<>();
      expect
          .get("metrics")
          .properties()
          .iterator()
          .forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asLong()));
      soft.assertThat(new TreeMap<>(report.metrics())).as(name + " metrics").isEqualTo(expected);
    }
    if (expect.has("warnings")) {
      for (String fragment : texts(expect.get("warnings"))) {
        soft.assertThat(report.warnings())
            .as(name + " warnings")
            .anyMatch(w -> w.contains(fragment));
      }
    }
  }

  private static void check(SoftAssertions soft, String what, long actual, JsonNode expected) {
    if (expected != null) {
      soft.assertThat(actual).as(what).isEqualTo(expected.asLong());
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    if (object != null) {
      object.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }
}

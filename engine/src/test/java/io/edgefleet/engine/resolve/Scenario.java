package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A decision scenario read from YAML: deployments, devices (with what they have now) and what the
 * engine must decide. See {@code src/test/resources/scenarios/README.md} for the format.
 */
record Scenario(
    String file,
    String description,
    List<DeploymentSource> deployments,
    List<DeviceSource> devices,
    JsonNode expect) {

  /** Unknown properties fail: a misspelt spec field would otherwise never be checked. */
  static final ObjectMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final Set<String> SCENARIO_KEYS =
      Set.of("description", "deployments", "devices", "expect");
  private static final Set<String> DEPLOYMENT_KEYS = Set.of("name", "createdAt", "spec");
  private static final Set<String> DEVICE_KEYS =
      Set.of("name", "tags", "reported", "current", "targetedBy");
  private static final Set<String> CURRENT_KEYS = Set.of("desiredVersion", "base", "layers");

  private static void known(String file, JsonNode node, Set<String> keys) {
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!keys.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown property " + key);
              }
            });
  }

  static Scenario load(String file) {
    try (InputStream in = Scenario.class.getResourceAsStream("/scenarios/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no scenario " + file);
      }
      JsonNode root = YAML.readTree(in);
      known(file, root, SCENARIO_KEYS);
      List<DeploymentSource> deployments = new ArrayList<>();
      for (JsonNode d : root.path("deployments")) {
        known(file, d, DEPLOYMENT_KEYS);
        deployments.add(
            new DeploymentSource(
                "test",
                d.get("name").asText(),
                d.hasNonNull("createdAt") ? Instant.parse(d.get("createdAt").asText()) : null,
                1,
                YAML.convertValue(d.get("spec"), EdgeDeploymentSpec.class)));
      }
      List<DeviceSource> devices = new ArrayList<>();
      for (JsonNode d : root.path("devices")) {
        known(file, d, DEVICE_KEYS);
        CurrentConfiguration current = null;
        if (d.hasNonNull("current")) {
          JsonNode c = d.get("current");
          known(file, c, CURRENT_KEYS);
          List<String> layers = new ArrayList<>();
          c.path("layers").forEach(l -> layers.add(l.asText()));
          current =
              new CurrentConfiguration(
                  c.path("desiredVersion").asText("v0"),
                  c.hasNonNull("base") ? c.get("base").asText() : null,
                  layers);
        }
        var targetedBy = new HashSet<String>();
        d.path("targetedBy").forEach(t -> targetedBy.add(t.asText()));
        devices.add(
            new DeviceSource(
                "test",
                d.get("name").asText(),
                d.has("tags") ? (ObjectNode) d.get("tags") : null,
                d.has("reported") ? (ObjectNode) d.get("reported") : null,
                current,
                targetedBy));
      }
      return new Scenario(
          file, root.path("description").asText(file), deployments, devices, root.get("expect"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The placeholder for "the version the engine decides" in reported.lastDesiredVersion. */
  static final String DECIDED = "$desired";

  static boolean reportsDecidedVersion(DeviceSource device) {
    return DECIDED.equals(device.reported().path("lastDesiredVersion").asText());
  }

  /** The devices after their agents reported the decided version (where the scenario says so). */
  static List<DeviceSource> reportDecidedVersions(NamespaceResolution resolution) {
    List<DeviceSource> devices = new ArrayList<>();
    for (DeviceDecision decision : resolution.decisions()) {
      DeviceSource device = decision.device();
      if (reportsDecidedVersion(device)) {
        ObjectNode reported = device.reported().deepCopy();
        reported.put("lastDesiredVersion", decision.desiredVersion());
        device = device.withReported(reported);
      }
      if (decision.configuration() != null) {
        device =
            device.withCurrent(
                new CurrentConfiguration(
                    decision.desiredVersion(), decision.baseName(), decision.layerNames()));
      }
      devices.add(device);
    }
    return devices;
  }

  @Override
  public String toString() {
    return file + ": " + description;
  }
}

package io.edgefleet.cli.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.contract.CreateOptionsChunks;
import io.edgefleet.engine.manifest.ManifestDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The normalisations of docs/migrating-from-azure.md ("What export writes"), applied to an Azure
 * {@code modulesContent} so that an input manifest and its export compare as JSON: defaults written
 * out, createOptions chunks joined and parsed, empty createOptions / env / registryCredentials left
 * out, env values as strings, $edgeHub's schema version as $edgeAgent's, routes in the form of that
 * schema version.
 */
final class AzureNormalForm {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AzureNormalForm() {}

  static JsonNode of(JsonNode modulesContent) throws Exception {
    ObjectNode contents = modulesContent.deepCopy();
    ObjectNode agent = (ObjectNode) contents.get("$edgeAgent").get("properties.desired");
    String schema = agent.get("schemaVersion").asText();
    ObjectNode runtime = (ObjectNode) agent.get("runtime");
    runtime.put("type", "docker");
    ObjectNode settings = runtime.withObject("/settings");
    if (!settings.has("minDockerVersion")) {
      settings.put("minDockerVersion", ManifestDefaults.MIN_DOCKER_VERSION);
    }
    if (!settings.has("loggingOptions")) {
      settings.put("loggingOptions", "");
    }
    if (settings.has("registryCredentials") && settings.get("registryCredentials").isEmpty()) {
      settings.remove("registryCredentials");
    }
    ObjectNode system = (ObjectNode) agent.get("systemModules");
    module((ObjectNode) system.get("edgeAgent"), null);
    ObjectNode hub = (ObjectNode) system.get("edgeHub");
    module(hub, ManifestDefaults.EDGE_HUB_CREATE_OPTIONS);
    putIfAbsent(hub, "status", "running");
    putIfAbsent(hub, "restartPolicy", "always");
    if (schema.equals("1.1")) {
      if (!hub.has("startupOrder")) {
        hub.put("startupOrder", 0);
      }
    } else {
      hub.remove("startupOrder");
    }
    if (agent.has("modules")) {
      for (JsonNode module : agent.get("modules")) {
        ObjectNode m = (ObjectNode) module;
        module(m, null);
        putIfAbsent(m, "status", "running");
        putIfAbsent(m, "restartPolicy", "always");
        putIfAbsent(m, "imagePullPolicy", "on-create");
        if (!schema.equals("1.1")) {
          m.remove("startupOrder");
        }
      }
    } else {
      agent.putObject("modules");
    }

    ObjectNode hubDesired = (ObjectNode) contents.get("$edgeHub").get("properties.desired");
    hubDesired.put("schemaVersion", schema);
    ObjectNode forward = hubDesired.withObject("/storeAndForwardConfiguration");
    if (!forward.has("timeToLiveSecs")) {
      forward.put("timeToLiveSecs", ManifestDefaults.STORE_AND_FORWARD_TTL_SECS);
    }
    long ttl = forward.get("timeToLiveSecs").asLong();
    ObjectNode routes = hubDesired.withObject("/routes");
    List<String> names = new ArrayList<>();
    routes.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode route = routes.get(name);
      String text = (route.isTextual() ? route.asText() : route.get("route").asText()).trim();
      if (schema.equals("1.0")) {
        routes.put(name, text);
      } else {
        ObjectNode node = JSON.createObjectNode();
        node.put("route", text);
        node.put("priority", route.path("priority").asInt(0));
        node.put("timeToLiveSecs", route.path("timeToLiveSecs").asLong(ttl));
        routes.set(name, node);
      }
    }
    return JSON.readTree(contents.toString()); // one node type per number (int vs long)
  }

  private static void module(ObjectNode module, String defaultCreateOptions) throws Exception {
    module.put("type", "docker");
    ObjectNode settings = (ObjectNode) module.get("settings");
    String options = CreateOptionsChunks.join(settings, "settings");
    List<String> chunks = new ArrayList<>();
    settings.fieldNames().forEachRemaining(chunks::add);
    chunks.stream().filter(CreateOptionsChunks::isChunk).forEach(settings::remove);
    if (options == null || options.isBlank()) {
      options = defaultCreateOptions;
    }
    JsonNode parsed = options == null ? null : JSON.readTree(options);
    if (parsed != null && !parsed.isEmpty()) {
      settings.set("createOptions", parsed);
    }
    JsonNode env = module.get("env");
    if (env != null && env.isEmpty()) {
      module.remove("env");
    } else if (env != null) {
      for (Map.Entry<String, JsonNode> variable : env.properties()) {
        ((ObjectNode) variable.getValue()).put("value", variable.getValue().get("value").asText());
      }
    }
  }

  private static void putIfAbsent(ObjectNode node, String field, String value) {
    if (!node.has(field)) {
      node.put(field, value);
    }
  }
}

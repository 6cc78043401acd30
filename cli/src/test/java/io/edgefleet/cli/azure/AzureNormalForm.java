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
 * {@code modulesContent} so that an input manifest and its export compare as JSON: what Azure's
 * schema requires written out ({@code type: docker}, module and edgeHub status and restart policy,
 * edgeHub's createOptions), createOptions chunks joined and parsed, an empty createOptions string,
 * empty env and empty registryCredentials left out, env values as strings, $edgeHub's schema
 * version as $edgeAgent's (1.2 with mqttBroker), a route object with only its text as the string.
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
    if (settings.has("registryCredentials") && settings.get("registryCredentials").isEmpty()) {
      settings.remove("registryCredentials");
    }
    ObjectNode system = (ObjectNode) agent.get("systemModules");
    module((ObjectNode) system.get("edgeAgent"), null);
    ObjectNode hub = (ObjectNode) system.get("edgeHub");
    module(hub, ManifestDefaults.EDGE_HUB_CREATE_OPTIONS);
    putIfAbsent(hub, "status", "running");
    putIfAbsent(hub, "restartPolicy", "always");
    if (agent.has("modules")) {
      for (JsonNode module : agent.get("modules")) {
        ObjectNode m = (ObjectNode) module;
        module(m, null);
        putIfAbsent(m, "status", "running");
        putIfAbsent(m, "restartPolicy", "always");
      }
    } else {
      agent.putObject("modules");
    }

    ObjectNode hubDesired = (ObjectNode) contents.get("$edgeHub").get("properties.desired");
    hubDesired.put("schemaVersion", hubDesired.has("mqttBroker") ? "1.2" : schema);
    JsonNode forward = hubDesired.get("storeAndForwardConfiguration");
    if (forward != null && !forward.has("timeToLiveSecs")) {
      hubDesired.remove("storeAndForwardConfiguration");
    }
    ObjectNode routes = hubDesired.withObject("/routes");
    List<String> names = new ArrayList<>();
    routes.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode route = routes.get(name);
      if (route.isObject() && route.size() == 1) {
        routes.put(name, route.get("route").asText());
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
    if (options != null) {
      settings.set("createOptions", JSON.readTree(options));
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

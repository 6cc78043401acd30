package io.edgefleet.engine.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.contract.CreateOptionsChunks;
import io.edgefleet.engine.manifest.CanonicalJson;
import io.edgefleet.engine.manifest.ManifestDefaults;
import io.edgefleet.engine.param.Template;
import io.edgefleet.engine.query.QueryException;
import io.edgefleet.engine.route.Route;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code modulesContent} into an EdgeDeployment spec: {@code $edgeAgent} (runtime, system
 * modules, modules), {@code $edgeHub} (routes, store and forward) and module twins, for standard
 * manifests (whole {@code properties.desired}) and layered ones (sub-path keys).
 */
final class ManifestReader {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String DESIRED = "properties.desired";
  private static final String CREDENTIAL_PREFIX =
      DESIRED + ".runtime.settings.registryCredentials.";
  private static final long MAX_STARTUP_ORDER = 4294967295L;
  private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Pattern ENV_NAME = Pattern.compile("[^=\\x00]+");
  private static final Set<String> STATUSES = Set.of("running", "stopped");
  private static final Set<String> RESTART_POLICIES =
      Set.of("never", "on-failure", "on-unhealthy", "always");
  private static final Set<String> PULL_POLICIES = Set.of("on-create", "never");

  private final ObjectNode spec;
  private final boolean layered;
  private final String deployment;
  private final String namespace;
  private final List<AzureImport.RegistrySecret> secrets;
  private final List<String> notes;
  private final Map<String, String> secretNames;

  /**
   * @param secretNames the Secret name of each registry credential that does not take the default
   *     name ({@link AzureImport#defaultSecretName})
   */
  ManifestReader(
      ObjectNode spec,
      boolean layered,
      String deployment,
      String namespace,
      List<AzureImport.RegistrySecret> secrets,
      List<String> notes,
      Map<String, String> secretNames) {
    this.spec = spec;
    this.layered = layered;
    this.deployment = deployment;
    this.namespace = namespace;
    this.secrets = secrets;
    this.notes = notes;
    this.secretNames = secretNames;
  }

  void read(JsonNode modulesContent, String at) throws AzureFormatException {
    String agentSchema = "1.1";
    for (Map.Entry<String, JsonNode> entry : modulesContent.properties()) {
      String key = entry.getKey();
      String path = JsonPath.child(at, key);
      JsonNode value = object(entry.getValue(), path);
      if (key.equals("$edgeAgent")) {
        agentSchema = layered ? layeredAgent(value, path) : agent(value, path);
      } else if (key.equals("$edgeHub")) {
        if (layered) {
          layeredHub(value, path);
        }
      } else if (key.startsWith("$")) {
        throw new AzureFormatException(
            path, "unknown system module twin (only $edgeAgent and $edgeHub exist)");
      } else {
        twin(key, value, path);
      }
    }
    JsonNode hub = modulesContent.get("$edgeHub");
    if (!layered) {
      if (hub == null) {
        throw new AzureFormatException(
            JsonPath.child(at, "$edgeHub"),
            "missing: a standard manifest has $edgeHub.properties.desired (schemaVersion, routes)");
      }
      hub(hub, JsonPath.child(at, "$edgeHub"), agentSchema);
      if (spec.get("runtime").equals(defaultRuntime())) {
        // what export writes for a deployment that says nothing of its runtime
        spec.remove("runtime");
      }
    }
  }

  /** The runtime Azure's schema makes a manifest state when EdgeFleet's defaults are meant. */
  private static ObjectNode defaultRuntime() {
    ObjectNode runtime = JSON.objectNode();
    runtime.put("schemaVersion", "1.1");
    runtime.putObject("edgeAgent").put("image", ManifestDefaults.EDGE_AGENT_IMAGE);
    ObjectNode hub = runtime.putObject("edgeHub");
    hub.put("image", ManifestDefaults.EDGE_HUB_IMAGE);
    hub.set("createOptions", CanonicalJson.read(ManifestDefaults.EDGE_HUB_CREATE_OPTIONS));
    return runtime;
  }

  // ---- standard manifests

  private String agent(JsonNode agent, String at) throws AzureFormatException {
    AzureImport.allowOnly(agent, at, Set.of(DESIRED), "$edgeAgent");
    String path = JsonPath.child(at, DESIRED);
    JsonNode desired = object(agent.get(DESIRED), path);
    AzureImport.allowOnly(
        desired,
        path,
        Set.of("schemaVersion", "runtime", "systemModules", "modules"),
        "$edgeAgent's desired properties");
    String schema = schema(desired, path, Set.of("1.0", "1.1"));
    ObjectNode runtime = spec.putObject("runtime");
    runtime.put("schemaVersion", schema);
    runtime(required(desired, "runtime", path), JsonPath.child(path, "runtime"), runtime);
    JsonNode system = required(desired, "systemModules", path);
    String systemPath = JsonPath.child(path, "systemModules");
    AzureImport.allowOnly(system, systemPath, Set.of("edgeAgent", "edgeHub"), "systemModules");
    runtime.set(
        "edgeAgent",
        systemModule(
            required(system, "edgeAgent", systemPath),
            JsonPath.child(systemPath, "edgeAgent"),
            false));
    runtime.set(
        "edgeHub",
        systemModule(
            required(system, "edgeHub", systemPath), JsonPath.child(systemPath, "edgeHub"), true));
    ObjectNode modules = spec.putObject("modules");
    JsonNode custom = desired.get("modules");
    if (custom != null && !custom.isNull()) {
      String modulesPath = JsonPath.child(path, "modules");
      for (Map.Entry<String, JsonNode> module : object(custom, modulesPath).properties()) {
        moduleName(module.getKey(), JsonPath.child(modulesPath, module.getKey()));
        modules.set(
            module.getKey(),
            module(module.getValue(), JsonPath.child(modulesPath, module.getKey())));
      }
    }
    return schema;
  }

  private void runtime(JsonNode runtime, String at, ObjectNode out) throws AzureFormatException {
    AzureImport.allowOnly(runtime, at, Set.of("type", "settings"), "runtime");
    type(runtime, at);
    JsonNode settings = runtime.get("settings");
    if (settings == null || settings.isNull()) {
      return;
    }
    String path = JsonPath.child(at, "settings");
    AzureImport.allowOnly(
        object(settings, path),
        path,
        Set.of("minDockerVersion", "loggingOptions", "registryCredentials"),
        "runtime settings");
    String minDocker = text(settings, "minDockerVersion", path);
    if (minDocker != null) {
      out.put("minDockerVersion", minDocker);
    }
    String logging = text(settings, "loggingOptions", path);
    if (logging != null) {
      out.put("loggingOptions", logging);
    }
    JsonNode credentials = settings.get("registryCredentials");
    if (credentials != null && !credentials.isNull()) {
      String credentialsPath = JsonPath.child(path, "registryCredentials");
      for (Map.Entry<String, JsonNode> credential :
          object(credentials, credentialsPath).properties()) {
        credential(
            credential.getKey(),
            credential.getValue(),
            JsonPath.child(credentialsPath, credential.getKey()));
      }
    }
  }

  private void credential(String name, JsonNode value, String at) throws AzureFormatException {
    if (!AzureImport.validCredentialName(name)) {
      throw new AzureFormatException(
          at,
          "'"
              + name
              + "' cannot name a registry credential here (lowercase letters, digits, '-' and '.',"
              + " as a Kubernetes name)");
    }
    AzureImport.allowOnly(
        object(value, at), at, Set.of("address", "username", "password"), "a registry credential");
    String address = requiredText(value, "address", at);
    String username = requiredText(value, "username", at);
    String password = requiredText(value, "password", at);
    String secretName =
        secretNames.getOrDefault(name, AzureImport.defaultSecretName(deployment, name));
    if (secretName.length() > 253) {
      throw new AzureFormatException(at, "the Secret name " + secretName + " would be too long");
    }
    ObjectNode credentials = spec.withObject("/registryCredentials");
    ObjectNode credential = credentials.putObject(name);
    credential.put("address", address);
    credential.put("secretName", secretName);
    secrets.add(
        new AzureImport.RegistrySecret(secretName, namespace, name, address, username, password));
  }

  private ObjectNode systemModule(JsonNode module, String at, boolean hub)
      throws AzureFormatException {
    Set<String> allowed =
        hub
            ? Set.of("type", "settings", "env", "status", "restartPolicy", "startupOrder")
            : Set.of("type", "settings", "env");
    AzureImport.allowOnly(object(module, at), at, allowed, hub ? "edgeHub" : "edgeAgent");
    type(module, at);
    ObjectNode out = JSON.objectNode();
    settings(module, at, out);
    env(module, at, out);
    if (hub) {
      choice(module, "status", at, STATUSES, out);
      choice(module, "restartPolicy", at, RESTART_POLICIES, out);
      dropDefaults(out);
      startupOrder(module, at, out);
    }
    return out;
  }

  private ObjectNode module(JsonNode module, String at) throws AzureFormatException {
    AzureImport.allowOnly(
        object(module, at),
        at,
        Set.of(
            "version",
            "type",
            "status",
            "restartPolicy",
            "imagePullPolicy",
            "startupOrder",
            "settings",
            "env"),
        "a module");
    type(module, at);
    ObjectNode out = JSON.objectNode();
    String version = text(module, "version", at);
    if (version != null) {
      out.put("version", version);
    }
    choice(module, "status", at, STATUSES, out);
    choice(module, "restartPolicy", at, RESTART_POLICIES, out);
    choice(module, "imagePullPolicy", at, PULL_POLICIES, out);
    dropDefaults(out);
    startupOrder(module, at, out);
    settings(module, at, out);
    env(module, at, out);
    return out;
  }

  /**
   * Leaves out {@code status: running} and {@code restartPolicy: always}: Azure's schema requires
   * both (and {@code type: docker}) on every module, so a manifest cannot say whether they were
   * chosen; EdgeFleet's defaults are the same values, and export writes them back.
   */
  private static void dropDefaults(ObjectNode module) {
    if ("running".equals(module.path("status").asText(null))) {
      module.remove("status");
    }
    if ("always".equals(module.path("restartPolicy").asText(null))) {
      module.remove("restartPolicy");
    }
  }

  private void settings(JsonNode module, String at, ObjectNode out) throws AzureFormatException {
    String path = JsonPath.child(at, "settings");
    JsonNode settings = object(required(module, "settings", at), path);
    for (String key : AzureImport.iterable(settings)) {
      if (!key.equals("image") && !CreateOptionsChunks.isChunk(key)) {
        throw new AzureFormatException(
            JsonPath.child(path, key),
            "not a module setting (expected image, createOptions, createOptions01, ...)");
      }
    }
    String image = requiredText(settings, "image", path);
    placeholders(image, JsonPath.child(path, "image"));
    out.put("image", image);
    String text = AzureImport.createOptions(settings, path);
    if (text == null || text.isBlank()) {
      return;
    }
    JsonNode options;
    try {
      options = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new AzureFormatException(
          JsonPath.child(path, "createOptions"),
          "not JSON (the chunks joined): " + e.getOriginalMessage());
    }
    if (options == null || !options.isObject()) {
      throw new AzureFormatException(
          JsonPath.child(path, "createOptions"), "must be a JSON object in a string");
    }
    placeholders(options, JsonPath.child(path, "createOptions"));
    out.set("createOptions", options);
  }

  private void env(JsonNode module, String at, ObjectNode out) throws AzureFormatException {
    JsonNode env = module.get("env");
    if (env == null || env.isNull()) {
      return;
    }
    String path = JsonPath.child(at, "env");
    object(env, path);
    if (env.isEmpty()) {
      return;
    }
    ObjectNode values = out.putObject("env");
    for (Map.Entry<String, JsonNode> variable : env.properties()) {
      String variablePath = JsonPath.child(path, variable.getKey());
      if (!ENV_NAME.matcher(variable.getKey()).matches()) {
        throw new AzureFormatException(
            variablePath,
            "an environment variable name must not be empty and must not contain '=' or NUL"
                + " (Docker's rule)");
      }
      JsonNode holder = object(variable.getValue(), variablePath);
      AzureImport.allowOnly(holder, variablePath, Set.of("value"), "an environment variable");
      JsonNode value = holder.get("value");
      if (value == null || !value.isValueNode() || value.isNull()) {
        throw new AzureFormatException(
            JsonPath.child(variablePath, "value"), "must be a string, number or boolean");
      }
      placeholders(value.asText(), JsonPath.child(variablePath, "value"));
      values.put(variable.getKey(), value.asText());
    }
  }

  private void hub(JsonNode hub, String at, String agentSchema) throws AzureFormatException {
    AzureImport.allowOnly(object(hub, at), at, Set.of(DESIRED), "$edgeHub");
    String path = JsonPath.child(at, DESIRED);
    JsonNode desired = object(required(hub, DESIRED, at), path);
    AzureImport.allowOnly(
        desired,
        path,
        Set.of("schemaVersion", "routes", "storeAndForwardConfiguration", "mqttBroker"),
        "$edgeHub's desired properties");
    String given = requiredText(desired, "schemaVersion", path);
    String schema = schema(desired, path, Set.of("1.0", "1.1", "1.2"));
    JsonNode broker = desired.get("mqttBroker");
    if (broker != null && !broker.isNull()) {
      String brokerPath = JsonPath.child(path, "mqttBroker");
      if (!given.equals("1.2") || !agentSchema.equals("1.1")) {
        throw new AzureFormatException(
            brokerPath,
            "edgeHub reads mqttBroker with $edgeHub schemaVersion 1.2 and $edgeAgent 1.1, not "
                + given
                + " and "
                + agentSchema);
      }
      // carried to the device unread, as edgeHub's other desired properties are
      spec.withObject("/runtime").set("mqttBroker", object(broker, brokerPath));
    } else if (!schema.equals(agentSchema) || !given.equals(schema)) {
      notes.add(
          "$edgeHub schemaVersion "
              + given
              + " is written as $edgeAgent's "
              + agentSchema
              + " (EdgeFleet has one runtime.schemaVersion)");
    }
    JsonNode forward = desired.get("storeAndForwardConfiguration");
    if (forward != null && !forward.isNull()) {
      String forwardPath = JsonPath.child(path, "storeAndForwardConfiguration");
      AzureImport.allowOnly(
          object(forward, forwardPath),
          forwardPath,
          Set.of("timeToLiveSecs"),
          "storeAndForwardConfiguration");
      JsonNode ttl = forward.get("timeToLiveSecs");
      if (ttl != null && !ttl.isNull()) {
        spec.withObject("/runtime")
            .put(
                "storeAndForwardTimeToLiveSecs",
                nonNegative(ttl, JsonPath.child(forwardPath, "timeToLiveSecs")));
      }
    }
    JsonNode routes = desired.get("routes");
    if (routes != null && !routes.isNull()) {
      String routesPath = JsonPath.child(path, "routes");
      for (Map.Entry<String, JsonNode> route : object(routes, routesPath).properties()) {
        route(route.getKey(), route.getValue(), JsonPath.child(routesPath, route.getKey()));
      }
    }
  }

  private void route(String name, JsonNode value, String at) throws AzureFormatException {
    ObjectNode out = JSON.objectNode();
    String text;
    if (value.isTextual()) {
      text = value.asText();
    } else if (value.isObject()) {
      AzureImport.allowOnly(value, at, Set.of("route", "priority", "timeToLiveSecs"), "a route");
      text = requiredText(value, "route", at);
      JsonNode priority = value.get("priority");
      if (priority != null && !priority.isNull()) {
        long p = nonNegative(priority, JsonPath.child(at, "priority"));
        if (p > 9) {
          throw new AzureFormatException(
              JsonPath.child(at, "priority"), "must be 0 (highest) to 9");
        }
        out.put("priority", (int) p);
      }
      JsonNode ttl = value.get("timeToLiveSecs");
      if (ttl != null && !ttl.isNull()) {
        out.put("timeToLiveSecs", nonNegative(ttl, JsonPath.child(at, "timeToLiveSecs")));
      }
    } else {
      throw new AzureFormatException(
          at, "a route is a string or an object {route, priority, timeToLiveSecs}");
    }
    Route parsed = AzureImport.route(text, value.isTextual() ? at : JsonPath.child(at, "route"));
    parsed.warnings().forEach(warning -> notes.add("route " + name + ": " + warning));
    ObjectNode routes = spec.withObject("/routes");
    out.put("route", text);
    routes.set(name, reorder(out));
  }

  private static ObjectNode reorder(ObjectNode route) {
    ObjectNode ordered = JSON.objectNode();
    ordered.set("route", route.get("route"));
    if (route.has("priority")) {
      ordered.set("priority", route.get("priority"));
    }
    if (route.has("timeToLiveSecs")) {
      ordered.set("timeToLiveSecs", route.get("timeToLiveSecs"));
    }
    return ordered;
  }

  // ---- layered manifests

  private String layeredAgent(JsonNode agent, String at) throws AzureFormatException {
    String prefix = DESIRED + ".modules.";
    for (Map.Entry<String, JsonNode> entry : agent.properties()) {
      String key = entry.getKey();
      String path = JsonPath.child(at, key);
      if (key.startsWith(prefix) && key.length() > prefix.length()) {
        String module = key.substring(prefix.length());
        moduleName(module, path);
        spec.withObject("/modules").set(module, module(entry.getValue(), path));
      } else if (key.startsWith(CREDENTIAL_PREFIX) && key.length() > CREDENTIAL_PREFIX.length()) {
        // a layer's credential replaces the one of the same name (docs/concepts.md, Merge)
        credential(key.substring(CREDENTIAL_PREFIX.length()), entry.getValue(), path);
      } else if (key.startsWith(DESIRED + ".runtime.settings.registryCredentials")) {
        throw new AzureFormatException(
            path,
            "a layer sets registry credentials one by one"
                + " (properties.desired.runtime.settings.registryCredentials.<name>): in EdgeFleet a"
                + " layer's credential replaces the one of the same name and keeps the others, so"
                + " a layer cannot replace them all");
      } else {
        throw new AzureFormatException(
            path,
            "a layered manifest can only set $edgeAgent's properties.desired.modules.<module> and"
                + " properties.desired.runtime.settings.registryCredentials.<name>: the runtime,"
                + " system modules and schema version come from the base deployment");
      }
    }
    return null;
  }

  private void layeredHub(JsonNode hub, String at) throws AzureFormatException {
    String prefix = DESIRED + ".routes.";
    for (Map.Entry<String, JsonNode> entry : hub.properties()) {
      String key = entry.getKey();
      String path = JsonPath.child(at, key);
      if (key.startsWith(prefix) && key.length() > prefix.length()) {
        route(key.substring(prefix.length()), entry.getValue(), path);
      } else {
        throw new AzureFormatException(
            path,
            "a layered manifest can only set $edgeHub's properties.desired.routes.<route>: store"
                + " and forward and the schema version come from the base deployment");
      }
    }
  }

  // ---- module twins

  private void twin(String module, JsonNode twin, String at) throws AzureFormatException {
    moduleName(module, at);
    ObjectNode paths = JSON.objectNode();
    for (Map.Entry<String, JsonNode> entry : twin.properties()) {
      String key = entry.getKey();
      String path = JsonPath.child(at, key);
      if (!key.equals(DESIRED) && !key.startsWith(DESIRED + ".")) {
        throw new AzureFormatException(
            path,
            "a module twin entry sets properties.desired or a sub-path such as"
                + " properties.desired.settings");
      }
      if (key.endsWith(".") || key.contains("..")) {
        throw new AzureFormatException(path, "an empty name in the twin path");
      }
      if (!entry.getValue().isObject()) {
        throw new AzureFormatException(
            path,
            "EdgeFleet sets twin paths to objects only; set the object that holds this value (e.g."
                + " properties.desired.settings: {interval: 5} instead of"
                + " properties.desired.settings.interval: 5)");
      }
      placeholders(entry.getValue(), path);
      paths.set(key, entry.getValue());
    }
    if (!paths.isEmpty()) {
      spec.withObject("/moduleTwins").set(module, paths);
    }
  }

  // ---- small readers

  private static void moduleName(String name, String at) throws AzureFormatException {
    if (!MODULE_NAME.matcher(name).matches()) {
      throw new AzureFormatException(at, "module names are 1-128 letters, digits, '_', '.' or '-'");
    }
    if (name.equals("edgeAgent") || name.equals("edgeHub")) {
      throw new AzureFormatException(
          at, "edgeAgent and edgeHub are system modules (systemModules), not modules");
    }
  }

  private static String schema(JsonNode desired, String at, Set<String> allowed)
      throws AzureFormatException {
    String schema = requiredText(desired, "schemaVersion", at);
    if (!allowed.contains(schema)) {
      throw new AzureFormatException(
          JsonPath.child(at, "schemaVersion"),
          "schema version " + schema + " is not supported (" + String.join(", ", allowed) + ")");
    }
    return schema.equals("1.2") ? "1.1" : schema;
  }

  private static void type(JsonNode node, String at) throws AzureFormatException {
    JsonNode type = node.get("type");
    if (type != null && !type.isNull() && !"docker".equals(type.asText())) {
      throw new AzureFormatException(
          JsonPath.child(at, "type"), "only docker is supported, not " + type);
    }
  }

  private static void choice(
      JsonNode node, String field, String at, Set<String> allowed, ObjectNode out)
      throws AzureFormatException {
    String value = text(node, field, at);
    if (value == null) {
      return;
    }
    if (!allowed.contains(value)) {
      throw new AzureFormatException(
          JsonPath.child(at, field),
          "'" + value + "' is not one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    out.put(field, value);
  }

  private static void startupOrder(JsonNode node, String at, ObjectNode out)
      throws AzureFormatException {
    JsonNode order = node.get("startupOrder");
    if (order == null || order.isNull()) {
      return;
    }
    long value = nonNegative(order, JsonPath.child(at, "startupOrder"));
    if (value > MAX_STARTUP_ORDER) {
      throw new AzureFormatException(
          JsonPath.child(at, "startupOrder"), "must be 0 to " + MAX_STARTUP_ORDER);
    }
    out.put("startupOrder", value);
  }

  private static long nonNegative(JsonNode value, String at) throws AzureFormatException {
    if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
      throw new AzureFormatException(at, "must be an integer, 0 or more");
    }
    return value.asLong();
  }

  private static JsonNode object(JsonNode node, String at) throws AzureFormatException {
    if (node == null || !node.isObject()) {
      throw new AzureFormatException(at, "must be an object");
    }
    return node;
  }

  private static JsonNode required(JsonNode node, String field, String at)
      throws AzureFormatException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new AzureFormatException(JsonPath.child(at, field), "missing");
    }
    return value;
  }

  private static String text(JsonNode node, String field, String at) throws AzureFormatException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new AzureFormatException(JsonPath.child(at, field), "must be a string");
    }
    return value.asText();
  }

  private static String requiredText(JsonNode node, String field, String at)
      throws AzureFormatException {
    String value = text(node, field, at);
    if (value == null || value.isEmpty()) {
      throw new AzureFormatException(JsonPath.child(at, field), "missing");
    }
    return value;
  }

  /**
   * A {@code ${...}} in a value is either an EdgeFleet per-device parameter ({@code ${deviceId}},
   * {@code ${tags.<path>}}, {@code ${properties.reported.<path>}}, as an export of a deployment
   * that uses them writes it), kept with a note; or a placeholder of a deployment template (Visual
   * Studio Code, iotedgedev: {@code ${MODULES.filter}}, {@code ${CONTAINER_REGISTRY_PASSWORD}}),
   * which IoT Hub never sees: refused, so that it is not read as something else.
   */
  private void placeholders(JsonNode value, String at) throws AzureFormatException {
    if (value.isTextual()) {
      placeholders(value.asText(), at);
    } else if (value.isContainerNode()) {
      for (Map.Entry<String, JsonNode> child : value.properties()) {
        placeholders(child.getValue(), JsonPath.child(at, child.getKey()));
      }
      if (value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          placeholders(value.get(i), at + "[" + i + "]");
        }
      }
    }
  }

  private void placeholders(String text, String at) throws AzureFormatException {
    if (!Template.applies(text)) {
      return;
    }
    try {
      Template.parse(text);
    } catch (QueryException e) {
      throw new AzureFormatException(
          at,
          "'${' is a deployment template placeholder: generate the deployment manifest from the"
              + " template first (in EdgeFleet, ${...} is a per-device parameter: "
              + e.getMessage()
              + ")");
    }
    notes.add(
        "kept the per-device parameter(s) in " + at + " (EdgeFleet fills them in per device)");
  }
}

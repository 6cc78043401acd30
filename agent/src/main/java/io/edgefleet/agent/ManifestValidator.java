package io.edgefleet.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.edgefleet.agent.runtime.ModuleSpec;
import io.edgefleet.api.contract.ContentHash;
import io.edgefleet.api.contract.CreateOptionsChunks;
import io.edgefleet.api.v1alpha1.ImagePullPolicy;
import io.edgefleet.api.v1alpha1.ModuleStatus;
import io.edgefleet.api.v1alpha1.RestartPolicy;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a device's {@code manifest.json} before anything is applied, the way IoT Edge's edgeAgent
 * would: empty (417), not JSON or not the desired version (400), unsupported schema version (412),
 * then every field the agent needs (400). Pure.
 */
public final class ManifestValidator {

  /** The manifest schema versions this agent supports. */
  public static final Set<String> SCHEMA_VERSIONS = Set.of("1.0", "1.1");

  /** Largest startupOrder (an unsigned 32-bit integer). */
  public static final long MAX_STARTUP_ORDER = 4294967295L;

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Pattern ENV_NAME = Pattern.compile("[^=\\x00]+");
  private static final Pattern CREDENTIAL_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final Set<String> RESERVED_MODULES = Set.of("edgeAgent", "edgeHub");
  private static final Pattern IMAGE = imagePattern();

  private ManifestValidator() {}

  /**
   * The outcome: a manifest, or the status to report. Exactly one of the two is set.
   *
   * @param manifest the validated manifest
   * @param problem why it cannot be applied
   */
  public record Result(DeviceManifest manifest, DesiredStatus problem) {

    /** Whether the manifest can be applied. */
    public boolean valid() {
      return manifest != null;
    }
  }

  /** Thrown inside the validator to stop at a problem. */
  private static final class Invalid extends RuntimeException {
    final int code;

    Invalid(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  /**
   * Validates {@code manifestText} as the configuration of {@code desiredVersion}.
   *
   * @param manifestText the ConfigMap's {@code manifest.json}, or null when it has none
   * @param desiredVersion the ConfigMap's {@code desiredVersion}
   */
  public static Result validate(String manifestText, String desiredVersion) {
    try {
      return new Result(check(manifestText, desiredVersion), null);
    } catch (Invalid e) {
      return new Result(null, new DesiredStatus(e.code, e.getMessage()));
    }
  }

  private static DeviceManifest check(String text, String version) {
    if (text == null || text.isBlank()) {
      throw new Invalid(DesiredStatus.EMPTY, "the configuration is empty: no manifest.json");
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw invalid(
          "manifest.json is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    }
    if (root == null || !root.isObject()) {
      throw invalid("manifest.json must be a JSON object");
    }
    JsonNode contents = root.get("modulesContent");
    if (root.isEmpty() || contents == null || contents.isNull() || contents.isEmpty()) {
      throw new Invalid(DesiredStatus.EMPTY, "the configuration is empty: no modulesContent");
    }
    if (!contents.isObject()) {
      throw invalid("modulesContent must be an object");
    }
    // the content hash, or for a configuration with per-device parameters the parts hash
    // (docs/agent.md, "The desired version")
    if (!ContentHash.isVersionOf(version, text)) {
      throw invalid(
          "manifest.json does not match the desired version "
              + version
              + " (its content hash is "
              + ContentHash.of(text)
              + ", its parts hash "
              + ContentHash.ofParts(text)
              + "): the ConfigMap was not written by EdgeFleet or is incomplete");
    }
    JsonNode agent = desired(contents, "$edgeAgent");
    JsonNode hub = desired(contents, "$edgeHub");
    String schema = schemaVersion(agent, "modulesContent.$edgeAgent");
    String hubSchema = hubSchemaVersion(hub, schema);
    if (!schema.equals(hubSchema) && !(schema.equals("1.1") && hubSchema.equals("1.2"))) {
      throw invalid("$edgeAgent has schema version " + schema + " but $edgeHub has " + hubSchema);
    }
    boolean withOrder = schema.equals("1.1");

    String at = "modulesContent.$edgeAgent.properties.desired";
    JsonNode runtime = object(agent, "runtime", at);
    String type = text(runtime, "type", at + ".runtime", true);
    if (!type.equals("docker")) {
      throw invalid(at + ".runtime.type must be docker, not " + type);
    }
    JsonNode settings = object(runtime, "settings", at + ".runtime");
    Map<String, DeviceManifest.Registry> registries =
        registries(settings, at + ".runtime.settings");

    JsonNode system = object(agent, "systemModules", at);
    JsonNode edgeAgent = object(system, "edgeAgent", at + ".systemModules");
    image(edgeAgent, at + ".systemModules.edgeAgent");
    ModuleSpec edgeHub =
        module("edgeHub", object(system, "edgeHub", at + ".systemModules"), withOrder, true, at);

    Map<String, ModuleSpec> modules = new TreeMap<>();
    JsonNode custom = agent.get("modules");
    if (custom != null && !custom.isNull()) {
      if (!custom.isObject()) {
        throw invalid(at + ".modules must be an object");
      }
      for (Map.Entry<String, JsonNode> entry : custom.properties()) {
        String name = entry.getKey();
        if (!MODULE_NAME.matcher(name).matches()) {
          throw invalid(
              "module name '"
                  + name
                  + "' is invalid: 1 to 128 letters, digits, '_', '.' or '-' (and no '$')");
        }
        if (RESERVED_MODULES.contains(name)) {
          throw invalid("module name " + name + " is reserved for the IoT Edge runtime");
        }
        if (!entry.getValue().isObject()) {
          throw invalid(at + ".modules." + name + " must be an object");
        }
        modules.put(name, module(name, entry.getValue(), withOrder, false, at + ".modules"));
      }
    }

    routes(hub, withOrder);

    Map<String, JsonNode> twins = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : contents.properties()) {
      String name = entry.getKey();
      if (name.equals("$edgeAgent") || name.equals("$edgeHub")) {
        continue;
      }
      if (!MODULE_NAME.matcher(name).matches()) {
        throw invalid("modulesContent." + name + ": '" + name + "' is not a module name");
      }
      twins.put(name, desired(contents, name));
    }
    return new DeviceManifest(version, schema, edgeHub, modules, registries, twins, hub);
  }

  private static ModuleSpec module(
      String name, JsonNode node, boolean withOrder, boolean system, String parent) {
    String at = parent + (system ? ".systemModules." : ".") + name;
    String type = text(node, "type", at, true);
    if (!type.equals("docker")) {
      throw invalid(at + ".type must be docker, not " + type);
    }
    String status = text(node, "status", at, true);
    ModuleStatus desiredStatus =
        switch (status) {
          case "running" -> ModuleStatus.RUNNING;
          case "stopped" -> ModuleStatus.STOPPED;
          default -> throw invalid(at + ".status must be running or stopped, not " + status);
        };
    String restart = text(node, "restartPolicy", at, true);
    RestartPolicy restartPolicy =
        switch (restart) {
          case "never" -> RestartPolicy.NEVER;
          case "on-failure" -> RestartPolicy.ON_FAILURE;
          case "on-unhealthy" -> RestartPolicy.ON_UNHEALTHY;
          case "always" -> RestartPolicy.ALWAYS;
          default ->
              throw invalid(
                  at
                      + ".restartPolicy must be never, on-failure, on-unhealthy or always, not "
                      + restart);
        };
    String pull = text(node, "imagePullPolicy", at, false);
    ImagePullPolicy pullPolicy = ImagePullPolicy.ON_CREATE;
    if (pull != null) {
      pullPolicy =
          switch (pull) {
            case "on-create" -> ImagePullPolicy.ON_CREATE;
            case "never" -> ImagePullPolicy.NEVER;
            default ->
                throw invalid(at + ".imagePullPolicy must be on-create or never, not " + pull);
          };
    }
    String version = text(node, "version", at, false);
    long order = 0;
    JsonNode startupOrder = node.get("startupOrder");
    if (startupOrder != null && !startupOrder.isNull() && withOrder) {
      if (!startupOrder.isIntegralNumber()
          || startupOrder.bigIntegerValue().signum() < 0
          || startupOrder.bigIntegerValue().compareTo(BigInteger.valueOf(MAX_STARTUP_ORDER)) > 0) {
        throw invalid(
            at
                + ".startupOrder must be an integer from 0 to "
                + MAX_STARTUP_ORDER
                + ", not "
                + startupOrder);
      }
      order = startupOrder.longValue();
    }
    String image = image(node, at);
    String createOptions = createOptions(object(node, "settings", at), at + ".settings");
    Map<String, String> env = env(node.get("env"), at + ".env");
    return new ModuleSpec(
        name,
        image,
        version,
        createOptions,
        env,
        restartPolicy,
        desiredStatus,
        pullPolicy,
        order,
        system);
  }

  private static String image(JsonNode module, String at) {
    JsonNode settings = object(module, "settings", at);
    String image = text(settings, "image", at + ".settings", true);
    if (image.length() > 255 || !IMAGE.matcher(image).matches()) {
      throw invalid(at + ".settings.image '" + image + "' is not a valid image reference");
    }
    return image;
  }

  /**
   * The createOptions string; a manifest written by another tool may split it into chunks
   * (createOptions, createOptions01, ...), which are joined as edgeAgent joins them.
   */
  private static String createOptions(JsonNode settings, String at) {
    String text;
    try {
      text = CreateOptionsChunks.join(settings, at);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      JsonNode options = JSON.readTree(text);
      if (options == null || !options.isObject()) {
        throw invalid(at + ".createOptions must be a JSON object in a string");
      }
    } catch (JsonProcessingException e) {
      throw invalid(at + ".createOptions is not valid JSON");
    }
    return text;
  }

  private static Map<String, String> env(JsonNode env, String at) {
    Map<String, String> values = new LinkedHashMap<>();
    if (env == null || env.isNull()) {
      return values;
    }
    if (!env.isObject()) {
      throw invalid(at + " must be an object of NAME: {value: string}");
    }
    for (Map.Entry<String, JsonNode> entry : env.properties()) {
      if (!ENV_NAME.matcher(entry.getKey()).matches()) {
        throw invalid(at + ": '" + entry.getKey() + "' is not a valid environment variable name");
      }
      JsonNode value = entry.getValue().get("value");
      if (!entry.getValue().isObject() || value == null || !value.isValueNode()) {
        throw invalid(at + "." + entry.getKey() + " must be {value: string}");
      }
      values.put(entry.getKey(), value.asText());
    }
    return values;
  }

  private static Map<String, DeviceManifest.Registry> registries(JsonNode settings, String at) {
    Map<String, DeviceManifest.Registry> registries = new TreeMap<>();
    JsonNode node = settings.get("registryCredentials");
    if (node == null || node.isNull()) {
      return registries;
    }
    if (!node.isObject()) {
      throw invalid(at + ".registryCredentials must be an object");
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String name = entry.getKey();
      String where = at + ".registryCredentials." + name;
      if (!CREDENTIAL_NAME.matcher(name).matches() || !entry.getValue().isObject()) {
        throw invalid(where + ": invalid registry credential");
      }
      String address = text(entry.getValue(), "address", where, true);
      JsonNode keys = entry.getValue().get("secretKeys");
      String username = name + ".username";
      String password = name + ".password";
      if (keys != null && !keys.isNull()) {
        if (!keys.isObject()) {
          throw invalid(where + ".secretKeys must be an object");
        }
        username = text(keys, "username", where + ".secretKeys", true);
        password = text(keys, "password", where + ".secretKeys", true);
      }
      registries.put(name, new DeviceManifest.Registry(name, address, username, password));
    }
    return registries;
  }

  private static void routes(JsonNode hub, boolean v11) {
    String at = "modulesContent.$edgeHub.properties.desired";
    JsonNode routes = hub.get("routes");
    if (routes != null && !routes.isNull()) {
      if (!routes.isObject()) {
        throw invalid(at + ".routes must be an object");
      }
      for (Map.Entry<String, JsonNode> entry : routes.properties()) {
        String where = at + ".routes." + entry.getKey();
        JsonNode route = entry.getValue();
        if (route.isTextual() && !route.asText().isBlank()) {
          continue;
        }
        if (!v11 || !route.isObject()) {
          throw invalid(
              where
                  + (v11
                      ? " must be a route string or {route, priority, timeToLiveSecs}"
                      : " must be a route string (schema 1.0)"));
        }
        text(route, "route", where, true);
        integer(route, "priority", where, 0, 9);
        integer(route, "timeToLiveSecs", where, 0, Long.MAX_VALUE);
      }
    }
    JsonNode storeAndForward = hub.get("storeAndForwardConfiguration");
    if (storeAndForward != null && !storeAndForward.isNull()) {
      if (!storeAndForward.isObject()) {
        throw invalid(at + ".storeAndForwardConfiguration must be an object");
      }
      integer(
          storeAndForward,
          "timeToLiveSecs",
          at + ".storeAndForwardConfiguration",
          0,
          Long.MAX_VALUE);
    }
  }

  /**
   * $edgeHub's schema version: the agent's, or 1.2 (with $edgeAgent 1.1) when it carries edgeHub's
   * MQTT broker settings, an object the agent hands to edgeHub unread.
   */
  private static String hubSchemaVersion(JsonNode hub, String agentSchema) {
    JsonNode schema = hub.get("schemaVersion");
    JsonNode broker = hub.get("mqttBroker");
    if (schema != null && "1.2".equals(schema.asText()) && agentSchema.equals("1.1")) {
      if (broker != null && !broker.isObject()) {
        throw invalid("modulesContent.$edgeHub.properties.desired.mqttBroker must be an object");
      }
      return "1.2";
    }
    if (broker != null) {
      throw invalid(
          "modulesContent.$edgeHub.properties.desired.mqttBroker needs $edgeHub schemaVersion 1.2");
    }
    return schemaVersion(hub, "modulesContent.$edgeHub");
  }

  private static String schemaVersion(JsonNode desired, String at) {
    JsonNode schema = desired.get("schemaVersion");
    if (schema == null || schema.isNull()) {
      throw invalid(at + ".properties.desired.schemaVersion is missing");
    }
    if (!schema.isTextual() || !SCHEMA_VERSIONS.contains(schema.asText())) {
      throw new Invalid(
          DesiredStatus.UNSUPPORTED_SCHEMA,
          "schema version "
              + schema
              + " of "
              + at
              + " is not supported; this agent supports "
              + String.join(" and ", new TreeSet<>(SCHEMA_VERSIONS)));
    }
    return schema.asText();
  }

  private static JsonNode desired(JsonNode contents, String module) {
    JsonNode node = contents.get(module);
    String at = "modulesContent." + module;
    if (node == null || node.isNull()) {
      throw invalid(at + " is missing");
    }
    JsonNode desired = node.get("properties.desired");
    if (!node.isObject() || desired == null || !desired.isObject()) {
      throw invalid(at + " must hold properties.desired (an object)");
    }
    return desired;
  }

  private static JsonNode object(JsonNode parent, String field, String at) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw invalid(at + "." + field + " is missing");
    }
    if (!node.isObject()) {
      throw invalid(at + "." + field + " must be an object");
    }
    return node;
  }

  private static String text(JsonNode parent, String field, String at, boolean required) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw invalid(at + "." + field + " is missing");
      }
      return null;
    }
    if (!node.isTextual() || (required && node.asText().isBlank())) {
      throw invalid(at + "." + field + " must be a non-empty string");
    }
    return node.asText();
  }

  private static void integer(JsonNode parent, String field, String at, long min, long max) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return;
    }
    if (!node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.longValue() < min
        || node.longValue() > max) {
      throw invalid(
          at
              + "."
              + field
              + " must be an integer from "
              + min
              + (max == Long.MAX_VALUE ? " up" : " to " + max)
              + ", not "
              + node);
    }
  }

  private static Invalid invalid(String message) {
    return new Invalid(DesiredStatus.INVALID, message);
  }

  /**
   * Docker's image reference grammar: [registry[:port]/]path[:tag][@digest], path components in
   * lower case.
   */
  private static Pattern imagePattern() {
    String label = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
    String domain = label + "(?:\\." + label + ")*(?::[0-9]+)?";
    String component = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    String name = "(?:" + domain + "/)?" + component + "(?:/" + component + ")*";
    String tag = ":[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    String digest = "@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    List<String> parts = new ArrayList<>(List.of(name, "(?:" + tag + ")?", "(?:" + digest + ")?"));
    return Pattern.compile(String.join("", parts));
  }
}

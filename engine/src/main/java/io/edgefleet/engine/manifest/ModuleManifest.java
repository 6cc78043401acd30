package io.edgefleet.engine.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.api.v1alpha1.ImagePullPolicy;
import io.edgefleet.api.v1alpha1.ModuleStatus;
import io.edgefleet.api.v1alpha1.RestartPolicy;
import io.edgefleet.api.v1alpha1.SystemModule;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns module specs into the IoT Edge manifest shape ({@code type, status, restartPolicy,
 * settings: {image, createOptions}, env: {NAME: {value}}}), with defaults written out so that equal
 * meaning gives equal content.
 */
public final class ModuleManifest {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ModuleManifest() {}

  /**
   * A custom module.
   *
   * @param withStartupOrder false for schema 1.0, which has no startupOrder
   */
  public static ObjectNode custom(EdgeModule module, boolean withStartupOrder) {
    ObjectNode node = JSON.objectNode();
    if (module.getVersion() != null) {
      node.put("version", module.getVersion());
    }
    node.put("type", "docker");
    node.put("status", status(module.getStatus()));
    node.put("restartPolicy", restartPolicy(module.getRestartPolicy()));
    node.put(
        "imagePullPolicy",
        module.getImagePullPolicy() == ImagePullPolicy.NEVER ? "never" : "on-create");
    if (withStartupOrder && module.getStartupOrder() != null) {
      node.put("startupOrder", module.getStartupOrder());
    }
    node.set("settings", settings(module.getImage(), module.getCreateOptions(), null));
    putEnv(node, module.getEnv());
    return node;
  }

  /** The edgeAgent system module. */
  public static ObjectNode edgeAgent(SystemModule agent) {
    SystemModule settings = agent == null ? new SystemModule() : agent;
    ObjectNode node = JSON.objectNode();
    node.put("type", "docker");
    node.set(
        "settings",
        settings(
            settings.getImage() == null ? ManifestDefaults.EDGE_AGENT_IMAGE : settings.getImage(),
            settings.getCreateOptions(),
            null));
    putEnv(node, settings.getEnv());
    return node;
  }

  /**
   * The edgeHub system module.
   *
   * @param withStartupOrder false for schema 1.0
   */
  public static ObjectNode edgeHub(SystemModule hub, boolean withStartupOrder) {
    SystemModule settings = hub == null ? new SystemModule() : hub;
    ObjectNode node = JSON.objectNode();
    node.put("type", "docker");
    node.put("status", status(settings.getStatus()));
    node.put("restartPolicy", restartPolicy(settings.getRestartPolicy()));
    if (withStartupOrder) {
      node.put("startupOrder", settings.getStartupOrder() == null ? 0 : settings.getStartupOrder());
    }
    node.set(
        "settings",
        settings(
            settings.getImage() == null ? ManifestDefaults.EDGE_HUB_IMAGE : settings.getImage(),
            settings.getCreateOptions(),
            ManifestDefaults.EDGE_HUB_CREATE_OPTIONS));
    putEnv(node, settings.getEnv());
    return node;
  }

  private static ObjectNode settings(
      String image, Map<String, JsonNode> createOptions, String defaultCreateOptions) {
    ObjectNode settings = JSON.objectNode();
    settings.put("image", image);
    if (createOptions != null && !createOptions.isEmpty()) {
      // IoT Edge carries createOptions as a string of JSON.
      settings.put("createOptions", CanonicalJson.write(CanonicalJson.objectOf(createOptions)));
    } else if (defaultCreateOptions != null) {
      settings.put("createOptions", defaultCreateOptions);
    }
    return settings;
  }

  private static void putEnv(ObjectNode node, Map<String, String> env) {
    if (env == null || env.isEmpty()) {
      return;
    }
    ObjectNode values = node.putObject("env");
    new TreeMap<>(env).forEach((name, value) -> values.putObject(name).put("value", value));
  }

  private static String status(ModuleStatus status) {
    return status == ModuleStatus.STOPPED ? "stopped" : "running";
  }

  private static String restartPolicy(RestartPolicy policy) {
    if (policy == null) {
      return "always";
    }
    return switch (policy) {
      case NEVER -> "never";
      case ON_FAILURE -> "on-failure";
      case ON_UNHEALTHY -> "on-unhealthy";
      case ALWAYS -> "always";
    };
  }
}

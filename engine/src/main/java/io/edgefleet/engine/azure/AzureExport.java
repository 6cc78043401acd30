package io.edgefleet.engine.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.contract.CreateOptionsChunks;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.api.v1alpha1.RegistryCredential;
import io.edgefleet.api.v1alpha1.RouteSpec;
import io.edgefleet.api.v1alpha1.RuntimeSettings;
import io.edgefleet.api.v1alpha1.SchemaVersion;
import io.edgefleet.api.v1alpha1.SystemModule;
import io.edgefleet.engine.manifest.CanonicalJson;
import io.edgefleet.engine.manifest.ManifestDefaults;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.resolve.ConfigurationMerger;
import io.edgefleet.engine.resolve.CredentialSource;
import io.edgefleet.engine.resolve.PreparedDeployment;
import io.edgefleet.engine.resolve.ResolvedConfiguration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes what Azure IoT Edge reads: a deployment as an Azure configuration object ({@code id},
 * {@code content.modulesContent}, {@code targetCondition}, {@code priority}, {@code labels}, {@code
 * metrics.queries}; layered ones with sub-path keys), and a device's resolved configuration as the
 * {@code modulesContent} that {@code az iot edge set-modules} accepts. A deployment is written as
 * it states itself (plus what Azure's schema requires), so that importing it gives it back; a
 * device's configuration is the resolved one, defaults written out. createOptions become strings,
 * chunked at IoT Edge's limit. Pure.
 */
public final class AzureExport {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String DESIRED = "properties.desired";
  private static final ObjectMapper JSON_MAPPER = new ObjectMapper();

  /** Where registry passwords come from (the Secrets the credentials name). */
  public interface SecretLookup {

    /**
     * The user name and password of a credential, or null when the Secret or a key is missing.
     *
     * @param namespace the namespace of the Secret
     * @param secretName its name
     * @param usernameKey the key of the user name
     * @param passwordKey the key of the password
     */
    Credentials find(String namespace, String secretName, String usernameKey, String passwordKey);
  }

  /**
   * A registry user name and password.
   *
   * @param username the user name
   * @param password the password
   */
  public record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[" + username + ", password hidden]";
    }
  }

  private AzureExport() {}

  /**
   * The Azure configuration object of a deployment. It states what the deployment states, plus what
   * Azure's manifest schema requires and EdgeFleet fills in by default ({@code type: docker},
   * module and edgeHub {@code status} and {@code restartPolicy}, the schema version, the system
   * modules' images and edgeHub's createOptions), so that {@link AzureImport} of it gives the same
   * deployment back, field for field (docs/migrating-from-azure.md).
   *
   * @param deployment the deployment as the engine sees it
   * @param labels its metadata.labels (may be null)
   * @throws AzureFormatException if it is invalid, or a Secret it names is not found
   */
  public static ObjectNode deployment(
      DeploymentSource deployment, Map<String, String> labels, SecretLookup secrets)
      throws AzureFormatException {
    PreparedDeployment prepared = PreparedDeployment.prepare(deployment);
    if (!prepared.valid()) {
      throw new AzureFormatException(
          "spec", "the deployment is invalid: " + prepared.validity().message());
    }
    EdgeDeploymentSpec spec = deployment.spec();
    Map<String, ObjectNode> credentials = credentials(deployment, secrets);
    ObjectNode modulesContent =
        prepared.layered() ? layered(spec, credentials) : standard(spec, credentials);
    ObjectNode configuration = JSON.objectNode();
    configuration.put("id", deployment.name());
    Map<String, String> allLabels = new TreeMap<>(labels == null ? Map.of() : labels);
    if (spec.getRegistryCredentials() != null) {
      spec.getRegistryCredentials()
          .forEach(
              (name, credential) -> {
                if (!credential
                    .getSecretName()
                    .equals(AzureImport.defaultSecretName(deployment.name(), name))) {
                  allLabels.put(AzureImport.SECRET_NAME_LABEL + name, credential.getSecretName());
                }
              });
    }
    if (!allLabels.isEmpty()) {
      ObjectNode out = configuration.putObject("labels");
      allLabels.forEach(out::put);
    }
    configuration.putObject("content").set("modulesContent", modulesContent);
    configuration.put("targetCondition", spec.getTargetCondition());
    configuration.put("priority", spec.getPriority());
    Map<String, String> metrics = spec.getMetrics();
    if (metrics != null && !metrics.isEmpty()) {
      ObjectNode queries = configuration.putObject("metrics").putObject("queries");
      new TreeMap<>(metrics).forEach(queries::put);
    }
    return configuration;
  }

  /** Each registry credential as Azure has it: user name, password (from its Secret), address. */
  private static Map<String, ObjectNode> credentials(
      DeploymentSource deployment, SecretLookup secrets) throws AzureFormatException {
    Map<String, ObjectNode> out = new TreeMap<>();
    Map<String, RegistryCredential> credentials = deployment.spec().getRegistryCredentials();
    if (credentials == null) {
      return out;
    }
    for (Map.Entry<String, RegistryCredential> entry : new TreeMap<>(credentials).entrySet()) {
      CredentialSource source =
          new CredentialSource(entry.getKey(), entry.getValue(), deployment.name());
      out.put(entry.getKey(), credential(entry.getKey(), source, deployment.namespace(), secrets));
    }
    return out;
  }

  private static ObjectNode credential(
      String name, CredentialSource source, String namespace, SecretLookup secrets)
      throws AzureFormatException {
    Credentials values =
        secrets.find(
            namespace,
            source.credential().getSecretName(),
            source.sourceUsernameKey(),
            source.sourcePasswordKey());
    if (values == null) {
      throw new AzureFormatException(
          "spec.registryCredentials." + name,
          "the Secret "
              + source.credential().getSecretName()
              + " (keys "
              + source.sourceUsernameKey()
              + ", "
              + source.sourcePasswordKey()
              + ") was not found: Azure needs the password in the manifest");
    }
    ObjectNode registry = JSON.objectNode();
    registry.put("username", values.username());
    registry.put("password", values.password());
    registry.put("address", source.credential().getAddress());
    return registry;
  }

  private static ObjectNode standard(EdgeDeploymentSpec spec, Map<String, ObjectNode> credentials) {
    RuntimeSettings runtime = spec.getRuntime() == null ? new RuntimeSettings() : spec.getRuntime();
    SchemaVersion schema =
        runtime.getSchemaVersion() == null ? SchemaVersion.V1_1 : runtime.getSchemaVersion();
    ObjectNode contents = JSON.objectNode();
    ObjectNode agent = contents.putObject("$edgeAgent").putObject(DESIRED);
    agent.put("schemaVersion", schema.text());
    ObjectNode runtimeNode = agent.putObject("runtime");
    runtimeNode.put("type", "docker");
    ObjectNode settings = runtimeNode.putObject("settings");
    if (runtime.getMinDockerVersion() != null) {
      settings.put("minDockerVersion", runtime.getMinDockerVersion());
    }
    if (runtime.getLoggingOptions() != null) {
      settings.put("loggingOptions", runtime.getLoggingOptions());
    }
    if (!credentials.isEmpty()) {
      ObjectNode registries = settings.putObject("registryCredentials");
      credentials.forEach(registries::set);
    }
    ObjectNode system = agent.putObject("systemModules");
    SystemModule edgeAgent =
        runtime.getEdgeAgent() == null ? new SystemModule() : runtime.getEdgeAgent();
    ObjectNode agentModule = system.putObject("edgeAgent");
    agentModule.put("type", "docker");
    agentModule.set(
        "settings",
        settings(
            edgeAgent.getImage() == null ? ManifestDefaults.EDGE_AGENT_IMAGE : edgeAgent.getImage(),
            edgeAgent.getCreateOptions(),
            null));
    env(agentModule, edgeAgent.getEnv());
    SystemModule edgeHub = runtime.getEdgeHub() == null ? new SystemModule() : runtime.getEdgeHub();
    ObjectNode hubModule = system.putObject("edgeHub");
    hubModule.put("type", "docker");
    hubModule.put("status", value(edgeHub.getStatus(), "running"));
    hubModule.put("restartPolicy", value(edgeHub.getRestartPolicy(), "always"));
    if (edgeHub.getStartupOrder() != null) {
      hubModule.put("startupOrder", edgeHub.getStartupOrder());
    }
    hubModule.set(
        "settings",
        settings(
            edgeHub.getImage() == null ? ManifestDefaults.EDGE_HUB_IMAGE : edgeHub.getImage(),
            edgeHub.getCreateOptions(),
            ManifestDefaults.EDGE_HUB_CREATE_OPTIONS));
    env(hubModule, edgeHub.getEnv());
    ObjectNode modules = agent.putObject("modules");
    if (spec.getModules() != null) {
      new TreeMap<>(spec.getModules()).forEach((name, module) -> modules.set(name, module(module)));
    }

    ObjectNode hub = contents.putObject("$edgeHub").putObject(DESIRED);
    hub.put(
        "schemaVersion",
        runtime.getMqttBroker() == null ? schema.text() : ConfigurationMerger.MQTT_BROKER_SCHEMA);
    ObjectNode routes = hub.putObject("routes");
    if (spec.getRoutes() != null) {
      new TreeMap<>(spec.getRoutes()).forEach((name, route) -> routes.set(name, route(route)));
    }
    if (runtime.getStoreAndForwardTimeToLiveSecs() != null) {
      hub.putObject("storeAndForwardConfiguration")
          .put("timeToLiveSecs", runtime.getStoreAndForwardTimeToLiveSecs());
    }
    if (runtime.getMqttBroker() != null) {
      hub.set("mqttBroker", CanonicalJson.objectOf(runtime.getMqttBroker()));
    }
    if (spec.getModuleTwins() != null) {
      new TreeMap<>(spec.getModuleTwins())
          .forEach((module, paths) -> contents.putObject(module).set(DESIRED, whole(paths)));
    }
    return contents;
  }

  /**
   * A standard deployment's module twin as the whole {@code properties.desired}: Azure's standard
   * manifests set it whole, so sub-paths are applied to it in order as the merge does.
   */
  private static ObjectNode whole(Map<String, JsonNode> paths) {
    ObjectNode desired = JSON.objectNode();
    for (Map.Entry<String, JsonNode> path : new TreeMap<>(paths).entrySet()) {
      if (path.getKey().equals(DESIRED)) {
        desired = path.getValue().deepCopy();
        continue;
      }
      String[] names = path.getKey().substring(DESIRED.length() + 1).split("\\.");
      ObjectNode parent = desired;
      for (int i = 0; i < names.length - 1; i++) {
        JsonNode child = parent.get(names[i]);
        parent = child instanceof ObjectNode o ? o : parent.putObject(names[i]);
      }
      parent.set(names[names.length - 1], path.getValue().deepCopy());
    }
    return desired;
  }

  /** A custom module: what it states, plus type, status and restartPolicy, which Azure requires. */
  private static ObjectNode module(EdgeModule module) {
    ObjectNode node = JSON.objectNode();
    if (module.getVersion() != null) {
      node.put("version", module.getVersion());
    }
    node.put("type", "docker");
    node.put("status", value(module.getStatus(), "running"));
    node.put("restartPolicy", value(module.getRestartPolicy(), "always"));
    if (module.getImagePullPolicy() != null) {
      node.put("imagePullPolicy", value(module.getImagePullPolicy(), null));
    }
    if (module.getStartupOrder() != null) {
      node.put("startupOrder", module.getStartupOrder());
    }
    node.set("settings", settings(module.getImage(), module.getCreateOptions(), null));
    env(node, module.getEnv());
    return node;
  }

  /** image, and createOptions as the JSON string IoT Edge carries, chunked at its limit. */
  private static ObjectNode settings(
      String image, Map<String, JsonNode> createOptions, String defaultCreateOptions) {
    ObjectNode settings = JSON.objectNode();
    settings.put("image", image);
    String options =
        createOptions != null
            ? CanonicalJson.write(CanonicalJson.objectOf(createOptions))
            : defaultCreateOptions;
    if (options != null) {
      CreateOptionsChunks.split(options).forEach(settings::put);
    }
    return settings;
  }

  private static void env(ObjectNode module, Map<String, String> env) {
    if (env != null && !env.isEmpty()) {
      ObjectNode values = module.putObject("env");
      new TreeMap<>(env).forEach((name, value) -> values.putObject(name).put("value", value));
    }
  }

  /** An enum value as the manifest spells it (its JSON name), or the default. */
  private static String value(Enum<?> value, String otherwise) {
    return value == null ? otherwise : JSON_MAPPER.convertValue(value, String.class);
  }

  /**
   * A device's resolved configuration as {@code {"modulesContent": ...}} for {@code az iot edge
   * set-modules --content}: registry credentials with their user names and passwords, createOptions
   * chunked.
   *
   * @param namespace the device's namespace (where the credentials' Secrets are)
   */
  public static ObjectNode device(
      ResolvedConfiguration configuration, String namespace, SecretLookup secrets)
      throws AzureFormatException {
    ObjectNode out = JSON.objectNode();
    out.set("modulesContent", modulesContent(configuration, namespace, secrets));
    return out;
  }

  private static ObjectNode modulesContent(
      ResolvedConfiguration configuration, String namespace, SecretLookup secrets)
      throws AzureFormatException {
    ObjectNode contents = configuration.manifest().get("modulesContent").deepCopy();
    ObjectNode agent = (ObjectNode) contents.get("$edgeAgent").get(DESIRED);
    ObjectNode settings = (ObjectNode) agent.get("runtime").get("settings");
    if (settings.has("registryCredentials")) {
      ObjectNode registries = JSON.objectNode();
      for (Map.Entry<String, CredentialSource> entry :
          new TreeMap<>(configuration.registryCredentials()).entrySet()) {
        CredentialSource source = entry.getValue();
        Credentials values =
            secrets.find(
                namespace,
                source.credential().getSecretName(),
                source.sourceUsernameKey(),
                source.sourcePasswordKey());
        if (values == null) {
          throw new AzureFormatException(
              "spec.registryCredentials." + entry.getKey(),
              "the Secret "
                  + source.credential().getSecretName()
                  + " (keys "
                  + source.sourceUsernameKey()
                  + ", "
                  + source.sourcePasswordKey()
                  + ") was not found: Azure needs the password in the manifest");
        }
        ObjectNode registry = registries.putObject(entry.getKey());
        registry.put("username", values.username());
        registry.put("password", values.password());
        registry.put("address", source.credential().getAddress());
      }
      settings.set("registryCredentials", registries);
    }
    chunk(agent.get("systemModules"));
    chunk(agent.get("modules"));
    return contents;
  }

  /** Splits every module's createOptions string at IoT Edge's chunk size. */
  private static void chunk(JsonNode modules) {
    if (modules == null) {
      return;
    }
    for (JsonNode module : modules) {
      ObjectNode settings = (ObjectNode) module.get("settings");
      JsonNode options = settings == null ? null : settings.get("createOptions");
      if (options == null || !options.isTextual()) {
        continue;
      }
      settings.remove("createOptions");
      CreateOptionsChunks.split(options.asText()).forEach(settings::put);
    }
  }

  private static ObjectNode layered(EdgeDeploymentSpec spec, Map<String, ObjectNode> credentials) {
    ObjectNode contents = JSON.objectNode();
    ObjectNode agent = contents.putObject("$edgeAgent");
    if (spec.getModules() != null) {
      new TreeMap<>(spec.getModules())
          .forEach((name, module) -> agent.set(DESIRED + ".modules." + name, module(module)));
    }
    // a layer's credential replaces the one of the same name (docs/concepts.md, Merge)
    credentials.forEach(
        (name, credential) ->
            agent.set(DESIRED + ".runtime.settings.registryCredentials." + name, credential));
    ObjectNode hub = contents.putObject("$edgeHub");
    if (spec.getRoutes() != null) {
      new TreeMap<>(spec.getRoutes())
          .forEach((name, route) -> hub.set(DESIRED + ".routes." + name, route(route)));
    }
    if (spec.getModuleTwins() != null) {
      new TreeMap<>(spec.getModuleTwins())
          .forEach(
              (module, paths) -> {
                ObjectNode twin = contents.putObject(module);
                new TreeMap<>(paths).forEach(twin::set);
              });
    }
    return contents;
  }

  private static JsonNode route(RouteSpec route) {
    if (route.getPriority() == null && route.getTimeToLiveSecs() == null) {
      return JSON.textNode(route.getRoute());
    }
    ObjectNode node = JSON.objectNode();
    node.put("route", route.getRoute());
    if (route.getPriority() != null) {
      node.put("priority", route.getPriority());
    }
    if (route.getTimeToLiveSecs() != null) {
      node.put("timeToLiveSecs", route.getTimeToLiveSecs());
    }
    return node;
  }
}

package io.edgefleet.engine.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.contract.CreateOptionsChunks;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.RouteSpec;
import io.edgefleet.engine.manifest.ModuleManifest;
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
 * {@code modulesContent} that {@code az iot edge set-modules} accepts. The manifest of a standard
 * deployment is the one the engine resolves for a device that runs it alone, so defaults are
 * written out; createOptions become strings, chunked at IoT Edge's limit. Pure.
 */
public final class AzureExport {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String DESIRED = "properties.desired";

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
   * The Azure configuration object of a deployment.
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
    ObjectNode modulesContent;
    if (prepared.layered()) {
      modulesContent = layered(deployment.spec());
    } else {
      ResolvedConfiguration resolved = ConfigurationMerger.merge(prepared, java.util.List.of());
      modulesContent = modulesContent(resolved, deployment.namespace(), secrets).deepCopy();
    }
    ObjectNode configuration = JSON.objectNode();
    configuration.put("id", deployment.name());
    if (labels != null && !labels.isEmpty()) {
      ObjectNode out = configuration.putObject("labels");
      new TreeMap<>(labels).forEach(out::put);
    }
    configuration.putObject("content").set("modulesContent", modulesContent);
    configuration.put("targetCondition", deployment.spec().getTargetCondition());
    configuration.put("priority", deployment.spec().getPriority());
    Map<String, String> metrics = deployment.spec().getMetrics();
    if (metrics != null && !metrics.isEmpty()) {
      ObjectNode queries = configuration.putObject("metrics").putObject("queries");
      new TreeMap<>(metrics).forEach(queries::put);
    }
    return configuration;
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

  private static ObjectNode layered(EdgeDeploymentSpec spec) throws AzureFormatException {
    if (spec.getRegistryCredentials() != null && !spec.getRegistryCredentials().isEmpty()) {
      throw new AzureFormatException(
          "spec.registryCredentials",
          "a layered deployment's registry credentials have no place in an Azure layered"
              + " manifest as EdgeFleet reads it (runtime settings come from the base)");
    }
    ObjectNode contents = JSON.objectNode();
    ObjectNode agent = contents.putObject("$edgeAgent");
    if (spec.getModules() != null) {
      new TreeMap<>(spec.getModules())
          .forEach(
              (name, module) ->
                  agent.set(DESIRED + ".modules." + name, ModuleManifest.custom(module, true)));
    }
    chunkLayered(agent);
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

  private static void chunkLayered(ObjectNode agent) {
    for (JsonNode module : agent) {
      ObjectNode settings = (ObjectNode) module.get("settings");
      JsonNode options = settings.get("createOptions");
      if (options != null && options.isTextual()) {
        settings.remove("createOptions");
        CreateOptionsChunks.split(options.asText()).forEach(settings::put);
      }
    }
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

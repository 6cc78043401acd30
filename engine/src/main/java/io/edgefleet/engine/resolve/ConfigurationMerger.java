package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.api.v1alpha1.RuntimeSettings;
import io.edgefleet.api.v1alpha1.SchemaVersion;
import io.edgefleet.engine.manifest.CanonicalJson;
import io.edgefleet.engine.manifest.ManifestDefaults;
import io.edgefleet.engine.manifest.ModuleManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges a base deployment and its layers into one configuration (docs/concepts.md, "4. Merging"):
 * modules, routes and registry credentials replace by name; module twins replace whole or by
 * sub-path; runtime and system modules come from the base only. Records which deployment supplied
 * every part.
 */
public final class ConfigurationMerger {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The $edgeHub schema version that has mqttBroker. */
  public static final String MQTT_BROKER_SCHEMA = "1.2";

  private ConfigurationMerger() {}

  /** A module, route or credential and the deployment that supplied it. */
  private record Supplied<T>(T value, String by) {}

  /** A module's desired properties and who supplied each path. */
  private static final class Twin {
    ObjectNode desired = JSON.objectNode();
    final Map<String, String> suppliers = new TreeMap<>();
  }

  /**
   * A merged configuration and where its placeholders are.
   *
   * @param configuration the merge, placeholders as written
   * @param plan how to fill in a device's values, or null when there is nothing to fill in
   */
  record Merged(ResolvedConfiguration configuration, ParameterPlan plan) {}

  /**
   * Merges {@code base} and {@code layers} (already in applied order). Placeholders stay as
   * written: {@link DeploymentSet#decide} fills them in per device.
   *
   * @throws IllegalArgumentException if the base is layered or anything is invalid
   */
  public static ResolvedConfiguration merge(
      PreparedDeployment base, List<PreparedDeployment> layers) {
    return mergeForDevices(base, layers).configuration();
  }

  /**
   * Merges, and finds the placeholders of the result (docs/concepts.md section 8: substituted after
   * the merge).
   */
  static Merged mergeForDevices(PreparedDeployment base, List<PreparedDeployment> layers) {
    if (base.layered() || !base.valid() || layers.stream().anyMatch(l -> !l.valid())) {
      throw new IllegalArgumentException("merge needs a valid standard base and valid layers");
    }
    List<PreparedDeployment> order = new ArrayList<>(layers.size() + 1);
    order.add(base);
    order.addAll(layers);

    Map<String, Supplied<EdgeModule>> modules = new TreeMap<>();
    Map<String, Supplied<PreparedRoute>> routes = new TreeMap<>();
    Map<String, CredentialSource> credentials = new TreeMap<>();
    Map<String, Twin> twins = new TreeMap<>();
    for (PreparedDeployment deployment : order) {
      String by = deployment.name();
      deployment.modules().forEach((name, module) -> modules.put(name, new Supplied<>(module, by)));
      deployment.routes().forEach((name, route) -> routes.put(name, new Supplied<>(route, by)));
      deployment
          .registryCredentials()
          .forEach((name, cred) -> credentials.put(name, new CredentialSource(name, cred, by)));
      deployment
          .moduleTwins()
          .forEach(
              (module, patches) -> {
                Twin twin = twins.computeIfAbsent(module, m -> new Twin());
                patches.forEach(patch -> apply(twin, patch, by));
              });
    }

    SchemaVersion schema = base.schemaVersion();
    List<ConfigurationWarning> warnings = new ArrayList<>();
    checkSchemaFit(schema, modules, routes, warnings);
    checkReferences(modules, routes, twins, warnings);

    ObjectNode contents = JSON.objectNode();
    contents.set("$edgeAgent", desired(edgeAgent(base, schema, modules, credentials)));
    contents.set("$edgeHub", desired(edgeHub(base.runtime(), schema, routes)));
    twins.forEach((module, twin) -> contents.set(module, desired(twin.desired)));
    ObjectNode unsorted = JSON.objectNode();
    unsorted.set("modulesContent", contents);

    // the manifest lists its keys in sorted order: written without another copy, and the plan
    // below cuts its text around the placeholders from the same tree
    ObjectNode manifest = (ObjectNode) CanonicalJson.sorted(unsorted);
    ObjectNode provenance = provenance(base, layers, modules, routes, credentials, twins);
    // written when first asked for: the devices of a merge with placeholders each get their own
    ResolvedConfiguration configuration =
        ResolvedConfiguration.ofSortedTrees(
            base.name(),
            layers.stream().map(PreparedDeployment::name).toList(),
            manifest,
            () -> (ObjectNode) CanonicalJson.sorted(provenance),
            credentials,
            warnings);
    return new Merged(configuration, plan(order, modules, twins, configuration));
  }

  /** Where the placeholders are; only deployments that hold any are looked through. */
  private static ParameterPlan plan(
      List<PreparedDeployment> order,
      Map<String, Supplied<EdgeModule>> modules,
      Map<String, Twin> twins,
      ResolvedConfiguration configuration) {
    Map<String, PreparedDeployment> byName = new HashMap<>();
    boolean any = false;
    for (PreparedDeployment deployment : order) {
      byName.put(deployment.name(), deployment);
      any |= deployment.hasParameters();
    }
    if (!any) {
      return null;
    }
    ParameterPlan.Builder plan = new ParameterPlan.Builder();
    modules.forEach(
        (name, supplied) -> {
          PreparedDeployment by = byName.get(supplied.by());
          if (by.parameterModules().contains(name)) {
            plan.module(by.moduleSites(name));
          }
        });
    twins.forEach(
        (module, twin) -> {
          if (twin.suppliers.values().stream()
              .anyMatch(by -> byName.get(by).parameterTwins().contains(module))) {
            plan.twin(module, twin.desired, twin.suppliers);
          }
        });
    return plan.build(configuration);
  }

  private static void apply(Twin twin, TwinPatch patch, String by) {
    if (patch.whole()) {
      twin.desired = patch.value().deepCopy();
      twin.suppliers.clear();
      twin.suppliers.put(patch.path(), by);
      return;
    }
    ObjectNode parent = twin.desired;
    List<String> segments = patch.segments();
    for (String segment : segments.subList(0, segments.size() - 1)) {
      JsonNode child = parent.get(segment);
      if (!(child instanceof ObjectNode)) {
        child = parent.putObject(segment);
      }
      parent = (ObjectNode) child;
    }
    JsonNode value = patch.value() == null ? JSON.nullNode() : patch.value().deepCopy();
    parent.set(segments.get(segments.size() - 1), value);
    twin.suppliers.keySet().removeIf(patch::covers);
    twin.suppliers.put(patch.path(), by);
  }

  private static ObjectNode desired(ObjectNode properties) {
    ObjectNode node = JSON.objectNode();
    node.set("properties.desired", properties);
    return node;
  }

  private static ObjectNode edgeAgent(
      PreparedDeployment base,
      SchemaVersion schema,
      Map<String, Supplied<EdgeModule>> modules,
      Map<String, CredentialSource> credentials) {
    RuntimeSettings runtime = base.runtime();
    ObjectNode agent = JSON.objectNode();
    agent.put("schemaVersion", schema.text());
    ObjectNode runtimeNode = agent.putObject("runtime");
    runtimeNode.put("type", "docker");
    ObjectNode settings = runtimeNode.putObject("settings");
    settings.put(
        "minDockerVersion",
        runtime.getMinDockerVersion() == null
            ? ManifestDefaults.MIN_DOCKER_VERSION
            : runtime.getMinDockerVersion());
    settings.put(
        "loggingOptions", runtime.getLoggingOptions() == null ? "" : runtime.getLoggingOptions());
    if (!credentials.isEmpty()) {
      ObjectNode registries = settings.putObject("registryCredentials");
      credentials.forEach(
          (name, source) -> {
            ObjectNode entry = registries.putObject(name);
            entry.put("address", source.credential().getAddress());
            ObjectNode keys = entry.putObject("secretKeys");
            keys.put("username", source.usernameKey());
            keys.put("password", source.passwordKey());
          });
    }
    ObjectNode system = agent.putObject("systemModules");
    boolean startupOrder = schema == SchemaVersion.V1_1;
    system.set("edgeAgent", ModuleManifest.edgeAgent(runtime.getEdgeAgent()));
    system.set("edgeHub", ModuleManifest.edgeHub(runtime.getEdgeHub(), startupOrder));
    ObjectNode custom = agent.putObject("modules");
    modules.forEach(
        (name, supplied) ->
            custom.set(name, ModuleManifest.custom(supplied.value(), startupOrder)));
    return agent;
  }

  private static ObjectNode edgeHub(
      RuntimeSettings runtime, SchemaVersion schema, Map<String, Supplied<PreparedRoute>> routes) {
    long storeAndForward =
        runtime.getStoreAndForwardTimeToLiveSecs() == null
            ? ManifestDefaults.STORE_AND_FORWARD_TTL_SECS
            : runtime.getStoreAndForwardTimeToLiveSecs();
    ObjectNode hub = JSON.objectNode();
    hub.put("schemaVersion", schema.text());
    ObjectNode routeNodes = hub.putObject("routes");
    routes.forEach(
        (name, supplied) -> {
          PreparedRoute route = supplied.value();
          if (schema == SchemaVersion.V1_0) {
            routeNodes.put(name, route.text().trim());
          } else {
            ObjectNode node = routeNodes.putObject(name);
            node.put("route", route.text().trim());
            node.put("priority", route.priority());
            node.put(
                "timeToLiveSecs",
                route.timeToLiveSecs() == null ? storeAndForward : route.timeToLiveSecs());
          }
        });
    hub.putObject("storeAndForwardConfiguration").put("timeToLiveSecs", storeAndForward);
    if (runtime.getMqttBroker() != null) {
      // edgeHub reads its MQTT broker settings with its schema 1.2 (docs/migrating-from-azure.md)
      hub.put("schemaVersion", MQTT_BROKER_SCHEMA);
      hub.set("mqttBroker", CanonicalJson.objectOf(runtime.getMqttBroker()));
    }
    return hub;
  }

  private static void checkSchemaFit(
      SchemaVersion schema,
      Map<String, Supplied<EdgeModule>> modules,
      Map<String, Supplied<PreparedRoute>> routes,
      List<ConfigurationWarning> warnings) {
    if (schema != SchemaVersion.V1_0) {
      return;
    }
    modules.forEach(
        (name, supplied) -> {
          if (supplied.value().getStartupOrder() != null) {
            warnings.add(
                new ConfigurationWarning(
                    supplied.by(),
                    "module " + name + " sets startupOrder, which the base's schema 1.0 ignores"));
          }
        });
    routes.forEach(
        (name, supplied) -> {
          PreparedRoute route = supplied.value();
          if (route.priority() != 0 || route.timeToLiveSecs() != null) {
            warnings.add(
                new ConfigurationWarning(
                    supplied.by(),
                    "route "
                        + name
                        + " sets priority or timeToLiveSecs, which the base's schema 1.0"
                        + " ignores"));
          }
        });
  }

  private static void checkReferences(
      Map<String, Supplied<EdgeModule>> modules,
      Map<String, Supplied<PreparedRoute>> routes,
      Map<String, Twin> twins,
      List<ConfigurationWarning> warnings) {
    routes.forEach(
        (name, supplied) -> {
          var route = supplied.value().parsed();
          route
              .warnings()
              .forEach(
                  warning ->
                      warnings.add(
                          new ConfigurationWarning(
                              supplied.by(), "route " + name + ": " + warning)));
          route
              .sinkModule()
              .filter(module -> !modules.containsKey(module))
              .ifPresent(
                  module ->
                      warnings.add(
                          new ConfigurationWarning(
                              supplied.by(),
                              "route "
                                  + name
                                  + " sends messages into module "
                                  + module
                                  + ", which the configuration does not contain")));
          route
              .sourceModule()
              .filter(module -> !modules.containsKey(module))
              .ifPresent(
                  module ->
                      warnings.add(
                          new ConfigurationWarning(
                              supplied.by(),
                              "route "
                                  + name
                                  + " reads messages from module "
                                  + module
                                  + ", which the configuration does not contain")));
        });
    twins.forEach(
        (module, twin) -> {
          if (!modules.containsKey(module)) {
            String by = twin.suppliers.values().iterator().next();
            warnings.add(
                new ConfigurationWarning(
                    by,
                    "module twin settings for "
                        + module
                        + ", a module the configuration does not contain"));
          }
        });
  }

  private static ObjectNode provenance(
      PreparedDeployment base,
      List<PreparedDeployment> layers,
      Map<String, Supplied<EdgeModule>> modules,
      Map<String, Supplied<PreparedRoute>> routes,
      Map<String, CredentialSource> credentials,
      Map<String, Twin> twins) {
    ObjectNode provenance = JSON.objectNode();
    provenance.put("base", base.name());
    var layerNames = provenance.putArray("layers");
    layers.forEach(layer -> layerNames.add(layer.name()));
    provenance.put("runtime", base.name());
    ObjectNode moduleNode = provenance.putObject("modules");
    modules.forEach((name, supplied) -> moduleNode.put(name, supplied.by()));
    ObjectNode routeNode = provenance.putObject("routes");
    routes.forEach((name, supplied) -> routeNode.put(name, supplied.by()));
    ObjectNode credentialNode = provenance.putObject("registryCredentials");
    credentials.forEach((name, source) -> credentialNode.put(name, source.suppliedBy()));
    ObjectNode twinNode = provenance.putObject("moduleTwins");
    twins.forEach(
        (module, twin) -> {
          ObjectNode paths = twinNode.putObject(module);
          twin.suppliers.forEach(paths::put);
        });
    return provenance;
  }
}

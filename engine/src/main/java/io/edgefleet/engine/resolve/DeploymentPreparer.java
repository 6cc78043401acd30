package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.api.v1alpha1.RegistryCredential;
import io.edgefleet.api.v1alpha1.RouteSpec;
import io.edgefleet.api.v1alpha1.SchemaVersion;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.param.Template;
import io.edgefleet.engine.query.MetricQuery;
import io.edgefleet.engine.query.QueryException;
import io.edgefleet.engine.query.QueryParser;
import io.edgefleet.engine.query.TargetCondition;
import io.edgefleet.engine.rollout.RolloutRules;
import io.edgefleet.engine.route.RouteParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a deployment spec the way the CRD schema would (objects read from Git never met an API
 * server) and compiles its condition, routes and metrics. Every problem is collected, none thrown.
 */
final class DeploymentPreparer {

  /** At most this many custom modules per deployment, as in IoT Hub. */
  static final int MAX_MODULES = 50;

  private static final long MAX_STARTUP_ORDER = 4294967295L;
  private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Pattern ROUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Pattern TWIN_PATH = Pattern.compile("properties\\.desired(\\.[^.]+)*");

  private final DeploymentSource source;
  private final EdgeDeploymentSpec spec;
  private final List<Validity.Problem> problems = new ArrayList<>();
  private final Set<String> parameterModules = new TreeSet<>();
  private final Set<String> parameterTwins = new TreeSet<>();

  DeploymentPreparer(DeploymentSource source) {
    this.source = source;
    this.spec = source.spec();
  }

  PreparedDeployment prepare() {
    if (source.unreadable() != null) {
      problem(
          InvalidReason.InvalidSpec,
          "the stored spec cannot be read ("
              + source.unreadable()
              + "); fix the field (the CRD schema now refuses such values)");
      return new PreparedDeployment(
          source,
          new Validity(problems),
          null,
          Map.of(),
          Map.of(),
          Map.of(),
          Map.of(),
          Map.of(),
          null,
          Set.of(),
          Set.of());
    }
    TargetCondition condition = condition();
    Map<String, PreparedRoute> routes = routes();
    Map<String, MetricQuery> metrics = metrics();
    checkPriority();
    checkRuntime();
    Map<String, EdgeModule> modules = modules();
    Map<String, List<TwinPatch>> twins = moduleTwins();
    Map<String, RegistryCredential> credentials = registryCredentials();
    RolloutRules rollout =
        spec.getRollout() == null
            ? null
            : RolloutRules.compile(
                spec.getRollout(), message -> problem(InvalidReason.InvalidRollout, message));
    return new PreparedDeployment(
        source,
        new Validity(problems),
        condition,
        metrics,
        modules,
        routes,
        credentials,
        twins,
        rollout,
        Set.copyOf(parameterModules),
        Set.copyOf(parameterTwins));
  }

  private void problem(InvalidReason reason, String message) {
    problems.add(new Validity.Problem(reason, message));
  }

  private TargetCondition condition() {
    String text = spec.getTargetCondition();
    if (text == null || text.isBlank()) {
      problem(
          InvalidReason.InvalidTargetCondition,
          "spec.targetCondition is required (use '*' to target every device)");
      return null;
    }
    try {
      return QueryParser.parseCondition(text);
    } catch (QueryException e) {
      problem(InvalidReason.InvalidTargetCondition, "spec.targetCondition: " + explain(e));
      return null;
    }
  }

  private Map<String, PreparedRoute> routes() {
    Map<String, PreparedRoute> routes = new TreeMap<>();
    if (spec.getRoutes() == null) {
      return routes;
    }
    for (Map.Entry<String, RouteSpec> entry : new TreeMap<>(spec.getRoutes()).entrySet()) {
      String name = entry.getKey();
      RouteSpec route = entry.getValue();
      String field = "spec.routes." + name;
      if (!ROUTE_NAME.matcher(name).matches()) {
        problem(
            InvalidReason.InvalidRoute,
            field + ": route names must be 1-128 letters, digits, '_', '.' or '-'");
        continue;
      }
      if (route == null || route.getRoute() == null || route.getRoute().isBlank()) {
        problem(InvalidReason.InvalidRoute, field + ".route is required");
        continue;
      }
      int priority = route.getPriority() == null ? 0 : route.getPriority();
      if (priority < 0 || priority > 9) {
        problem(
            InvalidReason.InvalidRoute,
            field + ".priority must be 0 (highest) to 9, not " + priority);
        continue;
      }
      if (route.getTimeToLiveSecs() != null && route.getTimeToLiveSecs() < 0) {
        problem(InvalidReason.InvalidRoute, field + ".timeToLiveSecs must be 0 or more");
        continue;
      }
      try {
        routes.put(
            name,
            new PreparedRoute(
                name,
                route.getRoute(),
                priority,
                route.getTimeToLiveSecs(),
                RouteParser.parse(route.getRoute())));
      } catch (QueryException e) {
        problem(InvalidReason.InvalidRoute, field + ".route: " + explain(e));
      }
    }
    return Collections.unmodifiableMap(routes);
  }

  private Map<String, MetricQuery> metrics() {
    Map<String, MetricQuery> metrics = new LinkedHashMap<>();
    if (spec.getMetrics() == null) {
      return metrics;
    }
    for (Map.Entry<String, String> entry : new TreeMap<>(spec.getMetrics()).entrySet()) {
      String field = "spec.metrics." + entry.getKey();
      if (entry.getValue() == null || entry.getValue().isBlank()) {
        problem(InvalidReason.InvalidMetricQuery, field + ": the query is empty");
        continue;
      }
      try {
        metrics.put(entry.getKey(), QueryParser.parseMetricQuery(entry.getValue()));
      } catch (QueryException e) {
        problem(InvalidReason.InvalidMetricQuery, field + ": " + explain(e));
      }
    }
    return metrics;
  }

  /** The parser's message and the excerpt with a caret under the column. */
  private static String explain(QueryException e) {
    String excerpt = e.excerpt();
    return excerpt == null || excerpt.isBlank() ? e.getMessage() : e.getMessage() + "\n" + excerpt;
  }

  private void checkPriority() {
    if (spec.getPriority() == null) {
      problem(InvalidReason.InvalidSpec, "spec.priority is required (0 or more; larger wins)");
    } else if (spec.getPriority() < 0) {
      problem(InvalidReason.InvalidSpec, "spec.priority must be 0 or more");
    }
  }

  private void checkRuntime() {
    if (spec.getRuntime() == null) {
      return;
    }
    if (spec.isLayeredDeployment()) {
      problem(
          InvalidReason.InvalidSpec,
          "spec.runtime is only allowed on standard deployments: remove it or set spec.layered"
              + " to false");
      return;
    }
    var runtime = spec.getRuntime();
    if (runtime.getEdgeHub() != null) {
      checkStartupOrder("spec.runtime.edgeHub", runtime.getEdgeHub().getStartupOrder());
    }
    var agent = runtime.getEdgeAgent();
    if (agent != null
        && (agent.getStatus() != null
            || agent.getRestartPolicy() != null
            || agent.getStartupOrder() != null)) {
      problem(
          InvalidReason.InvalidSpec,
          "spec.runtime.edgeAgent: status, restartPolicy and startupOrder apply to edgeHub only");
    }
    if (runtime.getStoreAndForwardTimeToLiveSecs() != null
        && runtime.getStoreAndForwardTimeToLiveSecs() < 0) {
      problem(
          InvalidReason.InvalidSpec,
          "spec.runtime.storeAndForwardTimeToLiveSecs must be 0 or more");
    }
    if (runtime.getSchemaVersion() == SchemaVersion.V1_0) {
      if (runtime.getEdgeHub() != null && runtime.getEdgeHub().getStartupOrder() != null) {
        problem(
            InvalidReason.InvalidSpec,
            "spec.runtime.edgeHub.startupOrder needs runtime.schemaVersion '1.1'");
      }
      if (runtime.getMqttBroker() != null) {
        problem(
            InvalidReason.InvalidSpec,
            "spec.runtime.mqttBroker needs runtime.schemaVersion '1.1' (edgeHub reads it with its"
                + " schema 1.2)");
      }
      boolean routeSettings =
          spec.getRoutes() != null
              && spec.getRoutes().values().stream()
                  .anyMatch(
                      r -> r != null && (r.getPriority() != null || r.getTimeToLiveSecs() != null));
      if (routeSettings) {
        problem(
            InvalidReason.InvalidRoute,
            "route priority and timeToLiveSecs need runtime.schemaVersion '1.1'");
      }
    }
  }

  private Map<String, EdgeModule> modules() {
    Map<String, EdgeModule> modules = new TreeMap<>();
    if (spec.getModules() == null) {
      return modules;
    }
    if (spec.getModules().size() > MAX_MODULES) {
      problem(
          InvalidReason.InvalidSpec,
          "spec.modules has "
              + spec.getModules().size()
              + " modules; a deployment holds at most "
              + MAX_MODULES);
    }
    boolean schema10 =
        spec.getRuntime() != null && spec.getRuntime().getSchemaVersion() == SchemaVersion.V1_0;
    for (Map.Entry<String, EdgeModule> entry : new TreeMap<>(spec.getModules()).entrySet()) {
      String name = entry.getKey();
      EdgeModule module = entry.getValue();
      String field = "spec.modules." + name;
      if (!checkModuleName(field, name)) {
        continue;
      }
      if (module == null || module.getImage() == null || module.getImage().isBlank()) {
        problem(InvalidReason.InvalidSpec, field + ".image is required");
        continue;
      }
      checkStartupOrder(field, module.getStartupOrder());
      if (schema10 && module.getStartupOrder() != null) {
        problem(
            InvalidReason.InvalidSpec, field + ".startupOrder needs runtime.schemaVersion '1.1'");
      }
      if (checkPlaceholders(field, module)) {
        parameterModules.add(name);
      }
      modules.put(name, module);
    }
    return Collections.unmodifiableMap(modules);
  }

  /**
   * Checks the placeholders of a module's image, env values and createOptions strings
   * (docs/concepts.md section 8); true when any of them holds one (or an escape).
   */
  private boolean checkPlaceholders(String field, EdgeModule module) {
    boolean any = checkPlaceholder(field + ".image", module.getImage());
    if (module.getEnv() != null) {
      for (Map.Entry<String, String> env : new TreeMap<>(module.getEnv()).entrySet()) {
        any |= checkPlaceholder(field + ".env." + env.getKey(), env.getValue());
      }
    }
    if (module.getCreateOptions() != null) {
      for (Map.Entry<String, JsonNode> option :
          new TreeMap<>(module.getCreateOptions()).entrySet()) {
        any |= checkPlaceholders(field + ".createOptions." + option.getKey(), option.getValue());
      }
    }
    return any;
  }

  /** Checks every string inside {@code node}; true when any holds a placeholder or escape. */
  private boolean checkPlaceholders(String field, JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node.isTextual()) {
      return checkPlaceholder(field, node.textValue());
    }
    boolean any = false;
    if (node.isObject()) {
      var fields = node.properties().iterator();
      while (fields.hasNext()) {
        var entry = fields.next();
        any |= checkPlaceholders(field + "." + entry.getKey(), entry.getValue());
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        any |= checkPlaceholders(field + "[" + i + "]", node.get(i));
      }
    }
    return any;
  }

  private boolean checkPlaceholder(String field, String text) {
    if (!Template.applies(text)) {
      return false;
    }
    try {
      Template.parse(text);
    } catch (QueryException e) {
      problem(InvalidReason.InvalidSpec, field + ": " + explain(e));
    }
    return true;
  }

  private boolean checkModuleName(String field, String name) {
    if (!MODULE_NAME.matcher(name).matches()) {
      problem(
          InvalidReason.InvalidSpec,
          field + ": module names must be 1-128 letters, digits, '_', '.' or '-'");
      return false;
    }
    if (name.equals("edgeAgent") || name.equals("edgeHub")) {
      problem(
          InvalidReason.InvalidSpec,
          field + ": edgeAgent and edgeHub are system modules; configure them under spec.runtime");
      return false;
    }
    return true;
  }

  private void checkStartupOrder(String field, Long startupOrder) {
    if (startupOrder != null && (startupOrder < 0 || startupOrder > MAX_STARTUP_ORDER)) {
      problem(InvalidReason.InvalidSpec, field + ".startupOrder must be 0 to " + MAX_STARTUP_ORDER);
    }
  }

  private Map<String, List<TwinPatch>> moduleTwins() {
    Map<String, List<TwinPatch>> twins = new TreeMap<>();
    if (spec.getModuleTwins() == null) {
      return twins;
    }
    for (Map.Entry<String, Map<String, JsonNode>> entry :
        new TreeMap<>(spec.getModuleTwins()).entrySet()) {
      String module = entry.getKey();
      String field = "spec.moduleTwins." + module;
      if (!checkModuleName(field, module) || entry.getValue() == null) {
        continue;
      }
      List<TwinPatch> patches = new ArrayList<>();
      for (Map.Entry<String, JsonNode> setting : entry.getValue().entrySet()) {
        String path = setting.getKey();
        if (!TWIN_PATH.matcher(path).matches()) {
          problem(
              InvalidReason.InvalidSpec,
              field
                  + ": '"
                  + path
                  + "' is not a module twin path; use 'properties.desired' or a sub-path such as"
                  + " 'properties.desired.settings'");
          continue;
        }
        List<String> segments =
            path.equals(TwinPatch.WHOLE)
                ? List.of()
                : Arrays.asList(path.substring(TwinPatch.WHOLE.length() + 1).split("\\."));
        JsonNode value = setting.getValue();
        if (value == null || !value.isObject()) {
          // as the CRD says: a value is an object of desired properties; set a scalar by naming
          // its parent, e.g. properties.desired.settings: {interval: 5}
          problem(
              InvalidReason.InvalidSpec,
              field + "." + path + " must be a JSON object of desired properties");
          continue;
        }
        if (checkPlaceholders(field + "." + path, value)) {
          parameterTwins.add(module);
        }
        patches.add(new TwinPatch(path, segments, value));
      }
      patches.sort(
          Comparator.comparingInt((TwinPatch p) -> p.segments().size())
              .thenComparing(TwinPatch::path));
      twins.put(module, List.copyOf(patches));
    }
    return Collections.unmodifiableMap(twins);
  }

  private Map<String, RegistryCredential> registryCredentials() {
    Map<String, RegistryCredential> credentials = new TreeMap<>();
    if (spec.getRegistryCredentials() == null) {
      return credentials;
    }
    for (Map.Entry<String, RegistryCredential> entry :
        new TreeMap<>(spec.getRegistryCredentials()).entrySet()) {
      String field = "spec.registryCredentials." + entry.getKey();
      RegistryCredential credential = entry.getValue();
      if (credential == null || credential.getAddress() == null) {
        problem(InvalidReason.InvalidSpec, field + ".address is required");
        continue;
      }
      if (credential.getSecretName() == null) {
        problem(
            InvalidReason.InvalidSpec,
            field + ".secretName is required (the Secret holding the credentials)");
        continue;
      }
      credentials.put(entry.getKey(), credential);
    }
    return Collections.unmodifiableMap(credentials);
  }
}

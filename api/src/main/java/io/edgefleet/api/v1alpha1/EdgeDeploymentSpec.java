package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;
import java.util.Objects;

/** What a deployment puts on the devices it targets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.layered) && self.layered && has(self.runtime))",
    message =
        "spec.runtime is only allowed on standard deployments: remove it or set spec.layered to"
            + " false (system modules come from the device's base deployment)")
@ValidationRule(
    value =
        "!has(self.runtime) || !has(self.runtime.schemaVersion) || self.runtime.schemaVersion !="
            + " '1.0' || !has(self.modules) || self.modules.all(m,"
            + " !has(self.modules[m].startupOrder))",
    message = "module startupOrder needs runtime.schemaVersion '1.1'")
@ValidationRule(
    value =
        "!has(self.runtime) || !has(self.runtime.schemaVersion) || self.runtime.schemaVersion !="
            + " '1.0' || !has(self.routes) || self.routes.all(r, !has(self.routes[r].priority) &&"
            + " !has(self.routes[r].timeToLiveSecs))",
    message = "route priority and timeToLiveSecs need runtime.schemaVersion '1.1'")
public class EdgeDeploymentSpec {

  /**
   * At most this many twin paths per module in {@code moduleTwins}. The CRD generator cannot put
   * limits on map values, so {@code CrdGeneration} writes this one (and the two below) into the
   * schema; without them the API server's cost estimate for the CEL rules on these maps is too high
   * and it rejects the CRD.
   */
  public static final long MAX_TWIN_PATHS_PER_MODULE = 64;

  /**
   * A {@code moduleTwins} value is a JSON object (the desired properties, or the sub-tree at a
   * sub-path): CEL can only see maps whose values have a type, so the values are typed {@code
   * object}.
   */
  public static final String TWIN_VALUE_TYPE = "object";

  /** At most this many characters in a metric query. */
  public static final long MAX_METRIC_QUERY_LENGTH = 8192;

  @Default("false")
  @JsonPropertyDescription(
      "false (default): a standard deployment, which carries the runtime and of which a device"
          + " applies exactly one. true: a layered deployment, applied on top of the device's"
          + " standard deployment when its priority is higher.")
  private Boolean layered;

  @Required
  @Min(0)
  @Max(EdgeFleetApi.MAX_INT32)
  @JsonPropertyDescription(
      "Priority, 0 to 2147483647; larger wins. Ties go to the most recently created deployment.")
  private Integer priority;

  @Required
  @Size(min = 1, max = 8192)
  @JsonPropertyDescription(
      "Which devices this deployment targets, in the IoT Hub query dialect, e.g."
          + " tags.environment='prod' AND properties.reported.devicemodel='4000x'; '*' targets"
          + " every device in the namespace.")
  private String targetCondition;

  @JsonPropertyDescription(
      "Standard deployments only: schema version and the edgeAgent / edgeHub system modules.")
  private RuntimeSettings runtime;

  @Size(max = 20)
  @ValidationRule(
      value = "self.all(k, k.matches('^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'))",
      message =
          "registry credential names must be 1-64 letters, digits, '_', '.' or '-', starting"
              + " with a letter or digit")
  @JsonPropertyDescription(
      "Private registries: name -> address and the Secret holding the credentials. A layer's"
          + " entry replaces the base's entry of the same name.")
  private Map<String, RegistryCredential> registryCredentials;

  @Size(max = 50)
  @ValidationRule(
      value = "self.all(k, k.matches('^[A-Za-z0-9_.-]{1,128}$') && !k.startsWith('$'))",
      message =
          "module names must be 1-128 letters, digits, '_', '.' or '-', and cannot start with"
              + " '$'")
  @ValidationRule(
      value = "!('edgeAgent' in self) && !('edgeHub' in self)",
      message =
          "edgeAgent and edgeHub are system modules: configure them under spec.runtime, not"
              + " spec.modules")
  @JsonPropertyDescription(
      "Custom modules: name -> module, at most 50. An empty map is valid and means 'run no custom"
          + " modules' (how to remove all modules from devices). A layer's module replaces the"
          + " base's module of the same name as a whole.")
  private Map<String, EdgeModule> modules;

  @Size(max = 50)
  @ValidationRule(
      value = "self.all(k, k.matches('^[A-Za-z0-9_.-]{1,128}$') && !k.startsWith('$'))",
      message = "moduleTwins keys are module names: letters, digits, '_', '.' or '-'")
  @ValidationRule(
      value =
          "self.all(m, self[m].all(p, p == 'properties.desired' ||"
              + " p.matches('^properties[.]desired([.][^.]+)+$')))",
      message =
          "moduleTwins paths must be 'properties.desired' (the whole desired properties) or a"
              + " sub-path such as 'properties.desired.settings'")
  @JsonPropertyDescription(
      "Module twin desired properties: module name -> path -> JSON object. The path"
          + " 'properties.desired' sets all desired properties of the module (replacing what"
          + " lower deployments set); a sub-path such as 'properties.desired.settings' replaces"
          + " only that sub-tree and keeps the rest. At most 64 paths per module.")
  private Map<String, Map<String, JsonNode>> moduleTwins;

  @Size(max = 256)
  @ValidationRule(
      value = "self.all(k, k.matches('^[A-Za-z0-9_.-]{1,128}$'))",
      message = "route names must be 1-128 letters, digits, '_', '.' or '-'")
  @JsonPropertyDescription(
      "edgeHub routes: name -> route. A layer's route replaces the base's route of the same"
          + " name.")
  private Map<String, RouteSpec> routes;

  @Size(max = 50)
  @ValidationRule(
      value = "self.all(k, k.matches('^[A-Za-z0-9_.-]{1,128}$'))",
      message = "metric names must be 1-128 letters, digits, '_', '.' or '-'")
  @ValidationRule(
      value = "self.all(k, size(self[k]) <= 8192 && self[k].matches('^\\\\s*(?i:select)\\\\s'))",
      message =
          "metric queries look like: SELECT deviceId FROM devices WHERE <condition> (at most 8192"
              + " characters)")
  @JsonPropertyDescription(
      "Custom metrics: name -> query, e.g. SELECT deviceId FROM devices WHERE"
          + " properties.reported.lastDesiredStatus.code = 200. Each metric counts the matching"
          + " devices of the namespace.")
  private Map<String, String> metrics;

  @JsonPropertyDescription(
      "Safe rollout of changes: waves limited by maxConcurrency, health gates, an automatic halt"
          + " at maxFailures, pause. Without it every change applies to every device at once."
          + " See docs/rollouts.md.")
  private RolloutSpec rollout;

  @Min(0)
  @Max(100)
  @JsonPropertyDescription(
      "How many earlier revisions of the content to keep (as ControllerRevisions) for undo."
          + " Default 10.")
  private Integer revisionHistoryLimit;

  public Boolean getLayered() {
    return layered;
  }

  public void setLayered(Boolean layered) {
    this.layered = layered;
  }

  /** Whether this is a layered deployment; absent means standard. */
  @JsonIgnore
  public boolean isLayeredDeployment() {
    return Boolean.TRUE.equals(layered);
  }

  public Integer getPriority() {
    return priority;
  }

  public void setPriority(Integer priority) {
    this.priority = priority;
  }

  public String getTargetCondition() {
    return targetCondition;
  }

  public void setTargetCondition(String targetCondition) {
    this.targetCondition = targetCondition;
  }

  public RuntimeSettings getRuntime() {
    return runtime;
  }

  public void setRuntime(RuntimeSettings runtime) {
    this.runtime = runtime;
  }

  public Map<String, RegistryCredential> getRegistryCredentials() {
    return registryCredentials;
  }

  public void setRegistryCredentials(Map<String, RegistryCredential> registryCredentials) {
    this.registryCredentials = registryCredentials;
  }

  public Map<String, EdgeModule> getModules() {
    return modules;
  }

  public void setModules(Map<String, EdgeModule> modules) {
    this.modules = modules;
  }

  public Map<String, Map<String, JsonNode>> getModuleTwins() {
    return moduleTwins;
  }

  public void setModuleTwins(Map<String, Map<String, JsonNode>> moduleTwins) {
    this.moduleTwins = moduleTwins;
  }

  public Map<String, RouteSpec> getRoutes() {
    return routes;
  }

  public void setRoutes(Map<String, RouteSpec> routes) {
    this.routes = routes;
  }

  public Map<String, String> getMetrics() {
    return metrics;
  }

  public void setMetrics(Map<String, String> metrics) {
    this.metrics = metrics;
  }

  public RolloutSpec getRollout() {
    return rollout;
  }

  public void setRollout(RolloutSpec rollout) {
    this.rollout = rollout;
  }

  public Integer getRevisionHistoryLimit() {
    return revisionHistoryLimit;
  }

  public void setRevisionHistoryLimit(Integer revisionHistoryLimit) {
    this.revisionHistoryLimit = revisionHistoryLimit;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EdgeDeploymentSpec s
        && Objects.equals(layered, s.layered)
        && Objects.equals(priority, s.priority)
        && Objects.equals(targetCondition, s.targetCondition)
        && Objects.equals(runtime, s.runtime)
        && Objects.equals(registryCredentials, s.registryCredentials)
        && Objects.equals(modules, s.modules)
        && Objects.equals(moduleTwins, s.moduleTwins)
        && Objects.equals(routes, s.routes)
        && Objects.equals(metrics, s.metrics)
        && Objects.equals(rollout, s.rollout)
        && Objects.equals(revisionHistoryLimit, s.revisionHistoryLimit);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        layered,
        priority,
        targetCondition,
        runtime,
        registryCredentials,
        modules,
        moduleTwins,
        routes,
        metrics,
        rollout,
        revisionHistoryLimit);
  }
}

package io.edgefleet.engine.resolve;

import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.api.v1alpha1.RegistryCredential;
import io.edgefleet.api.v1alpha1.RuntimeSettings;
import io.edgefleet.api.v1alpha1.SchemaVersion;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.query.MetricQuery;
import io.edgefleet.engine.query.TargetCondition;
import io.edgefleet.engine.rollout.Revisions;
import io.edgefleet.engine.rollout.RolloutRules;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deployment compiled once for many decisions: its condition and queries parsed, its spec checked
 * and normalized. Immutable and shared between threads. Compared by identity: a new generation of a
 * deployment is a new object.
 */
public final class PreparedDeployment {

  /**
   * Precedence among deployments: priority, then creation time (unknown is oldest), then name. The
   * greatest wins the base; layers apply in ascending order so the greatest applies last.
   */
  public static final Comparator<PreparedDeployment> PRECEDENCE =
      Comparator.comparingInt(PreparedDeployment::priority)
          .thenComparing(
              PreparedDeployment::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(PreparedDeployment::name);

  private final DeploymentSource source;
  private final Validity validity;
  private final TargetCondition condition;
  private final Map<String, MetricQuery> metrics;
  private final Map<String, EdgeModule> modules;
  private final Map<String, PreparedRoute> routes;
  private final Map<String, RegistryCredential> registryCredentials;
  private final Map<String, List<TwinPatch>> moduleTwins;
  private final RolloutRules rollout;
  private volatile String revision;
  private final Set<String> parameterModules;
  private final Set<String> parameterTwins;
  private final Map<String, ParameterPlan.ModuleSites> moduleSites = new ConcurrentHashMap<>();

  PreparedDeployment(
      DeploymentSource source,
      Validity validity,
      TargetCondition condition,
      Map<String, MetricQuery> metrics,
      Map<String, EdgeModule> modules,
      Map<String, PreparedRoute> routes,
      Map<String, RegistryCredential> registryCredentials,
      Map<String, List<TwinPatch>> moduleTwins,
      RolloutRules rollout,
      Set<String> parameterModules,
      Set<String> parameterTwins) {
    this.source = source;
    this.rollout = rollout;
    this.validity = validity;
    this.condition = condition;
    this.metrics = Map.copyOf(metrics);
    this.modules = modules;
    this.routes = routes;
    this.registryCredentials = registryCredentials;
    this.moduleTwins = moduleTwins;
    this.parameterModules = parameterModules;
    this.parameterTwins = parameterTwins;
  }

  /** Compiles and checks {@code source}. Never throws for a bad spec: see {@link #validity()}. */
  public static PreparedDeployment prepare(DeploymentSource source) {
    return new DeploymentPreparer(source).prepare();
  }

  public DeploymentSource source() {
    return source;
  }

  public String name() {
    return source.name();
  }

  public String namespace() {
    return source.namespace();
  }

  public Instant createdAt() {
    return source.createdAt();
  }

  /** The priority; an absent or negative priority makes the deployment invalid and reads as 0. */
  public int priority() {
    Integer priority = source.spec().getPriority();
    return priority == null ? 0 : priority;
  }

  public boolean layered() {
    return source.spec().isLayeredDeployment();
  }

  public Validity validity() {
    return validity;
  }

  public boolean valid() {
    return validity.isValid();
  }

  /** The compiled target condition, or null when it does not parse. */
  public TargetCondition condition() {
    return condition;
  }

  /** The custom metrics that parse, by name. */
  public Map<String, MetricQuery> metrics() {
    return metrics;
  }

  /** Custom modules by name, sorted. */
  public Map<String, EdgeModule> modules() {
    return modules;
  }

  /** Routes by name, sorted. */
  public Map<String, PreparedRoute> routes() {
    return routes;
  }

  /** Registry credentials by name, sorted. */
  public Map<String, RegistryCredential> registryCredentials() {
    return registryCredentials;
  }

  /** Module twin settings by module, each list whole-first then by depth. */
  public Map<String, List<TwinPatch>> moduleTwins() {
    return moduleTwins;
  }

  /** The compiled {@code spec.rollout}, or null when changes apply at once. */
  public RolloutRules rollout() {
    return rollout;
  }

  /** The content hash of this deployment's content: its revision (see {@link Revisions}). */
  public String revision() {
    String known = revision;
    if (known == null) {
      known = Revisions.hash(source.spec());
      revision = known;
    }
    return known;
  }

  /** Whether any module or module twin holds a placeholder (or a {@code $${} escape). */
  public boolean hasParameters() {
    return !parameterModules.isEmpty() || !parameterTwins.isEmpty();
  }

  /** The modules whose image, env values or createOptions hold placeholders or escapes. */
  public Set<String> parameterModules() {
    return parameterModules;
  }

  /**
   * Where the placeholders of module {@code name} are, found when a merge first asks and kept:
   * every merge this deployment supplies the module to shares them.
   */
  ParameterPlan.ModuleSites moduleSites(String name) {
    return moduleSites.computeIfAbsent(
        name, n -> ParameterPlan.ModuleSites.of(n, modules.get(n), name()));
  }

  /** The modules whose twin settings (in this deployment) hold placeholders or escapes. */
  public Set<String> parameterTwins() {
    return parameterTwins;
  }

  /** The runtime settings (standard deployments), never null. */
  public RuntimeSettings runtime() {
    RuntimeSettings runtime = source.spec().getRuntime();
    return runtime == null ? new RuntimeSettings() : runtime;
  }

  /** The schema version of the runtime, default 1.1. */
  public SchemaVersion schemaVersion() {
    SchemaVersion version = runtime().getSchemaVersion();
    return version == null ? SchemaVersion.V1_1 : version;
  }

  @Override
  public String toString() {
    return (layered() ? "layered " : "standard ") + name() + " (priority " + priority() + ")";
  }
}

package io.edgefleet.engine.resolve;

import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.query.Truth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The deployments of one namespace, prepared for deciding many devices (docs/concepts.md, sections
 * 1-5). Its deployments never change; it is thread-safe. Devices with the same base and layers
 * share one merged configuration: merges are memoized in a bounded cache, which only saves work (a
 * merge that is not cached is computed again, with the same result).
 */
public final class DeploymentSet {

  /** Merged configurations kept at most; beyond this the cache starts over. */
  static final int MAX_CACHED_MERGES = 4096;

  private final List<PreparedDeployment> deployments;
  private final Map<String, PreparedDeployment> byName;
  private final PreparedDeployment[] evaluated;
  private final int[] evaluatedIndex;
  private final Map<List<PreparedDeployment>, ConfigurationMerger.Merged> merges =
      new ConcurrentHashMap<>();

  private DeploymentSet(Collection<PreparedDeployment> prepared) {
    List<PreparedDeployment> sorted = new ArrayList<>(prepared);
    sorted.sort(Comparator.comparing(PreparedDeployment::name));
    this.deployments = List.copyOf(sorted);
    this.byName = new HashMap<>();
    List<Integer> valid = new ArrayList<>();
    for (int i = 0; i < deployments.size(); i++) {
      PreparedDeployment deployment = deployments.get(i);
      if (byName.put(deployment.name(), deployment) != null) {
        throw new IllegalArgumentException("two deployments named " + deployment.name());
      }
      if (deployment.valid()) {
        valid.add(i);
      }
    }
    this.evaluated = valid.stream().map(deployments::get).toArray(PreparedDeployment[]::new);
    this.evaluatedIndex = valid.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A set of already prepared deployments (of one namespace). */
  public static DeploymentSet of(Collection<PreparedDeployment> prepared) {
    return new DeploymentSet(prepared);
  }

  /** Prepares {@code sources} (of one namespace) and makes a set of them. */
  public static DeploymentSet prepare(Collection<DeploymentSource> sources) {
    return new DeploymentSet(sources.stream().map(PreparedDeployment::prepare).toList());
  }

  /**
   * This set with each of {@code replacements} in place of the deployment of the same name (e.g. an
   * earlier revision of its content, for a rollback).
   */
  public DeploymentSet replacing(Collection<PreparedDeployment> replacements) {
    Map<String, PreparedDeployment> byReplacedName = new HashMap<>();
    replacements.forEach(r -> byReplacedName.put(r.name(), r));
    return new DeploymentSet(
        deployments.stream().map(d -> byReplacedName.getOrDefault(d.name(), d)).toList());
  }

  /** Every deployment, sorted by name. */
  public List<PreparedDeployment> deployments() {
    return deployments;
  }

  /** The deployment called {@code name}, or null. */
  public PreparedDeployment get(String name) {
    return byName.get(name);
  }

  /**
   * A set with {@code deployment} in place of the one of the same name (or added): for counting a
   * generation of a deployment that this set does not hold yet.
   */
  public DeploymentSet with(PreparedDeployment deployment) {
    List<PreparedDeployment> prepared = new ArrayList<>(deployments.size() + 1);
    deployments.stream().filter(d -> !d.name().equals(deployment.name())).forEach(prepared::add);
    prepared.add(deployment);
    return new DeploymentSet(prepared);
  }

  /** Decides {@code device}'s configuration. */
  public DeviceDecision decide(DeviceSource device) {
    DeviceTwin twin = new DeviceTwin(device);
    Truth[] matches = new Truth[deployments.size()];
    Arrays.fill(matches, Truth.UNDEFINED);
    PreparedDeployment base = null;
    for (int k = 0; k < evaluated.length; k++) {
      PreparedDeployment deployment = evaluated[k];
      Truth truth = deployment.condition().evaluate(twin);
      matches[evaluatedIndex[k]] = truth;
      if (truth == Truth.TRUE
          && !deployment.layered()
          && (base == null || PreparedDeployment.PRECEDENCE.compare(deployment, base) > 0)) {
        base = deployment;
      }
    }
    List<PreparedDeployment> layers = layersAbove(base, matches);
    String frozenBy = frozenBy(device.current());
    if (frozenBy != null) {
      return new DeviceDecision(
          device, Outcome.KEEP_FROZEN, base, layers, null, frozenBy, deployments, matches);
    }
    if (base == null) {
      return new DeviceDecision(
          device, Outcome.KEEP_UNMANAGED, null, layers, null, null, deployments, matches);
    }
    ConfigurationMerger.Merged merged = merged(base, layers);
    if (merged.plan() == null) {
      return new DeviceDecision(
          device, Outcome.APPLY, base, layers, merged.configuration(), null, deployments, matches);
    }
    ParameterPlan.Substituted substituted = merged.plan().apply(device);
    if (!substituted.errors().isEmpty()) {
      return new DeviceDecision(
          device,
          Outcome.KEEP_PARAMETER_ERROR,
          base,
          layers,
          null,
          null,
          deployments,
          matches,
          substituted.errors());
    }
    return new DeviceDecision(
        device,
        Outcome.APPLY,
        base,
        layers,
        substituted.configuration(),
        null,
        deployments,
        matches);
  }

  private List<PreparedDeployment> layersAbove(PreparedDeployment base, Truth[] matches) {
    if (base == null) {
      return List.of();
    }
    List<PreparedDeployment> layers = null;
    for (int k = 0; k < evaluated.length; k++) {
      PreparedDeployment deployment = evaluated[k];
      if (deployment.layered()
          && matches[evaluatedIndex[k]] == Truth.TRUE
          && deployment.priority() > base.priority()) {
        if (layers == null) {
          layers = new ArrayList<>();
        }
        layers.add(deployment);
      }
    }
    if (layers == null) {
      return List.of();
    }
    layers.sort(PreparedDeployment.PRECEDENCE);
    return layers;
  }

  /** The first invalid deployment the current configuration came from, or null. */
  private String frozenBy(CurrentConfiguration current) {
    if (current == null) {
      return null;
    }
    return Stream.concat(Stream.ofNullable(current.base()), current.layers().stream())
        .filter(name -> byName.containsKey(name) && !byName.get(name).valid())
        .findFirst()
        .orElse(null);
  }

  private ConfigurationMerger.Merged merged(
      PreparedDeployment base, List<PreparedDeployment> layers) {
    List<PreparedDeployment> key = new ArrayList<>(layers.size() + 1);
    key.add(base);
    key.addAll(layers);
    ConfigurationMerger.Merged cached = merges.get(key);
    if (cached != null) {
      return cached;
    }
    if (merges.size() >= MAX_CACHED_MERGES) {
      merges.clear();
    }
    return merges.computeIfAbsent(key, k -> ConfigurationMerger.mergeForDevices(base, layers));
  }

  /**
   * The configuration that {@code names} (a base, then its layers in applied order) merge into, or
   * null when they cannot be merged in this set (one is missing or invalid, or the first is not a
   * standard deployment).
   */
  public ResolvedConfiguration configuration(List<String> names) {
    if (names.isEmpty()) {
      return null;
    }
    PreparedDeployment base = byName.get(names.get(0));
    if (base == null || !base.valid() || base.layered()) {
      return null;
    }
    List<PreparedDeployment> layers = new ArrayList<>(names.size() - 1);
    for (String name : names.subList(1, names.size())) {
      PreparedDeployment layer = byName.get(name);
      if (layer == null || !layer.valid() || !layer.layered()) {
        return null;
      }
      layers.add(layer);
    }
    return merged(base, layers).configuration();
  }
}

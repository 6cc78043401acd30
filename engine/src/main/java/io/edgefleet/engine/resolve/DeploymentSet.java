package io.edgefleet.engine.resolve;

import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.query.Truth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The deployments of one namespace, prepared for deciding many devices (SPEC 2.1-2.5). Immutable
 * and thread-safe; devices with the same base and layers share one merged configuration.
 */
public final class DeploymentSet {

  /** Merged configurations kept at most; beyond this the cache starts over. */
  static final int MAX_CACHED_MERGES = 4096;

  private final List<PreparedDeployment> deployments;
  private final Map<String, PreparedDeployment> byName;
  private final PreparedDeployment[] evaluated;
  private final int[] evaluatedIndex;
  private final Map<List<PreparedDeployment>, ResolvedConfiguration> merges =
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

  /** Decides {@code device}'s configuration. */
  public DeviceDecision decide(DeviceSource device) {
    DeviceTwin twin = new DeviceTwin(device);
    Truth[] matches = new Truth[deployments.size()];
    java.util.Arrays.fill(matches, Truth.UNDEFINED);
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
    ResolvedConfiguration configuration = merged(base, layers);
    return new DeviceDecision(
        device, Outcome.APPLY, base, layers, configuration, null, deployments, matches);
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

  private ResolvedConfiguration merged(PreparedDeployment base, List<PreparedDeployment> layers) {
    List<PreparedDeployment> key = new ArrayList<>(layers.size() + 1);
    key.add(base);
    key.addAll(layers);
    ResolvedConfiguration cached = merges.get(key);
    if (cached != null) {
      return cached;
    }
    if (merges.size() >= MAX_CACHED_MERGES) {
      merges.clear();
    }
    return merges.computeIfAbsent(key, k -> ConfigurationMerger.merge(base, layers));
  }

  /**
   * Warnings about {@code deployment}'s content found in the configurations merged so far (by this
   * set), without repeats.
   */
  public List<String> warningsFor(String deployment) {
    return merges.values().stream()
        .flatMap(c -> c.warnings().stream())
        .filter(w -> w.deployment().equals(deployment))
        .map(ConfigurationWarning::message)
        .distinct()
        .sorted()
        .toList();
  }
}

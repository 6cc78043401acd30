package io.edgefleet.operator.fleet;

import io.edgefleet.api.serialization.Unreadable;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.PreparedDeployment;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one prepared {@link DeploymentSet} per namespace and rebuilds it only when a deployment of
 * the namespace is added, removed or changes its spec. Deciding a device then costs condition
 * evaluations and a cache lookup, not parsing.
 */
public final class DeploymentCatalog {

  private record Snapshot(List<String> fingerprint, DeploymentSet set) {}

  private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
  private final Map<String, Map<String, PreparedDeployment>> prepared = new ConcurrentHashMap<>();

  /** The prepared set for {@code namespace}, given the deployments the cache holds for it. */
  public DeploymentSet setFor(String namespace, Collection<EdgeDeployment> deployments) {
    List<EdgeDeployment> sorted = new ArrayList<>(deployments);
    sorted.sort(Comparator.comparing(d -> d.getMetadata().getName()));
    List<String> fingerprint = new ArrayList<>(sorted.size());
    for (EdgeDeployment deployment : sorted) {
      fingerprint.add(key(deployment));
    }
    Snapshot current = snapshots.get(namespace);
    if (current != null && current.fingerprint().equals(fingerprint)) {
      return current.set();
    }
    return snapshots
        .compute(
            namespace,
            (ns, existing) ->
                existing != null && existing.fingerprint().equals(fingerprint)
                    ? existing
                    : new Snapshot(fingerprint, build(ns, sorted, fingerprint)))
        .set();
  }

  private DeploymentSet build(
      String namespace, List<EdgeDeployment> deployments, List<String> fingerprint) {
    Map<String, PreparedDeployment> memo =
        prepared.computeIfAbsent(namespace, ns -> new ConcurrentHashMap<>());
    List<PreparedDeployment> set = new ArrayList<>(deployments.size());
    for (int i = 0; i < deployments.size(); i++) {
      EdgeDeployment deployment = deployments.get(i);
      set.add(
          memo.computeIfAbsent(
              fingerprint.get(i), k -> PreparedDeployment.prepare(source(deployment))));
    }
    if (memo.size() > 2 * fingerprint.size() + 16) {
      memo.keySet().retainAll(fingerprint);
    }
    return DeploymentSet.of(set);
  }

  /** The engine's view of an EdgeDeployment. */
  public static DeploymentSource source(EdgeDeployment deployment) {
    var metadata = deployment.getMetadata();
    return new DeploymentSource(
        metadata.getNamespace(),
        metadata.getName(),
        instant(metadata.getCreationTimestamp()),
        metadata.getGeneration() == null ? 0 : metadata.getGeneration(),
        deployment.getSpec(),
        Unreadable.spec(deployment));
  }

  private static Instant instant(String timestamp) {
    if (timestamp == null || timestamp.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * What identifies a deployment's content: name, uid and generation (the API server bumps the
   * generation on every spec change); the resourceVersion stands in where there is no generation.
   */
  private static String key(EdgeDeployment deployment) {
    var metadata = deployment.getMetadata();
    String version =
        metadata.getGeneration() != null
            ? "g" + metadata.getGeneration()
            : "r" + metadata.getResourceVersion();
    return metadata.getName() + "/" + metadata.getUid() + "/" + version;
  }
}

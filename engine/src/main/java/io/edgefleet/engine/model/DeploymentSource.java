package io.edgefleet.engine.model;

import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import java.time.Instant;
import java.util.Objects;

/**
 * An EdgeDeployment as the engine sees it: identity, creation time and spec, nothing else.
 *
 * @param namespace the namespace; a deployment targets devices of its own namespace only
 * @param name the deployment name
 * @param createdAt {@code metadata.creationTimestamp}; null (common for objects read from Git)
 *     counts as the oldest
 * @param generation {@code metadata.generation}, 0 when unknown
 * @param spec the spec, as stored (defaults not applied)
 * @param unreadable why the stored spec could not be read (then {@code spec} is empty), or null
 */
public record DeploymentSource(
    String namespace,
    String name,
    Instant createdAt,
    long generation,
    EdgeDeploymentSpec spec,
    String unreadable) {

  public DeploymentSource {
    Objects.requireNonNull(name, "name");
    namespace = namespace == null ? "" : namespace;
    spec = spec == null ? new EdgeDeploymentSpec() : spec;
  }

  /** A deployment whose spec was read. */
  public DeploymentSource(
      String namespace, String name, Instant createdAt, long generation, EdgeDeploymentSpec spec) {
    this(namespace, name, createdAt, generation, spec, null);
  }
}

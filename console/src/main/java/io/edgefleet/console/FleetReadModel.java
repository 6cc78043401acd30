package io.edgefleet.console;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeviceState;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the console reads, and all it reads: the operator implements it from its caches. Nothing
 * here writes to the cluster, and no method returns a Secret or a Secret's value.
 *
 * <p>The objects returned are shared with the caches: the console never modifies them.
 */
public interface FleetReadModel {

  /** Whether the caches are synced (pages answer 503 until then). */
  boolean ready();

  /** The namespaces that hold EdgeDeployments or EdgeDevices, sorted. */
  Set<String> namespaces();

  /** The EdgeDeployments of every namespace. */
  List<EdgeDeployment> deployments();

  /** The EdgeDevices of {@code namespace}. */
  List<EdgeDevice> devices(String namespace);

  /** One EdgeDevice, if the cache holds it. */
  Optional<EdgeDevice> device(String namespace, String name);

  /** The deployments of {@code namespace} prepared as the operator decides with them. */
  DeploymentSet deploymentSet(String namespace);

  /** The engine's view of a deployment (the same conversion the operator decides with). */
  DeploymentSource source(EdgeDeployment deployment);

  /** A device as the operator counts it: its twin and what its status says it runs. */
  DeviceState state(EdgeDevice device);

  /**
   * The manifest text of the device's generated ConfigMap, or empty when it has none (or no
   * manifest).
   */
  Optional<String> configMapManifest(String namespace, String device);
}

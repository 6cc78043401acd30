package io.edgefleet.console;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A fingerprint of everything the pages show: it changes when any EdgeDeployment or EdgeDevice is
 * added, removed or changed (each change gets a new resourceVersion). Live pages reload their
 * content when it changes.
 */
final class Revision {

  private Revision() {}

  /** The fingerprint of the model's current content. */
  static long of(FleetReadModel model) {
    if (!model.ready()) {
      return 0;
    }
    long hash = 17;
    for (EdgeDeployment deployment : model.deployments()) {
      hash = mix(hash, deployment);
    }
    for (String namespace : model.namespaces()) {
      hash = hash * 31 + namespace.hashCode();
      for (EdgeDevice device : model.devices(namespace)) {
        hash = mix(hash, device);
      }
    }
    return hash;
  }

  /** Order-independent: caches list objects in no particular order. */
  private static long mix(long hash, HasMetadata object) {
    var metadata = object.getMetadata();
    long h = 1469598103934665603L;
    h = (h ^ String.valueOf(metadata.getUid()).hashCode()) * 1099511628211L;
    h = (h ^ String.valueOf(metadata.getName()).hashCode()) * 1099511628211L;
    h = (h ^ String.valueOf(metadata.getResourceVersion()).hashCode()) * 1099511628211L;
    return hash + h;
  }
}

package io.edgefleet.operator.device;

import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resourceVersion of the operator's last status write per device, so that a change of the
 * status fields it owns made by someone else (a device agent may patch its status) is told from the
 * operator's own write: the first is repaired at once, the second needs no reconcile.
 */
public final class OwnStatusWrites {

  private final Map<ResourceID, String> versions = new ConcurrentHashMap<>();

  /** Remembers the device as the operator's status write returned it. */
  void wrote(EdgeDevice patched) {
    if (patched != null && patched.getMetadata().getResourceVersion() != null) {
      versions.put(ResourceID.fromResource(patched), patched.getMetadata().getResourceVersion());
    }
  }

  /** Whether this version of the device is the operator's own last status write. */
  public boolean isOwn(EdgeDevice device) {
    String version = device.getMetadata().getResourceVersion();
    return version != null
        && Objects.equals(versions.get(ResourceID.fromResource(device)), version);
  }

  /** Forgets a deleted device. */
  void forget(EdgeDevice device) {
    versions.remove(ResourceID.fromResource(device));
  }
}

package io.edgefleet.operator.device;

import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;

/**
 * Whether a ConfigMap or Secret belongs to a device: it carries a controller owner reference with
 * the device's UID. Labels only help find generated objects; they never decide ownership (anyone
 * can put them on an object, or take them off).
 */
public final class Ownership {

  private Ownership() {}

  /** Whether {@code object} is controlled by {@code device}. */
  public static boolean ownedBy(HasMetadata object, EdgeDevice device) {
    if (object == null) {
      return false;
    }
    String uid = device.getMetadata().getUid();
    List<OwnerReference> references = object.getMetadata().getOwnerReferences();
    if (uid == null || references == null) {
      return false;
    }
    return references.stream()
        .anyMatch(r -> Boolean.TRUE.equals(r.getController()) && uid.equals(r.getUid()));
  }
}

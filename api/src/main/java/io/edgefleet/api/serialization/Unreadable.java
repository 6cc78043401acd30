package io.edgefleet.api.serialization;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * How a stored EdgeDevice or EdgeDeployment that cannot be read whole is marked: its readable parts
 * are kept, the unreadable {@code spec} or {@code status} is left out, and an annotation on the
 * in-memory copy says why. The annotations exist only in memory (the operator never writes a whole
 * object back), like the lean cache's observed hash; docs/operations.md describes what the operator
 * does with such objects.
 */
public final class Unreadable {

  /** Annotation (in memory only): why the stored spec could not be read. */
  public static final String SPEC_ANNOTATION = "edgefleet.io/unreadable-spec";

  /** Annotation (in memory only): why the stored status could not be read. */
  public static final String STATUS_ANNOTATION = "edgefleet.io/unreadable-status";

  private Unreadable() {}

  /** Why the object's spec could not be read, or null when it was read. */
  public static String spec(HasMetadata object) {
    return annotation(object, SPEC_ANNOTATION);
  }

  /** Why the object's status could not be read, or null when it was read. */
  public static String status(HasMetadata object) {
    return annotation(object, STATUS_ANNOTATION);
  }

  /** Whether any part of the object could not be read. */
  public static boolean any(HasMetadata object) {
    return spec(object) != null || status(object) != null;
  }

  private static String annotation(HasMetadata object, String key) {
    if (object == null || object.getMetadata() == null) {
      return null;
    }
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}

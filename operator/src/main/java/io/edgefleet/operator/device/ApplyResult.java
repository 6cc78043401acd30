package io.edgefleet.operator.device;

/**
 * What writing a device's generated objects came to.
 *
 * @param kind the outcome
 * @param configMapName the device's ConfigMap, when it has one
 * @param registrySecretName the device's registry Secret, when it has one
 * @param message for refusals, what was wrong and how to fix it
 */
public record ApplyResult(
    Kind kind, String configMapName, String registrySecretName, String message) {

  /** The outcome of an apply. */
  public enum Kind {
    /** The ConfigMap (and Secret) were written now. */
    WRITTEN,
    /** They already held the decided configuration; nothing was written. */
    UNCHANGED,
    /** The decision keeps the device's configuration; nothing was written. */
    KEPT,
    /** The configuration would exceed the API server's object size limit; nothing was written. */
    TOO_LARGE,
    /** A referenced registry Secret or key is missing; nothing was written. */
    SECRET_MISSING,
    /** A referenced Secret is not meant for registry credentials; nothing was written or copied. */
    SECRET_REFUSED,
    /** An object with the generated name exists and is not EdgeFleet's; nothing was written. */
    NAME_CONFLICT
  }

  /** Whether the device's objects hold the decided configuration. */
  public boolean current() {
    return kind == Kind.WRITTEN || kind == Kind.UNCHANGED;
  }

  /** Whether a write was refused. */
  public boolean refused() {
    return kind == Kind.TOO_LARGE
        || kind == Kind.SECRET_MISSING
        || kind == Kind.SECRET_REFUSED
        || kind == Kind.NAME_CONFLICT;
  }
}

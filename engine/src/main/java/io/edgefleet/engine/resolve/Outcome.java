package io.edgefleet.engine.resolve;

/** What happens to a device's configuration. */
public enum Outcome {
  /** A standard deployment targets it: its configuration is the resolved one. */
  APPLY,
  /**
   * No valid standard deployment targets it: nothing changes on the device (sticky rule); it is no
   * longer managed.
   */
  KEEP_UNMANAGED,
  /**
   * Its current configuration came from a deployment that is now invalid: it keeps that
   * configuration until the deployment is fixed or deleted.
   */
  KEEP_FROZEN,
  /**
   * Its configuration would change, but a deployment's rollout has not admitted it yet: it keeps
   * its current configuration exactly, and waits its turn.
   */
  KEEP_WAITING,
  /**
   * A placeholder of the configuration it would get has no value on this device, or a value not
   * allowed where it stands (docs/concepts.md section 8): it keeps the configuration it has, and
   * counts as not applied for the deployment that holds the placeholder.
   */
  KEEP_PARAMETER_ERROR
}

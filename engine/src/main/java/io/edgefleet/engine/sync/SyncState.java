package io.edgefleet.engine.sync;

/**
 * Whether a device runs what it should, as {@code kubectl get edev} shows it (docs/concepts.md,
 * "Written and running"). The ConfigMap being written is not enough: only the device's agent can
 * say that the configuration runs.
 */
public enum SyncState {
  /** The agent reports the desired version with status code 200. */
  IN_SYNC("InSync"),
  /**
   * The desired version is written; the agent has not reported it yet (it is applying it, or is
   * offline, or has no agent at all).
   */
  PENDING("Pending"),
  /**
   * The agent reports the desired version with a code other than 200, or the operator could not
   * deliver the configuration decided for the device (e.g. a registry Secret is missing).
   */
  FAILED("Failed"),
  /**
   * The deployment the device's configuration came from is invalid: the device keeps its
   * configuration unchanged until it is fixed or deleted.
   */
  FROZEN("Frozen"),
  /**
   * A new configuration is decided but held back until a rollout admits the device; it keeps its
   * current configuration meanwhile.
   */
  WAITING("Waiting"),
  /**
   * No valid standard deployment targets the device: it keeps whatever configuration it last
   * received (or has none).
   */
  NOT_MANAGED("NotManaged");

  private final String label;

  SyncState(String label) {
    this.label = label;
  }

  /** The name shown in status ({@code status.syncState}) and printer columns. */
  public String label() {
    return label;
  }

  /** Whether a device in this state is behind what its deployments want it to run. */
  public boolean behind() {
    return this == PENDING || this == FAILED;
  }
}

package io.edgefleet.engine.sync;

/**
 * A device's sync state with a CamelCase reason and a message a person can act on. Pure: the one
 * implementation of "written versus running", used for the device's status and for the list of
 * devices behind on a deployment.
 *
 * @param state the state
 * @param reason why, in one CamelCase word
 * @param message what the device runs and what is missing
 */
public record Sync(SyncState state, String reason, String message) {

  /**
   * The state of a device whose desired version is written (or already was): in sync, pending or
   * failed according to what its agent reports.
   *
   * @param desiredVersion the version the device should run
   * @param report what the agent reports
   */
  public static Sync ofDelivered(String desiredVersion, AgentReport report) {
    if (report.succeeded(desiredVersion)) {
      return new Sync(
          SyncState.IN_SYNC,
          "AgentReportsDesiredVersion",
          "the agent reports version " + desiredVersion + " with status 200");
    }
    if (report.failed(desiredVersion)) {
      return new Sync(
          SyncState.FAILED,
          "AgentReportsFailure",
          "the agent reports "
              + (report.code() == null ? "no status code" : "status " + report.code())
              + " for version "
              + desiredVersion
              + (report.description() == null ? "" : ": " + report.description()));
    }
    if (report.version() == null) {
      return new Sync(
          SyncState.PENDING,
          "AgentHasNotReported",
          "version "
              + desiredVersion
              + " is written; no agent has reported any version yet (is the device's agent"
              + " running?)");
    }
    return new Sync(
        SyncState.PENDING,
        "AgentReportsOlderVersion",
        "version "
            + desiredVersion
            + " is written; the agent still reports version "
            + report.version()
            + (report.code() == null ? "" : " (status " + report.code() + ")"));
  }

  /**
   * The state of a device whose decided configuration could not be written: it keeps what it has.
   *
   * @param reason why, e.g. {@code RegistrySecretMissing}
   * @param message what was wrong and how to fix it
   */
  public static Sync undelivered(String reason, String message) {
    return new Sync(SyncState.FAILED, reason, message);
  }

  /** The state of a device frozen by the invalid deployment {@code frozenBy}. */
  public static Sync frozen(String frozenBy, String keptVersion) {
    return new Sync(
        SyncState.FROZEN,
        "FrozenByInvalidDeployment",
        "deployment "
            + frozenBy
            + " is invalid; the device keeps version "
            + keptVersion
            + " until it is fixed or deleted");
  }

  /**
   * The state of a device whose new configuration waits for {@code deployment}'s rollout
   * (docs/rollouts.md); {@code placeInLine} may be null.
   */
  public static Sync waiting(String deployment, Long placeInLine, String keptVersion) {
    return new Sync(
        SyncState.WAITING,
        "WaitingForRollout",
        "waiting for the rollout of deployment "
            + deployment
            + (placeInLine == null ? "" : " (place " + placeInLine + " in line)")
            + "; the device keeps version "
            + keptVersion
            + " until admitted");
  }

  /** The state of a device no valid standard deployment targets; {@code kept} may be null. */
  public static Sync notManaged(String keptVersion) {
    return keptVersion == null
        ? new Sync(
            SyncState.NOT_MANAGED,
            "NoDeployment",
            "no valid standard deployment targets this device; it has no configuration")
        : new Sync(
            SyncState.NOT_MANAGED,
            "NotManaged",
            "no valid standard deployment targets this device any more; it keeps version "
                + keptVersion
                + " unchanged until one does");
  }
}

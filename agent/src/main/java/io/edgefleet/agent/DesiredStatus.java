package io.edgefleet.agent;

/**
 * What the agent reports in {@code status.reported.lastDesiredStatus}: an IoT Edge status code and
 * a description a person can act on.
 *
 * @param code the status code (see the constants)
 * @param description what happened
 */
public record DesiredStatus(int code, String description) {

  /** The configuration is applied: every module that should run has started. */
  public static final int APPLIED = 200;

  /** The configuration is invalid (not JSON, a required field missing, a bad module...). */
  public static final int INVALID = 400;

  /** The device cannot tell what runs: its module runtime is unreachable. */
  public static final int OFFLINE = 406;

  /** The manifest's schema version is one this agent does not support. */
  public static final int UNSUPPORTED_SCHEMA = 412;

  /** The configuration is empty. */
  public static final int EMPTY = 417;

  /** Applying failed: a module did not start, an image could not be pulled... */
  public static final int FAILED = 500;

  /** The status of a configuration that is applied. */
  public static DesiredStatus applied() {
    return new DesiredStatus(APPLIED, "applied");
  }

  /** Whether the configuration is applied. */
  public boolean isApplied() {
    return code == APPLIED;
  }
}

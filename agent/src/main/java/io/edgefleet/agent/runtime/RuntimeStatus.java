package io.edgefleet.agent.runtime;

/** A module's state as IoT Edge reports it in {@code runtimeStatus}. */
public enum RuntimeStatus {
  /** The module's container runs. */
  RUNNING("running"),
  /** Created and not running: never started, stopped on request, or exited and not restarted. */
  STOPPED("stopped"),
  /** It exited with an error (or could not start) and its restart policy does not restart it. */
  FAILED("failed"),
  /** It exited and waits to be restarted under its restart policy. */
  BACKOFF("backoff"),
  /** The runtime cannot tell. */
  UNKNOWN("unknown");

  private final String text;

  RuntimeStatus(String text) {
    this.text = text;
  }

  /** The value reported in {@code runtimeStatus}. */
  public String text() {
    return text;
  }
}

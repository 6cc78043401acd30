package io.edgefleet.agent.runtime;

import java.time.Instant;

/**
 * A module's state as the runtime sees it: what {@code status.reported.modules.<name>} reports.
 *
 * @param name the module name
 * @param image the image it was created from
 * @param version its version label, or null
 * @param status its runtime status
 * @param exitCode the exit code of its last exit, or null when it never exited
 * @param restartCount how often the runtime restarted it under its restart policy since it was
 *     created
 * @param lastStartTime when it last started running, or null when it never ran since it was created
 * @param lastExitTime when it last exited, or null
 * @param message why it is not running (an error from the runtime), or null
 */
public record ModuleState(
    String name,
    String image,
    String version,
    RuntimeStatus status,
    Integer exitCode,
    int restartCount,
    Instant lastStartTime,
    Instant lastExitTime,
    String message) {

  /** Whether it has run at least once since it was created. */
  public boolean hasRun() {
    return lastStartTime != null;
  }
}

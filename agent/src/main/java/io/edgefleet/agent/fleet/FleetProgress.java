package io.edgefleet.agent.fleet;

import java.time.Duration;
import java.util.Map;

/**
 * A fleet at one moment.
 *
 * @param devices devices in the fleet (to create, or found)
 * @param created devices created so far (or found, with {@code --existing})
 * @param agents agents running
 * @param configured agents whose ConfigMap exists
 * @param applied agents whose last reported version has code 200
 * @param failed agents whose last reported version has another code
 * @param reported agents whose last desired version and status the API server holds
 * @param byCode agents by last reported code
 * @param patches status patches acknowledged
 * @param errors requests that failed (and were retried)
 * @param elapsed time since the fleet started
 */
public record FleetProgress(
    int devices,
    int created,
    int agents,
    int configured,
    int applied,
    int failed,
    int reported,
    Map<Integer, Integer> byCode,
    long patches,
    long errors,
    Duration elapsed) {

  /** One line for a terminal. */
  public String line() {
    return String.format(
        "%6.1fs  devices %d/%d  configured %d  applied %d  failed %d  reported %d  (patches %d,"
            + " errors %d)",
        elapsed.toMillis() / 1000.0,
        created,
        devices,
        configured,
        applied,
        failed,
        reported,
        patches,
        errors);
  }
}

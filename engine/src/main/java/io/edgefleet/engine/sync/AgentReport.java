package io.edgefleet.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a device's agent last reported about its desired configuration: {@code
 * status.reported.lastDesiredVersion} and {@code lastDesiredStatus {code, description}}.
 *
 * @param version the version the agent last worked on, or null when it reported none
 * @param code the status code for that version, or null when absent or not a number
 * @param description the agent's description of that status, or null
 */
public record AgentReport(String version, Integer code, String description) {

  /** The report found in a device's reported properties (never null). */
  public static AgentReport of(ObjectNode reported) {
    if (reported == null) {
      return new AgentReport(null, null, null);
    }
    JsonNode version = reported.get("lastDesiredVersion");
    JsonNode status = reported.get("lastDesiredStatus");
    JsonNode code = status == null ? null : status.get("code");
    JsonNode description = status == null ? null : status.get("description");
    return new AgentReport(
        version != null && version.isTextual() ? version.asText() : null,
        code != null && code.canConvertToInt() ? code.intValue() : null,
        description != null && description.isTextual() ? description.asText() : null);
  }

  /** Whether the agent reports {@code desiredVersion} (with any code). */
  public boolean reports(String desiredVersion) {
    return desiredVersion != null && desiredVersion.equals(version);
  }

  /** Whether the agent reports {@code desiredVersion} as applied: that version, code 200. */
  public boolean succeeded(String desiredVersion) {
    return reports(desiredVersion) && code != null && code == 200;
  }

  /** Whether the agent reports {@code desiredVersion} with a code other than 200. */
  public boolean failed(String desiredVersion) {
    return reports(desiredVersion) && (code == null || code != 200);
  }
}

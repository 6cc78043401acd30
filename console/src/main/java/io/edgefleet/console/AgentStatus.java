package io.edgefleet.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.engine.resolve.DeviceState;

/** What a device's agent says about its desired version, in a few words and a badge. */
final class AgentStatus {

  private AgentStatus() {}

  /** A badge: in sync, failed, applying (older version reported), or no report. */
  static String badge(DeviceState state) {
    if (state.reportsSuccess()) {
      return Html.badge("ok", "in sync · 200");
    }
    JsonNode reported = state.device().reported();
    JsonNode code = reported.path("lastDesiredStatus").path("code");
    if (state.reportsFailure()) {
      return Html.badge("bad", "failed · " + code.asText());
    }
    if (state.desiredVersion() == null) {
      return reported.has("lastDesiredStatus")
          ? Html.badge("muted", "reports " + code.asText() + " · nothing desired")
          : Html.badge("muted", "no report");
    }
    if (!reported.has("lastDesiredVersion")) {
      return Html.badge("warn", "no report yet");
    }
    return Html.badge("warn", "applying · reports an older version");
  }
}

package io.edgefleet.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.engine.query.TwinView;
import java.util.Map;

/** One synthetic device twin, held the way the operator holds one: as Jackson trees. */
final class FleetDevice implements TwinView {
  private final String deviceId;
  private final JsonNode tags;
  private final JsonNode reported;
  private final Map<String, String> statuses;

  FleetDevice(String deviceId, JsonNode tags, JsonNode reported, Map<String, String> statuses) {
    this.deviceId = deviceId;
    this.tags = tags;
    this.reported = reported;
    this.statuses = statuses;
  }

  @Override
  public String deviceId() {
    return deviceId;
  }

  @Override
  public JsonNode tags() {
    return tags;
  }

  @Override
  public JsonNode reported() {
    return reported;
  }

  @Override
  public String configurationStatus(String deploymentName) {
    return statuses.get(deploymentName);
  }
}

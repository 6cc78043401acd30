package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A twin for tests, built from JSON fixtures. */
record JsonTwin(String deviceId, JsonNode tags, JsonNode reported, Map<String, String> statuses)
    implements TwinView {

  @Override
  public String configurationStatus(String deploymentName) {
    return statuses.get(deploymentName);
  }
}

package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A message for tests, built from JSON fixtures. */
record JsonMessage(Map<String, String> app, Map<String, String> sys, JsonNode body)
    implements MessageView {

  @Override
  public String applicationProperty(String name) {
    return app.get(name);
  }

  @Override
  public String systemProperty(String name) {
    return sys.get(name);
  }
}

package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** The named twins and messages of {@code query-fixtures.json}. */
final class Fixtures {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode ROOT = load("/query-fixtures.json");

  private Fixtures() {}

  static JsonTwin twin(String name) {
    JsonNode twin = required(ROOT.path("twins").path(name), name);
    return new JsonTwin(
        twin.hasNonNull("deviceId") ? twin.get("deviceId").textValue() : null,
        twin.get("tags"),
        twin.get("reported"),
        strings(twin.path("configurations")));
  }

  static JsonMessage message(String name) {
    JsonNode message = required(ROOT.path("messages").path(name), name);
    return new JsonMessage(
        strings(message.path("app")), strings(message.path("sys")), message.get("body"));
  }

  static boolean isMessage(String name) {
    return ROOT.path("messages").has(name);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode required(JsonNode node, String name) {
    if (node.isMissingNode()) {
      throw new IllegalArgumentException("no fixture named " + name);
    }
    return node;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> values = new HashMap<>();
    object
        .properties()
        .iterator()
        .forEachRemaining(e -> values.put(e.getKey(), e.getValue().textValue()));
    return values;
  }

  static JsonNode load(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.edgefleet.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The sandbox's JSON and YAML mappers and a few tree helpers. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** Parses JSON (or YAML when the text is not JSON); throws {@link BadRequest} when neither. */
  static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      throw new BadRequest("the request body is empty");
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException json) {
      try {
        return YAML.readTree(text);
      } catch (JsonProcessingException yaml) {
        throw new BadRequest("the request body is not valid JSON: " + json.getOriginalMessage());
      }
    }
  }

  /** Parses stored JSON, which is always valid. */
  static ObjectNode stored(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String yaml(Object value) {
    try {
      return YAML.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code object.metadata}, created when missing. */
  static ObjectNode metadata(ObjectNode object) {
    JsonNode m = object.get("metadata");
    if (m instanceof ObjectNode o) {
      return o;
    }
    return object.putObject("metadata");
  }

  static String text(JsonNode node, String... path) {
    JsonNode n = node;
    for (String p : path) {
      n = n.path(p);
    }
    return n.isValueNode() ? n.asText() : "";
  }

  /** Thrown for a request the server cannot decode (400 BadRequest). */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}

package io.edgefleet.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON shown on pages: pretty-printed and escaped. */
final class Json {

  static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /** Any object as an indented JSON block. */
  static String block(Object value) {
    try {
      JsonNode node = value instanceof JsonNode n ? n : MAPPER.valueToTree(value);
      return "<pre class=\"json\">"
          + Html.esc(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node))
          + "</pre>";
    } catch (Exception e) {
      return "<pre class=\"json\">" + Html.esc(String.valueOf(value)) + "</pre>";
    }
  }

  /** JSON text, re-indented when it parses. */
  static String blockOfText(String text) {
    try {
      return block(MAPPER.readTree(text));
    } catch (Exception e) {
      return "<pre class=\"json\">" + Html.esc(text) + "</pre>";
    }
  }

  /** The object under {@code field}, or an empty object. */
  static ObjectNode object(JsonNode node, String field) {
    JsonNode child = node == null ? null : node.get(field);
    return child instanceof ObjectNode o ? o : MAPPER.createObjectNode();
  }
}

package io.edgefleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON/YAML tree as a Lua 5.1 table constructor, the way Argo CD hands a resource to a
 * health script: objects become tables with string keys, arrays become sequences (index 1..n), null
 * becomes nil (the key is absent), numbers stay numbers and strings stay strings.
 */
final class LuaLiteral {

  private LuaLiteral() {}

  static String of(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  /** A Lua string literal holding exactly these characters (as UTF-8 bytes). */
  static String string(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '"' || c == '\\') {
        out.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append((char) c);
      } else {
        // three digits always, so that a following digit is not read as part of the escape
        out.append(String.format("\\%03d", c));
      }
    }
    return out.append('"').toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("nil");
    } else if (node.isObject()) {
      out.append('{');
      Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getValue().isNull()) {
          continue;
        }
        out.append('[').append(string(field.getKey())).append("]=");
        write(field.getValue(), out);
        out.append(',');
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('{');
      for (JsonNode item : node) {
        write(item, out);
        out.append(',');
      }
      out.append('}');
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else if (node.isIntegralNumber()) {
      out.append(node.bigIntegerValue());
    } else if (node.isNumber()) {
      double value = node.doubleValue();
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("no Lua literal for " + value);
      }
      out.append(Double.toString(value));
    } else if (node.isTextual()) {
      out.append(string(node.textValue()));
    } else {
      throw new IllegalArgumentException("no Lua literal for a " + node.getNodeType() + " node");
    }
  }
}

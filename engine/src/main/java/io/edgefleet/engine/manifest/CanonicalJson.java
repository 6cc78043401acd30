package io.edgefleet.engine.manifest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.contract.ContentHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one way EdgeFleet turns JSON into text and text into a content hash: keys sorted at every
 * level, no white space, UTF-8. The same content gives the same text and hash on any machine.
 */
public final class CanonicalJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(SerializationFeature.INDENT_OUTPUT).build();

  /** Length of a content hash in hex characters (64 bits of SHA-256). */
  public static final int HASH_LENGTH = ContentHash.LENGTH;

  private CanonicalJson() {}

  /** Compact JSON text with object keys sorted at every level. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(sorted(node));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The same text as {@link #write} for a tree whose objects already list their keys in sorted
   * order at every level (e.g. one made by {@link #sorted}), without copying it.
   */
  public static String writeSorted(JsonNode sortedNode) {
    try {
      return MAPPER.writeValueAsString(sortedNode);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Appends the text of {@link #writeSorted} to {@code out}, without making a string of it (for a
   * text that is only read once).
   */
  public static StringBuilder appendSorted(StringBuilder out, JsonNode sortedNode) {
    try {
      MAPPER.writeValue(new Appender(out), sortedNode);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Appends the text of {@link #writeSorted} of each of {@code sortedNodes}, one after the other
   * with nothing between them, through one writer; {@code ends[i]} is set to where the text of node
   * {@code i} ends.
   */
  public static StringBuilder appendEachSorted(
      StringBuilder out, List<? extends JsonNode> sortedNodes, int[] ends) {
    try (JsonGenerator generator = MAPPER.createGenerator(new Appender(out))) {
      generator.setRootValueSeparator(null);
      for (int i = 0; i < sortedNodes.size(); i++) {
        MAPPER.writeTree(generator, sortedNodes.get(i));
        generator.flush();
        ends[i] = out.length();
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A writer that appends to a string builder. */
  private static final class Appender extends Writer {
    private final StringBuilder out;

    Appender(StringBuilder out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      out.append(chars, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) {
      out.append(text, offset, offset + length);
    }

    @Override
    public void write(int c) {
      out.append((char) c);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /**
   * The same text as {@link #write} for a string value (quoted, with JSON's escapes as the writer
   * makes them: quote, backslash, the short escapes b t n f r, a hexadecimal escape for other
   * control characters; nothing else escaped), without a writer.
   */
  public static String writeString(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    return appendEscaped(out, value).append('"').toString();
  }

  /**
   * Appends {@code value} as it appears between the quotes of {@link #writeString}: the pieces of
   * one string written one after the other give the text of the whole string.
   */
  public static StringBuilder appendEscaped(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out;
  }

  /** The content hash of {@code text}: see {@link ContentHash}. */
  public static String hash(String text) {
    return ContentHash.of(text);
  }

  /** The content hash of {@code node}'s canonical text. */
  public static String hash(JsonNode node) {
    return hash(write(node));
  }

  /** A deep copy of {@code node} whose objects list their keys in sorted order. */
  public static JsonNode sorted(JsonNode node) {
    if (node == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        copy.set(name, sorted(node.get(name)));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        copy.add(sorted(it.next()));
      }
      return copy;
    }
    return node;
  }

  /** Reads JSON text; for tests and tools. */
  public static JsonNode read(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Converts {@code values} into an object node, keeping entry order. */
  public static ObjectNode objectOf(Map<String, JsonNode> values) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (values != null) {
      values.forEach((k, v) -> node.set(k, v == null ? JsonNodeFactory.instance.nullNode() : v));
    }
    return node;
  }
}

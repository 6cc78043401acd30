package io.edgefleet.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IoT Edge's chunked {@code createOptions}: a module twin value holds at most {@value #CHUNK_SIZE}
 * characters, so a longer createOptions string is split into {@code createOptions}, {@code
 * createOptions01}, {@code createOptions02}, ... (at most {@value #MAX_CHUNKS} chunks) that are
 * joined in order. Used by the agent (a manifest written by another tool) and by import and export.
 */
public final class CreateOptionsChunks {

  /** The longest chunk IoT Edge writes (a twin value's size limit). */
  public static final int CHUNK_SIZE = 512;

  /** The most chunks edgeAgent reads: createOptions and createOptions01 to createOptions99. */
  public static final int MAX_CHUNKS = 100;

  private static final String FIELD = "createOptions";
  private static final Pattern CHUNK = Pattern.compile("(?i)createOptions([0-9]*)");

  private CreateOptionsChunks() {}

  /** Whether {@code key} names a createOptions chunk (any case, as edgeAgent reads it). */
  public static boolean isChunk(String key) {
    return CHUNK.matcher(key).matches();
  }

  /**
   * The createOptions text of a module's {@code settings}: its chunks joined in order; null when it
   * has none.
   *
   * @param at where {@code settings} is, for messages
   * @throws IllegalArgumentException naming the field when a chunk is not a string, is missing
   *     (createOptions02 without createOptions01) or is numbered beyond {@value #MAX_CHUNKS}
   */
  public static String join(JsonNode settings, String at) {
    Map<Integer, Map.Entry<String, JsonNode>> chunks = new TreeMap<>();
    for (Map.Entry<String, JsonNode> field : settings.properties()) {
      Matcher m = CHUNK.matcher(field.getKey());
      if (!m.matches()) {
        continue;
      }
      String digits = m.group(1);
      int number = digits.isEmpty() ? 0 : parse(digits, at + "." + field.getKey());
      if (!digits.isEmpty() && number == 0) {
        throw new IllegalArgumentException(
            at
                + "."
                + field.getKey()
                + ": chunks after createOptions are numbered from 01 (createOptions01,"
                + " createOptions02, ...)");
      }
      if (chunks.put(number, field) != null) {
        throw new IllegalArgumentException(
            at
                + "."
                + field.getKey()
                + ": the chunk is given twice (names ignore case and leading zeros)");
      }
    }
    if (chunks.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    int expected = 0;
    for (Map.Entry<Integer, Map.Entry<String, JsonNode>> chunk : chunks.entrySet()) {
      if (chunk.getKey() != expected) {
        throw new IllegalArgumentException(
            at + "." + chunk.getValue().getKey() + ": expected " + name(expected) + " before it");
      }
      JsonNode value = chunk.getValue().getValue();
      if (!value.isTextual()) {
        throw new IllegalArgumentException(
            at + "." + chunk.getValue().getKey() + ": must be a string (a piece of JSON text)");
      }
      text.append(value.textValue());
      expected++;
    }
    return text.toString();
  }

  /**
   * Splits {@code text} into chunks of at most {@value #CHUNK_SIZE} characters, named {@code
   * createOptions}, {@code createOptions01}, ...
   *
   * @throws IllegalArgumentException if it needs more than {@value #MAX_CHUNKS} chunks
   */
  public static Map<String, String> split(String text) {
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < text.length(); i += CHUNK_SIZE) {
      pieces.add(text.substring(i, Math.min(text.length(), i + CHUNK_SIZE)));
    }
    if (pieces.size() > MAX_CHUNKS) {
      throw new IllegalArgumentException(
          "createOptions is "
              + text.length()
              + " characters long; IoT Edge carries at most "
              + MAX_CHUNKS * CHUNK_SIZE);
    }
    Map<String, String> chunks = new LinkedHashMap<>();
    for (int i = 0; i < pieces.size(); i++) {
      chunks.put(name(i), pieces.get(i));
    }
    return chunks;
  }

  private static String name(int number) {
    return number == 0 ? FIELD : FIELD + String.format(Locale.ROOT, "%02d", number);
  }

  private static int parse(String digits, String at) {
    String value = digits.replaceFirst("^0+(?=.)", "");
    if (value.length() > 2) {
      throw new IllegalArgumentException(
          at + ": at most " + MAX_CHUNKS + " chunks (createOptions to createOptions99)");
    }
    return Integer.parseInt(value);
  }
}

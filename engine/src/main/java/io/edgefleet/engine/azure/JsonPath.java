package io.edgefleet.engine.azure;

import java.util.regex.Pattern;

/** Builds the JSON paths that name the parts of a manifest in messages. */
final class JsonPath {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_$-]+");

  private JsonPath() {}

  /** {@code parent.key}, or {@code parent["key"]} when the key holds a dot or other characters. */
  static String child(String parent, String key) {
    String step = PLAIN.matcher(key).matches() ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
    if (parent.isEmpty()) {
      return step;
    }
    return step.startsWith("[") ? parent + step : parent + "." + step;
  }
}

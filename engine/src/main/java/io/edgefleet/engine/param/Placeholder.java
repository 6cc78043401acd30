package io.edgefleet.engine.param;

import java.util.List;

/**
 * One placeholder of a template: {@code ${deviceId}}, {@code ${tags.<path>}} or {@code
 * ${properties.reported.<path>}}.
 *
 * @param root what the path starts from
 * @param path the keys below the root (empty for {@code deviceId})
 */
public record Placeholder(Root root, List<String> path) {

  /** Where a placeholder's value is read from. */
  public enum Root {
    /** The device id (the EdgeDevice's name). */
    DEVICE_ID("deviceId"),
    /** The device's tags ({@code spec.tags}). */
    TAGS("tags"),
    /** The device's reported properties ({@code status.reported}). */
    REPORTED("properties.reported");

    private final String text;

    Root(String text) {
      this.text = text;
    }

    /** The root as written in a placeholder. */
    public String text() {
      return text;
    }
  }

  public Placeholder {
    path = List.copyOf(path);
  }

  /** The reference without braces, e.g. {@code tags.room}: where the value comes from. */
  public String source() {
    return path.isEmpty() ? root.text() : root.text() + "." + String.join(".", path);
  }

  /** The placeholder as written, e.g. {@code ${tags.room}}. */
  @Override
  public String toString() {
    return "${" + source() + "}";
  }
}

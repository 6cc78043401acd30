package io.edgefleet.engine.param;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.edgefleet.engine.model.DeviceSource;
import java.util.List;

/** Reads a placeholder's value from a device's twin. */
public final class ParameterValues {

  private ParameterValues() {}

  /**
   * The value {@code placeholder} refers to on {@code device}, or null when the device has none (a
   * missing key, or JSON null).
   */
  public static JsonNode read(Placeholder placeholder, DeviceSource device) {
    JsonNode node =
        switch (placeholder.root()) {
          case DEVICE_ID -> TextNode.valueOf(device.name());
          case TAGS -> device.tags();
          case REPORTED -> device.reported();
        };
    List<String> path = placeholder.path();
    for (int i = 0; i < path.size(); i++) {
      node = node.isObject() ? node.get(path.get(i)) : null;
      if (node == null) {
        return null;
      }
    }
    return node.isNull() || node.isMissingNode() ? null : node;
  }

  /** Whether {@code value} can be written inside a string: a string, number or boolean. */
  public static boolean writableAsText(JsonNode value) {
    return value.isValueNode();
  }

  /** {@code value} as text inside a string: a string as it is, a number or boolean as JSON. */
  public static String text(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.toString();
  }
}

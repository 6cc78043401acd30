package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One module twin setting of a deployment: {@code properties.desired} as a whole, or a sub-path
 * such as {@code properties.desired.settings}.
 *
 * @param path the path as written, e.g. {@code properties.desired.settings}
 * @param segments the keys below {@code properties.desired}; empty for the whole
 * @param value the value to put there
 */
public record TwinPatch(String path, List<String> segments, JsonNode value) {

  /** The path of the whole desired properties. */
  public static final String WHOLE = "properties.desired";

  public TwinPatch {
    segments = List.copyOf(segments);
  }

  /** Whether this patch sets the whole desired properties. */
  public boolean whole() {
    return segments.isEmpty();
  }

  /** Whether {@code other} lies at or below this patch's path. */
  public boolean covers(String otherPath) {
    return otherPath.equals(path) || otherPath.startsWith(path + ".");
  }
}

package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Turns the store's watch events into what the client asked for. The store replays every matching
 * object as ADDED when a watch opens; a client that lists first and then watches from the list's
 * resourceVersion (kubectl {@code get -w}, informers) must not see them again, so ADDED events at
 * or below that version are dropped. Selectors the store does not understand are applied here, and
 * for {@code kubectl get -w} each object becomes a one-row Table.
 */
final class WatchFilter {

  private final long sinceResourceVersion;
  private final UnaryOperator<JsonNode> present;
  private final LabelSelector labels;
  private final FieldSelector fields;
  private final Function<JsonNode, ObjectNode> table;

  /**
   * @param sinceResourceVersion drop replayed ADDED events at or below it (0: keep all)
   * @param present turns a stored object into what the API server shows
   * @param table turns an object into a one-row Table, or null to send objects
   */
  WatchFilter(
      long sinceResourceVersion,
      UnaryOperator<JsonNode> present,
      LabelSelector labels,
      FieldSelector fields,
      Function<JsonNode, ObjectNode> table) {
    this.sinceResourceVersion = sinceResourceVersion;
    this.present = present;
    this.labels = labels;
    this.fields = fields;
    this.table = table;
  }

  /** The event to send, or null to drop it. */
  String apply(String event) {
    ObjectNode e = Json.stored(event);
    JsonNode object = e.path("object");
    String type = e.path("type").asText();
    if (type.equals("ADDED") && sinceResourceVersion > 0) {
      long rv = parseLong(object.path("metadata").path("resourceVersion").asText());
      if (rv <= sinceResourceVersion) {
        return null;
      }
    }
    if (!labels.matches(object) || !fields.matches(object)) {
      return null;
    }
    JsonNode shown = present.apply(object);
    e.set("object", table != null ? table.apply(shown) : shown);
    return Json.write(e);
  }

  static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

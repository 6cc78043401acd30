package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a compiled operand reads its value from, for a context {@code C} (a twin or a message).
 * Missing values are Java null, never a missing node.
 */
interface Source<C> {

  /** The value as JSON, or null when it is missing. */
  JsonNode node(C context);

  /** The value when it is a string; null when it is missing or not a string. */
  default String text(C context) {
    JsonNode node = node(context);
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  /**
   * True when the value is always a string (or missing), so evaluators can use {@link #text}
   * instead of {@link #node}, which for such sources allocates.
   */
  default boolean textOnly() {
    return false;
  }
}

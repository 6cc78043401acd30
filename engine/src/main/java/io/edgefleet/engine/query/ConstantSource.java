package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;

/** A literal used where a source is expected (a function argument, a comparison of values). */
final class ConstantSource<C> implements Source<C> {
  private final LiteralValue value;

  ConstantSource(LiteralValue value) {
    this.value = value;
  }

  @Override
  public JsonNode node(C context) {
    return value.node;
  }

  @Override
  public String text(C context) {
    return value.text;
  }
}

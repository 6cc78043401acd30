package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code path op literal} where the path holds JSON (tags, reported properties, a body). */
final class LiteralComparison<C> implements Evaluator<C> {
  private final Source<C> source;
  private final LiteralValue literal;
  private final boolean equalityOnly;
  private final Truth[] outcomes;

  LiteralComparison(Source<C> source, CompareOp op, LiteralValue literal) {
    this.source = source;
    this.literal = literal;
    this.equalityOnly = op.isEquality();
    this.outcomes = Outcomes.of(op);
  }

  @Override
  public Truth test(C context) {
    JsonNode value = source.node(context);
    if (value == null) {
      return Truth.UNDEFINED;
    }
    return outcomes[
        equalityOnly ? Comparisons.equality(value, literal) : Comparisons.compare(value, literal)];
  }
}

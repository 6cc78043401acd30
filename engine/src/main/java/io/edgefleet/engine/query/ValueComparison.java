package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code path op path}, or any other comparison of two sources. */
final class ValueComparison<C> implements Evaluator<C> {
  private final Source<C> left;
  private final Source<C> right;
  private final Truth[] outcomes;

  ValueComparison(Source<C> left, CompareOp op, Source<C> right) {
    this.left = left;
    this.right = right;
    this.outcomes = Outcomes.of(op);
  }

  @Override
  public Truth test(C context) {
    JsonNode leftValue = left.node(context);
    JsonNode rightValue = right.node(context);
    if (leftValue == null || rightValue == null) {
      return Truth.UNDEFINED;
    }
    return outcomes[Comparisons.compare(leftValue, rightValue)];
  }
}

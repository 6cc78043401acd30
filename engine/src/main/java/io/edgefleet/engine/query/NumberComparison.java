package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;

/**
 * {@code path op number} on a JSON source. Jackson stores JSON integers as {@link IntNode} or
 * {@link LongNode}; those are compared as longs with no dispatch on the literal. Every other value
 * follows the general rules.
 */
final class NumberComparison<C> implements Evaluator<C> {
  private final Source<C> source;
  private final LiteralValue literal;
  private final Truth[] outcomes;

  NumberComparison(Source<C> source, CompareOp op, LiteralValue literal) {
    this.source = source;
    this.literal = literal;
    this.outcomes = Outcomes.of(op);
  }

  @Override
  public Truth test(C context) {
    JsonNode value = source.node(context);
    if (value == null) {
      return Truth.UNDEFINED;
    }
    if (value instanceof IntNode) {
      return outcomes[Numbers.compareLong(value.intValue(), literal)];
    }
    if (value instanceof LongNode) {
      return outcomes[Numbers.compareLong(value.longValue(), literal)];
    }
    return outcomes[Comparisons.compare(value, literal)];
  }
}

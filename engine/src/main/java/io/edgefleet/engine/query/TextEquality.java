package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code path = 'text'} or {@code path != 'text'} on a JSON source: the commonest condition, given
 * its own evaluator so the hot path is one lookup and one {@link String#equals}. Values that are
 * not strings follow the general rules.
 */
final class TextEquality<C> implements Evaluator<C> {
  private final Source<C> source;
  private final String text;
  private final LiteralValue literal;
  private final Truth whenEqual;
  private final Truth whenDifferent;
  private final Truth[] outcomes;

  TextEquality(Source<C> source, CompareOp op, LiteralValue literal) {
    this.source = source;
    this.text = literal.text;
    this.literal = literal;
    this.whenEqual = Truth.of(op == CompareOp.EQ);
    this.whenDifferent = Truth.of(op == CompareOp.NE);
    this.outcomes = Outcomes.of(op);
  }

  @Override
  public Truth test(C context) {
    JsonNode value = source.node(context);
    if (value == null) {
      return Truth.UNDEFINED;
    }
    if (value.isTextual()) {
      return text.equals(value.textValue()) ? whenEqual : whenDifferent;
    }
    return outcomes[Comparisons.compare(value, literal)];
  }
}

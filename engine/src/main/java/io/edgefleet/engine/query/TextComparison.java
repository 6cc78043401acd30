package io.edgefleet.engine.query;

/** {@code path op literal} where the path always holds a string (deviceId, a status). */
final class TextComparison<C> implements Evaluator<C> {
  private final Source<C> source;
  private final LiteralValue literal;
  private final boolean equalityOnly;
  private final Truth[] outcomes;

  TextComparison(Source<C> source, CompareOp op, LiteralValue literal) {
    this.source = source;
    this.literal = literal;
    this.equalityOnly = op.isEquality();
    this.outcomes = Outcomes.of(op);
  }

  @Override
  public Truth test(C context) {
    String value = source.text(context);
    if (value == null) {
      return Truth.UNDEFINED;
    }
    return outcomes[
        equalityOnly ? Comparisons.equality(value, literal) : Comparisons.compare(value, literal)];
  }
}

package io.edgefleet.engine.query;

/** The table from {@link Ordering} code to result, per operator, built once per comparison. */
final class Outcomes {

  private Outcomes() {}

  static Truth[] of(CompareOp op) {
    Truth[] outcomes = new Truth[Ordering.INCOMPARABLE + 1];
    for (int code = 0; code < outcomes.length; code++) {
      outcomes[code] = op.outcome(code);
    }
    return outcomes;
  }
}

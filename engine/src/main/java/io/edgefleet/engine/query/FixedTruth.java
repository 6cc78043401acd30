package io.edgefleet.engine.query;

/** A condition whose answer is known at compile time ({@code *}, or two literals compared). */
final class FixedTruth<C> implements Evaluator<C> {
  private final Truth truth;

  FixedTruth(Truth truth) {
    this.truth = truth;
  }

  @Override
  public Truth test(C context) {
    return truth;
  }
}

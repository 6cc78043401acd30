package io.edgefleet.engine.query;

/** NOT: swaps TRUE and FALSE, keeps UNDEFINED. */
final class Negation<C> implements Evaluator<C> {
  private final Evaluator<C> inner;

  Negation(Evaluator<C> inner) {
    this.inner = inner;
  }

  @Override
  public Truth test(C context) {
    Truth truth = inner.test(context);
    return truth == Truth.TRUE ? Truth.FALSE : truth == Truth.FALSE ? Truth.TRUE : truth;
  }
}

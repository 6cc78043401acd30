package io.edgefleet.engine.query;

/** AND in Kleene logic: FALSE as soon as one part is FALSE, else UNDEFINED if one is. */
final class AllOf<C> implements Evaluator<C> {
  private final Evaluator<C>[] parts;

  AllOf(Evaluator<C>[] parts) {
    this.parts = parts;
  }

  @Override
  public Truth test(C context) {
    boolean undefined = false;
    for (Evaluator<C> part : parts) {
      Truth truth = part.test(context);
      if (truth == Truth.FALSE) {
        return Truth.FALSE;
      }
      undefined |= truth == Truth.UNDEFINED;
    }
    return undefined ? Truth.UNDEFINED : Truth.TRUE;
  }
}

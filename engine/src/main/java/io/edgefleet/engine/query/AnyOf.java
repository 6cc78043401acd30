package io.edgefleet.engine.query;

/** OR in Kleene logic: TRUE as soon as one part is TRUE, else UNDEFINED if one is. */
final class AnyOf<C> implements Evaluator<C> {
  private final Evaluator<C>[] parts;

  AnyOf(Evaluator<C>[] parts) {
    this.parts = parts;
  }

  @Override
  public Truth test(C context) {
    boolean undefined = false;
    for (Evaluator<C> part : parts) {
      Truth truth = part.test(context);
      if (truth == Truth.TRUE) {
        return Truth.TRUE;
      }
      undefined |= truth == Truth.UNDEFINED;
    }
    return undefined ? Truth.UNDEFINED : Truth.FALSE;
  }
}

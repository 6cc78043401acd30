package io.edgefleet.engine.query;

/** STARTSWITH, ENDSWITH, CONTAINS: case-sensitive; UNDEFINED unless both sides are strings. */
final class TextTest<C> implements Evaluator<C> {
  private final Source<C> subject;
  private final Source<C> argument;
  private final QueryFunction function;

  TextTest(Source<C> subject, Source<C> argument, QueryFunction function) {
    this.subject = subject;
    this.argument = argument;
    this.function = function;
  }

  @Override
  public Truth test(C context) {
    String value = subject.text(context);
    String part = argument.text(context);
    if (value == null || part == null) {
      return Truth.UNDEFINED;
    }
    return Truth.of(
        switch (function) {
          case STARTS_WITH -> value.startsWith(part);
          case ENDS_WITH -> value.endsWith(part);
          default -> value.contains(part);
        });
  }
}

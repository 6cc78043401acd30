package io.edgefleet.engine.query;

import java.util.Objects;

/**
 * A parsed and compiled condition over device twins (a deployment's target condition, or a metric
 * query's WHERE clause). Immutable and safe to share between threads; evaluation allocates nothing
 * for conditions on tags and reported properties.
 *
 * <p>Two conditions are equal when their trees are equal, whatever their spelling: {@code a=1 and
 * b=2} equals {@code a = 1 AND b = 2}.
 */
public final class TargetCondition {

  private static final TargetCondition EVERYTHING = new TargetCondition("*", new Expr.Everything());

  private final String text;
  private final Expr expression;
  private final String canonical;
  private final Evaluator<TwinView> evaluator;

  TargetCondition(String text, Expr expression) {
    this.text = text;
    this.expression = expression;
    this.canonical = CanonicalPrinter.print(expression);
    this.evaluator = Compiler.forTwins(expression);
  }

  /** The condition {@code *}, which every device matches. */
  public static TargetCondition everything() {
    return EVERYTHING;
  }

  /** TRUE, FALSE or UNDEFINED for this twin. */
  public Truth evaluate(TwinView twin) {
    return evaluator.test(Objects.requireNonNull(twin, "twin"));
  }

  /** True only when the condition evaluates to TRUE (FALSE and UNDEFINED do not match). */
  public boolean matches(TwinView twin) {
    return evaluate(twin) == Truth.TRUE;
  }

  /** The text as it was given. */
  public String text() {
    return text;
  }

  /** The canonical form; parsing it gives an equal condition. */
  public String canonical() {
    return canonical;
  }

  /** True for {@code *}. */
  public boolean matchesEverything() {
    return expression instanceof Expr.Everything;
  }

  /** The syntax tree, for tools that inspect conditions (e.g. which tags they read). */
  public Expr expression() {
    return expression;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TargetCondition condition && condition.expression.equals(expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }

  @Override
  public String toString() {
    return canonical;
  }
}

package io.edgefleet.engine.query;

import java.util.Objects;

/**
 * A parsed and compiled route condition over edgeHub messages: bare names are application
 * properties, {@code $name} system properties, {@code $body.a.b} fields of a JSON body. Same
 * grammar and logic as {@link TargetCondition}. Immutable and thread-safe.
 */
public final class MessageCondition {

  private final String text;
  private final Expr expression;
  private final String canonical;
  private final Evaluator<MessageView> evaluator;

  MessageCondition(String text, Expr expression) {
    this.text = text;
    this.expression = expression;
    this.canonical = CanonicalPrinter.print(expression);
    this.evaluator = Compiler.forMessages(expression);
  }

  /** TRUE, FALSE or UNDEFINED for this message. */
  public Truth evaluate(MessageView message) {
    return evaluator.test(Objects.requireNonNull(message, "message"));
  }

  /** True only when the condition evaluates to TRUE. */
  public boolean matches(MessageView message) {
    return evaluate(message) == Truth.TRUE;
  }

  /** The text as it was given. */
  public String text() {
    return text;
  }

  /** The canonical form; parsing it gives an equal condition. */
  public String canonical() {
    return canonical;
  }

  /** The syntax tree. */
  public Expr expression() {
    return expression;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MessageCondition condition && condition.expression.equals(expression);
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

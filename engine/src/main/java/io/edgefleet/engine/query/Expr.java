package io.edgefleet.engine.query;

import java.util.List;
import java.util.Objects;

/**
 * The syntax tree of a condition. Trees are values: two parses of the same condition, or of a
 * condition and its canonical form, are equal.
 */
public sealed interface Expr {

  /** {@code *}: every device. */
  record Everything() implements Expr {}

  /** {@code a OR b OR ...}: at least two operands, none of them itself an unparenthesised OR. */
  record Or(List<Expr> operands) implements Expr {
    public Or {
      operands = atLeastTwo(operands);
    }
  }

  /** {@code a AND b AND ...}: at least two operands. */
  record And(List<Expr> operands) implements Expr {
    public And {
      operands = atLeastTwo(operands);
    }
  }

  /** {@code NOT a}. */
  record Not(Expr operand) implements Expr {
    public Not {
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** {@code left op right}. */
  record Comparison(Operand left, CompareOp op, Operand right) implements Expr {
    public Comparison {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(right, "right");
    }
  }

  /** {@code value IN [items]}, or {@code value NIN [items]} when negated. */
  record Membership(Operand value, boolean negated, List<Operand.Literal> items) implements Expr {
    public Membership {
      Objects.requireNonNull(value, "value");
      items = List.copyOf(items);
    }
  }

  /** A function call such as {@code STARTSWITH(tags.site, 'eu-')}. */
  record Call(QueryFunction function, List<Operand> arguments) implements Expr {
    public Call {
      Objects.requireNonNull(function, "function");
      arguments = List.copyOf(arguments);
    }
  }

  private static List<Expr> atLeastTwo(List<Expr> operands) {
    List<Expr> copy = List.copyOf(operands);
    if (copy.size() < 2) {
      throw new IllegalArgumentException("needs at least two operands");
    }
    return copy;
  }
}

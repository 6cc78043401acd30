package io.edgefleet.engine.query;

import java.util.List;
import java.util.function.Function;

/**
 * Turns a condition tree into an {@link Evaluator} tree: paths become pre-split {@link Source}s,
 * literals become {@link LiteralValue}s, {@code literal op path} is mirrored to {@code path op
 * literal}, and comparisons of two literals are decided once.
 */
final class Compiler<C> {

  private final Function<Operand.Property, Source<C>> sources;

  Compiler(Function<Operand.Property, Source<C>> sources) {
    this.sources = sources;
  }

  static Evaluator<TwinView> forTwins(Expr expr) {
    return new Compiler<>(TwinSources::of).compile(expr);
  }

  static Evaluator<MessageView> forMessages(Expr expr) {
    return new Compiler<>(MessageSources::of).compile(expr);
  }

  Evaluator<C> compile(Expr expr) {
    if (expr instanceof Expr.Everything) {
      return new FixedTruth<>(Truth.TRUE);
    }
    if (expr instanceof Expr.And and) {
      return new AllOf<>(compileAll(and.operands()));
    }
    if (expr instanceof Expr.Or or) {
      return new AnyOf<>(compileAll(or.operands()));
    }
    if (expr instanceof Expr.Not not) {
      return new Negation<>(compile(not.operand()));
    }
    if (expr instanceof Expr.Comparison comparison) {
      return comparison(comparison.left(), comparison.op(), comparison.right());
    }
    if (expr instanceof Expr.Membership membership) {
      LiteralValue[] items =
          membership.items().stream().map(LiteralValue::of).toArray(LiteralValue[]::new);
      return new ListMembership<>(source(membership.value()), items, membership.negated());
    }
    Expr.Call call = (Expr.Call) expr;
    List<Operand> arguments = call.arguments();
    if (call.function().kind() == QueryFunction.Kind.TYPE_TEST) {
      return new TypeTest<>(source(arguments.get(0)), call.function());
    }
    return new TextTest<>(source(arguments.get(0)), source(arguments.get(1)), call.function());
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array: created raw, filled typed
  private Evaluator<C>[] compileAll(List<Expr> operands) {
    Evaluator<C>[] parts = new Evaluator[operands.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = compile(operands.get(i));
    }
    return parts;
  }

  private Evaluator<C> comparison(Operand left, CompareOp op, Operand right) {
    if (left instanceof Operand.Literal && right instanceof Operand.Property) {
      return comparison(right, op.mirrored(), left);
    }
    if (left instanceof Operand.Literal leftLiteral && right instanceof Operand.Literal literal) {
      int code = Comparisons.compare(LiteralValue.of(leftLiteral).node, LiteralValue.of(literal));
      return new FixedTruth<>(op.outcome(code));
    }
    if (right instanceof Operand.Literal literal) {
      Source<C> source = source(left);
      LiteralValue value = LiteralValue.of(literal);
      if (source.textOnly()) {
        return new TextComparison<>(source, op, value);
      }
      if (op.isEquality() && value.kind == LiteralValue.Kind.TEXT) {
        return new TextEquality<>(source, op, value);
      }
      if (value.kind == LiteralValue.Kind.NUMBER) {
        return new NumberComparison<>(source, op, value);
      }
      return new LiteralComparison<>(source, op, value);
    }
    return new ValueComparison<>(source(left), op, source(right));
  }

  private Source<C> source(Operand operand) {
    if (operand instanceof Operand.Property property) {
      return sources.apply(property);
    }
    return new ConstantSource<>(LiteralValue.of((Operand.Literal) operand));
  }
}

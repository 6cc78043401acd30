package io.edgefleet.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The compiled evaluator agrees with an independent reference interpreter, and the logic obeys the
 * laws users rely on when they rewrite conditions.
 */
class EvaluationProperties {

  @Provide
  Arbitrary<Expr> conditions() {
    return Generators.twinConditions(true, 3);
  }

  @Provide
  Arbitrary<Expr> predicates() {
    return Generators.twinConditions(true, 0);
  }

  @Provide
  Arbitrary<JsonTwin> twins() {
    return Generators.twins();
  }

  private static Truth run(Expr expr, TwinView twin) throws QueryException {
    return QueryParser.parseCondition(CanonicalPrinter.print(expr)).evaluate(twin);
  }

  @Property(tries = 3000)
  void agreesWithTheReferenceInterpreter(
      @ForAll("conditions") Expr expr, @ForAll("twins") JsonTwin twin) throws QueryException {
    assertThat(run(expr, twin)).isEqualTo(ReferenceEvaluator.evaluate(expr, twin));
  }

  @Provide
  Arbitrary<com.fasterxml.jackson.databind.JsonNode> numbers() {
    return Generators.jsonNumbers();
  }

  @Provide
  Arbitrary<java.math.BigDecimal> literals() {
    return Generators.nearbyNumbers();
  }

  @Property(tries = 3000)
  void numbersCompareLikeTheReference(
      @ForAll("numbers") com.fasterxml.jackson.databind.JsonNode stored,
      @ForAll("literals") java.math.BigDecimal literal,
      @ForAll CompareOp op)
      throws QueryException {
    com.fasterxml.jackson.databind.node.ObjectNode tags =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    tags.set("n", stored);
    JsonTwin twin = new JsonTwin("d", tags, null, java.util.Map.of());
    Expr pathFirst =
        new Expr.Comparison(
            new Operand.Property(Scope.TAGS, List.of("n")), op, new Operand.Numeric(literal));
    Expr literalFirst =
        new Expr.Comparison(
            new Operand.Numeric(literal),
            op.mirrored(),
            new Operand.Property(Scope.TAGS, List.of("n")));
    Truth expected = ReferenceEvaluator.evaluate(pathFirst, twin);
    assertThat(run(pathFirst, twin)).isEqualTo(expected);
    assertThat(run(literalFirst, twin)).isEqualTo(expected);
    Expr membership =
        new Expr.Membership(
            new Operand.Property(Scope.TAGS, List.of("n")),
            false,
            List.of(new Operand.Numeric(literal)));
    assertThat(run(membership, twin)).isEqualTo(ReferenceEvaluator.evaluate(membership, twin));
  }

  @Property(tries = 1000)
  void doubleNegationChangesNothing(@ForAll("conditions") Expr e, @ForAll("twins") JsonTwin twin)
      throws QueryException {
    assertThat(run(new Expr.Not(new Expr.Not(e)), twin)).isEqualTo(run(e, twin));
  }

  @Property(tries = 1000)
  void andAndOrAreCommutativeAndObeyDeMorgan(
      @ForAll("conditions") Expr a, @ForAll("conditions") Expr b, @ForAll("twins") JsonTwin twin)
      throws QueryException {
    assertThat(run(new Expr.And(List.of(a, b)), twin))
        .isEqualTo(run(new Expr.And(List.of(b, a)), twin));
    assertThat(run(new Expr.Or(List.of(a, b)), twin))
        .isEqualTo(run(new Expr.Or(List.of(b, a)), twin));
    assertThat(run(new Expr.Not(new Expr.And(List.of(a, b))), twin))
        .isEqualTo(run(new Expr.Or(List.of(new Expr.Not(a), new Expr.Not(b))), twin));
  }

  @Property(tries = 1000)
  void operatorsRelateAsDocumented(
      @ForAll("predicates") Expr predicate, @ForAll("twins") JsonTwin twin) throws QueryException {
    if (predicate instanceof Expr.Comparison c) {
      // a != b is NOT (a = b); a < b is b > a
      if (c.op() == CompareOp.NE) {
        assertThat(run(c, twin))
            .isEqualTo(
                run(new Expr.Not(new Expr.Comparison(c.left(), CompareOp.EQ, c.right())), twin));
      }
      assertThat(run(c, twin))
          .isEqualTo(run(new Expr.Comparison(c.right(), c.op().mirrored(), c.left()), twin));
    }
    if (predicate instanceof Expr.Membership m) {
      // x NIN L is NOT (x IN L)
      Expr flipped = new Expr.Membership(m.value(), !m.negated(), m.items());
      assertThat(run(m, twin)).isEqualTo(run(flipped, twin).not());
    }
  }

  @Property(tries = 500)
  void anUndefinedConditionNeverMatchesEitherWayRound(
      @ForAll("conditions") Expr e, @ForAll("twins") JsonTwin twin) throws QueryException {
    TargetCondition condition = QueryParser.parseCondition(CanonicalPrinter.print(e));
    TargetCondition negated = QueryParser.parseCondition(CanonicalPrinter.print(new Expr.Not(e)));
    if (condition.evaluate(twin) == Truth.UNDEFINED) {
      assertThat(condition.matches(twin)).isFalse();
      assertThat(negated.matches(twin)).isFalse();
    } else {
      assertThat(condition.matches(twin)).isNotEqualTo(negated.matches(twin));
    }
  }
}

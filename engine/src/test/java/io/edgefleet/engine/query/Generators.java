package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators for condition trees and twins. "Narrow" trees use a handful of names and values
 * so that they often hit what the generated twins hold; "wide" trees use arbitrary names and
 * strings to stress quoting and escaping.
 */
final class Generators {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Generators() {}

  // ---- condition trees -------------------------------------------------------------------

  static Arbitrary<Expr> twinConditions(boolean narrow, int depth) {
    return conditions(
        narrow ? narrowTwinProperties() : wideTwinProperties(), literals(narrow), depth);
  }

  static Arbitrary<Expr> messageConditions(int depth) {
    return conditions(messageProperties(), literals(false), depth);
  }

  private static Arbitrary<Expr> conditions(
      Arbitrary<Operand.Property> properties, Arbitrary<Operand.Literal> literals, int depth) {
    Arbitrary<Expr> leaf = predicates(properties, literals);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Expr> inner = conditions(properties, literals, depth - 1);
    Arbitrary<Expr> and = inner.list().ofMinSize(2).ofMaxSize(3).map(Expr.And::new);
    Arbitrary<Expr> or = inner.list().ofMinSize(2).ofMaxSize(3).map(Expr.Or::new);
    Arbitrary<Expr> not = inner.map(Expr.Not::new);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, leaf),
        net.jqwik.api.Tuple.of(2, and),
        net.jqwik.api.Tuple.of(2, or),
        net.jqwik.api.Tuple.of(1, not));
  }

  private static Arbitrary<Expr> predicates(
      Arbitrary<Operand.Property> properties, Arbitrary<Operand.Literal> literals) {
    Arbitrary<Operand> operands =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, properties.map(p -> (Operand) p)),
            net.jqwik.api.Tuple.of(1, literals.map(l -> (Operand) l)));
    Arbitrary<Expr> comparisons =
        Combinators.combine(
                properties,
                Arbitraries.of(CompareOp.class),
                literals,
                operands,
                Arbitraries.integers().between(0, 3))
            .as(Generators::comparison);
    Arbitrary<Expr> memberships =
        Combinators.combine(operands, Arbitraries.of(true, false), literals.list().ofMaxSize(4))
            .as(Expr.Membership::new);
    Arbitrary<Expr> typeTests =
        Combinators.combine(
                Arbitraries.of(
                    QueryFunction.IS_DEFINED,
                    QueryFunction.IS_NULL,
                    QueryFunction.IS_STRING,
                    QueryFunction.IS_NUMBER,
                    QueryFunction.IS_BOOL,
                    QueryFunction.IS_OBJECT,
                    QueryFunction.IS_ARRAY,
                    QueryFunction.IS_PRIMITIVE),
                properties)
            .as((f, p) -> new Expr.Call(f, List.of(p)));
    Arbitrary<Operand> textArguments =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, properties.map(p -> (Operand) p)),
            net.jqwik.api.Tuple.of(
                2, literals.filter(l -> l instanceof Operand.Text).map(l -> (Operand) l)));
    Arbitrary<Expr> textTests =
        Combinators.combine(
                Arbitraries.of(
                    QueryFunction.STARTS_WITH, QueryFunction.ENDS_WITH, QueryFunction.CONTAINS),
                textArguments,
                textArguments)
            .as((f, a, b) -> new Expr.Call(f, List.of(a, b)));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, comparisons),
        net.jqwik.api.Tuple.of(2, memberships),
        net.jqwik.api.Tuple.of(1, typeTests),
        net.jqwik.api.Tuple.of(1, textTests));
  }

  /**
   * A comparison the parser accepts: ordering operators never touch booleans or null. The shape
   * picks property-vs-literal (most often), literal-vs-property, or operand-vs-operand.
   */
  private static Expr comparison(
      Operand.Property property, CompareOp op, Operand.Literal literal, Operand other, int shape) {
    Operand left = shape == 1 ? literal : property;
    Operand right = shape == 1 ? property : shape == 3 ? other : literal;
    if (!op.isEquality() && (unorderable(left) || unorderable(right))) {
      op = CompareOp.EQ;
    }
    return new Expr.Comparison(left, op, right);
  }

  private static boolean unorderable(Operand operand) {
    return operand instanceof Operand.Bool || operand instanceof Operand.Null;
  }

  // ---- properties --------------------------------------------------------------------------

  private static Arbitrary<Operand.Property> narrowTwinProperties() {
    return Arbitraries.of(
        new Operand.Property(Scope.TAGS, List.of("a")),
        new Operand.Property(Scope.TAGS, List.of("b")),
        new Operand.Property(Scope.TAGS, List.of("a", "a")),
        new Operand.Property(Scope.TAGS, List.of("x-y")),
        new Operand.Property(Scope.TAGS, List.of()),
        new Operand.Property(Scope.REPORTED, List.of("a")),
        new Operand.Property(Scope.REPORTED, List.of("b", "a")),
        new Operand.Property(Scope.DEVICE_ID, List.of()),
        new Operand.Property(Scope.CONFIGURATION_STATUS, List.of("p")),
        new Operand.Property(Scope.CONFIGURATION_STATUS, List.of("q-1")));
  }

  private static Arbitrary<Operand.Property> wideTwinProperties() {
    Arbitrary<List<String>> paths = segments().list().ofMaxSize(3);
    return Arbitraries.oneOf(
        paths.map(s -> new Operand.Property(Scope.TAGS, s)),
        paths.map(s -> new Operand.Property(Scope.REPORTED, s)),
        segments().map(s -> new Operand.Property(Scope.CONFIGURATION_STATUS, List.of(s))),
        Arbitraries.just(new Operand.Property(Scope.DEVICE_ID, List.of())));
  }

  private static Arbitrary<Operand.Property> messageProperties() {
    Arbitrary<String> systemNames =
        Combinators.combine(
                Arbitraries.chars().with('a', 'Z', '_', 'q'),
                Arbitraries.strings().withChars("abcXYZ_019").ofMaxLength(6))
            .as((first, rest) -> first + rest);
    return Arbitraries.oneOf(
        Arbitraries.oneOf(segments(), Arbitraries.of("and", "INTO", "True", "null", "$x", "where"))
            .map(s -> new Operand.Property(Scope.APPLICATION_PROPERTY, List.of(s))),
        systemNames.map(s -> new Operand.Property(Scope.SYSTEM_PROPERTY, List.of(s))),
        segments().list().ofMaxSize(3).map(s -> new Operand.Property(Scope.BODY, s)));
  }

  /** A name segment: anything non-empty that a {@code [[...]]} can hold. */
  static Arbitrary<String> segments() {
    return Arbitraries.oneOf(
            Arbitraries.strings().withChars("abzAZ09_$").ofMinLength(1).ofMaxLength(6),
            Arbitraries.strings()
                .withChars("ab-. '\"\\[]()=*ü\t/")
                .withCharRange('\u4e00', '\u4e03')
                .ofMinLength(1)
                .ofMaxLength(8))
        .filter(s -> !s.contains("]]") && !s.endsWith("]"));
  }

  // ---- literals ----------------------------------------------------------------------------

  static Arbitrary<Operand.Literal> literals(boolean narrow) {
    Arbitrary<String> texts =
        narrow
            ? Arbitraries.of("", "a", "b", "B", "1", "Applied", "ab")
            : Arbitraries.strings()
                .withChars("aZ09 '\"\\\n\t\u0001\u007fü/[]*")
                .withCharRange('\ud800', '\ud801')
                .ofMaxLength(10);
    Arbitrary<BigDecimal> numbers =
        narrow
            ? Arbitraries.of(
                    "-1", "0", "1", "2", "2.0", "0.5", "1.5", "-0.5", "0.1", "1E+20", "-2.5")
                .map(BigDecimal::new)
            : Combinators.combine(
                    Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L),
                    Arbitraries.integers().between(-12, 12))
                .as(BigDecimal::valueOf);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, texts.map(Operand.Text::new)),
        net.jqwik.api.Tuple.of(3, numbers.map(Operand.Numeric::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(Operand.Bool::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Operand.Null())));
  }

  // ---- numbers ---------------------------------------------------------------------------

  /** Numbers near each other, as every JSON number type Jackson can produce. */
  static Arbitrary<JsonNode> jsonNumbers() {
    Arbitrary<BigDecimal> values = nearbyNumbers();
    return Combinators.combine(values, Arbitraries.integers().between(0, 5))
        .as(
            (value, type) ->
                switch (type) {
                  case 0 -> NODES.numberNode(value.intValue());
                  case 1 -> NODES.numberNode(value.longValue() * 1_000_000_007L);
                  case 2 -> NODES.numberNode(value.doubleValue());
                  case 3 -> NODES.numberNode(value.floatValue());
                  case 4 -> NODES.numberNode(value.toBigInteger().shiftLeft(70));
                  default -> NODES.numberNode(value);
                });
  }

  /** Small decimals with few digits, so that equal and adjacent values are common. */
  static Arbitrary<BigDecimal> nearbyNumbers() {
    return Combinators.combine(
            Arbitraries.integers().between(-40, 40), Arbitraries.integers().between(-1, 2))
        .as((unscaled, scale) -> BigDecimal.valueOf(unscaled, scale));
  }

  // ---- twins -------------------------------------------------------------------------------

  static Arbitrary<JsonTwin> twins() {
    Arbitrary<JsonNode> values = jsonValues();
    Arbitrary<JsonNode> objects = jsonObjects(values);
    Arbitrary<String> ids = Arbitraries.of("a", "b", "1", null);
    Arbitrary<Map<String, String>> statuses =
        Combinators.combine(
                Arbitraries.of("Applied", "Targeted", "a", null),
                Arbitraries.of("Applied", "Targeted", null))
            .as(
                (p, q) -> {
                  Map<String, String> map = new HashMap<>();
                  map.put("p", p);
                  map.put("q-1", q);
                  return map;
                });
    return Combinators.combine(
            ids, Arbitraries.oneOf(objects, Arbitraries.just(null)), objects, statuses)
        .as(JsonTwin::new);
  }

  private static Arbitrary<JsonNode> jsonObjects(Arbitrary<JsonNode> values) {
    return Combinators.combine(values, values, values, values)
        .as(
            (a, b, xy, nested) -> {
              ObjectNode object = NODES.objectNode();
              putUnlessAbsent(object, "a", a);
              putUnlessAbsent(object, "b", b);
              putUnlessAbsent(object, "x-y", xy);
              if (nested != null && nested.isTextual()) {
                object.set("b", NODES.objectNode().set("a", nested));
              }
              return object;
            });
  }

  private static void putUnlessAbsent(ObjectNode object, String key, JsonNode value) {
    if (value != null) {
      object.set(key, value);
    }
  }

  /** A JSON value of any type, or null for "absent". */
  private static Arbitrary<JsonNode> jsonValues() {
    return Arbitraries.of(
        null,
        NODES.textNode(""),
        NODES.textNode("a"),
        NODES.textNode("b"),
        NODES.textNode("B"),
        NODES.textNode("1"),
        NODES.textNode("Applied"),
        NODES.numberNode(-1),
        NODES.numberNode(0),
        NODES.numberNode(1),
        NODES.numberNode(2),
        NODES.numberNode(100000000000000000L),
        NODES.numberNode(2.0),
        NODES.numberNode(0.5),
        NODES.numberNode(0.1),
        NODES.numberNode(-2.5),
        NODES.numberNode(Double.NaN),
        NODES.numberNode(new BigInteger("100000000000000000000")),
        NODES.numberNode(new BigDecimal("2.00")),
        NODES.booleanNode(true),
        NODES.booleanNode(false),
        NODES.nullNode(),
        NODES.objectNode().put("a", "a"),
        NODES.arrayNode().add("a"));
  }
}

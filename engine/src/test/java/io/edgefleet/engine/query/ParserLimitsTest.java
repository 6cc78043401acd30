package io.edgefleet.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgefleet.engine.route.RouteParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserLimitsTest {

  private static final JsonTwin OFFICE = Fixtures.twin("office");

  @Test
  void nullTextIsAQueryExceptionEverywhere() {
    assertThatThrownBy(() -> QueryParser.parseCondition(null))
        .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.column()).isEqualTo(1));
    assertThatThrownBy(() -> QueryParser.parseMetricQuery(null)).isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> QueryParser.parseMessageCondition(null))
        .isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> QueryParser.parseMessageCondition(null, 0, 0))
        .isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> RouteParser.parse(null)).isInstanceOf(QueryException.class);
  }

  @Test
  void acceptsExactly8192Characters() throws QueryException {
    String prefix = "tags.environment = '";
    String longest = prefix + "x".repeat(QueryParser.MAX_LENGTH - prefix.length() - 1) + "'";
    assertThat(longest).hasSize(8192);
    assertThat(QueryParser.parseCondition(longest).evaluate(OFFICE)).isEqualTo(Truth.FALSE);

    String tooLong = longest + " ";
    assertThatThrownBy(() -> QueryParser.parseCondition(tooLong))
        .isInstanceOfSatisfying(
            QueryException.class,
            e -> {
              assertThat(e.column()).isEqualTo(8193);
              assertThat(e.getMessage()).startsWith("too long: at most 8192 characters");
              assertThat(e.excerpt()).startsWith("...").endsWith("^");
            });
    assertThatThrownBy(() -> QueryParser.parseMetricQuery("SELECT * FROM devices " + longest))
        .isInstanceOf(QueryException.class)
        .hasMessageStartingWith("too long");
    assertThatThrownBy(() -> RouteParser.parse("FROM /* INTO $upstream" + " ".repeat(8192)))
        .isInstanceOf(QueryException.class)
        .hasMessageStartingWith("too long");
  }

  @Test
  void nestingIsCappedAt256Levels() throws QueryException {
    String deepest = "(".repeat(256) + "tags.floor = '2'" + ")".repeat(256);
    assertThat(QueryParser.parseCondition(deepest).evaluate(OFFICE)).isEqualTo(Truth.TRUE);
    assertThat(QueryParser.parseCondition(deepest).canonical()).isEqualTo("tags.floor = '2'");

    String tooDeep = "(".repeat(257) + "tags.floor = '2'" + ")".repeat(257);
    assertThatThrownBy(() -> QueryParser.parseCondition(tooDeep))
        .isInstanceOfSatisfying(
            QueryException.class,
            e -> {
              assertThat(e.column()).isEqualTo(257);
              assertThat(e.getMessage()).contains("nested too deeply (more than 256 levels)");
            });
  }

  @Test
  void notChainsCountTowardsTheNestingCap() throws QueryException {
    String evenNots = "NOT ".repeat(256) + "tags.floor = '2'";
    assertThat(QueryParser.parseCondition(evenNots).evaluate(OFFICE)).isEqualTo(Truth.TRUE);
    assertThatThrownBy(() -> QueryParser.parseCondition("NOT ".repeat(257) + "tags.a = 1"))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("nested too deeply");
    assertThatThrownBy(() -> QueryParser.parseCondition("NOT (".repeat(130) + "tags.a = 1"))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("nested too deeply");
  }

  @Test
  void hostileNestingIsAnErrorNotAStackOverflow() throws QueryException {
    for (String hostile :
        List.of(
            "(".repeat(8000),
            "NOT ".repeat(2000),
            "(".repeat(4000) + ")".repeat(4000),
            "[".repeat(8000),
            "[[".repeat(4000),
            "'".repeat(8001),
            "IS_DEFINED(".repeat(700))) {
      assertThatThrownBy(() -> QueryParser.parseCondition(hostile))
          .isInstanceOf(QueryException.class);
      if (hostile.startsWith("'")) {
        // edgeHub's lexer reads a run of quotes as one property name (' is a name character)
        assertThat(RouteParser.parse("FROM /* WHERE " + hostile + " INTO $upstream").warnings())
            .isNotEmpty();
        continue;
      }
      assertThatThrownBy(() -> RouteParser.parse("FROM /* WHERE " + hostile + " INTO $upstream"))
          .isInstanceOf(QueryException.class);
    }
  }

  @Test
  void longFlatChainsNeedNoDeepRecursion() throws QueryException {
    List<String> clauses = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      clauses.add("tags.t" + i + " = " + i);
    }
    String chain = String.join(" OR ", clauses) + " OR tags.floor = '2'";
    assertThat(chain.length()).isLessThan(QueryParser.MAX_LENGTH);
    TargetCondition condition = QueryParser.parseCondition(chain);
    assertThat(condition.evaluate(OFFICE)).isEqualTo(Truth.TRUE);
    assertThat(((Expr.Or) condition.expression()).operands()).hasSize(401);
    assertThat(QueryParser.parseCondition(condition.canonical())).isEqualTo(condition);
  }

  @Test
  void regionsMustLieInsideTheText() {
    assertThatThrownBy(() -> QueryParser.parseMessageCondition("a = 1", 2, 9))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}

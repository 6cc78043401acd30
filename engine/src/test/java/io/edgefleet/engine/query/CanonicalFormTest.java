package io.edgefleet.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalFormTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "tags.a=1 and tags.b=2                | tags.a = 1 AND tags.b = 2",
        "tags.a <> 'x'                        | tags.a != 'x'",
        "tags.a not in ['x',\"y\"]            | tags.a NIN ['x', 'y']",
        "tags.a nin []                        | tags.a NIN []",
        "starts_with(deviceId,'x')            | STARTSWITH(deviceId, 'x')",
        "ends_with(deviceId,'x')              | ENDSWITH(deviceId, 'x')",
        "is_defined(tags.a)                   | IS_DEFINED(tags.a)",
        "tags.a = \"it's\"                    | tags.a = 'it\\'s'",
        "tags.a = 'tab\\there\\u0001'         | tags.a = 'tab\\there\\u0001'",
        "tags.a = '\\/'                       | tags.a = '/'",
        "tags.[[plain]].[[my-key]] = 1        | tags.plain.[[my-key]] = 1",
        "tags.[[a b]] = 1                     | tags.[[a b]] = 1",
        "tags.[[1]] = 1                       | tags.1 = 1",
        "configurations.[[x]].status = 'A'    | configurations.x.status = 'A'",
        "configurations.[[x-y]].status = 'A'  | configurations.[[x-y]].status = 'A'",
        "(tags.a = 1 OR tags.b = 2) AND tags.c = 3 | (tags.a = 1 OR tags.b = 2) AND tags.c = 3",
        "tags.a = 1 OR (tags.b = 2 AND tags.c = 3) | tags.a = 1 OR tags.b = 2 AND tags.c = 3",
        "(tags.a = 1 AND tags.b = 2) AND tags.c = 3 | (tags.a = 1 AND tags.b = 2) AND tags.c = 3",
        "tags.a = 1 OR (tags.b = 2 OR tags.c = 3) | tags.a = 1 OR (tags.b = 2 OR tags.c = 3)",
        "NOT (tags.a = 1)                     | NOT tags.a = 1",
        "not (tags.a = 1 or tags.b = 1)       | NOT (tags.a = 1 OR tags.b = 1)",
        "NOT NOT tags.a = 1                   | NOT NOT tags.a = 1",
        "tags.a = 2.50                        | tags.a = 2.50",
        "tags.a = 1e3                         | tags.a = 1E+3",
        "tags.a = -0.5e-2                     | tags.a = -0.005",
        "  *  | *",
      })
  void printsTheCanonicalForm(String text, String canonical) throws QueryException {
    String expected = canonical;
    TargetCondition condition = QueryParser.parseCondition(text);
    assertThat(condition.canonical()).isEqualTo(expected);
    assertThat(condition.toString()).isEqualTo(expected);
    assertThat(condition.text()).isEqualTo(text);
    assertThat(QueryParser.parseCondition(expected)).isEqualTo(condition);
  }

  @Test
  void messageNamesAreQuotedWhenTheyWouldReadAsSomethingElse() throws QueryException {
    for (String name : List.of("and", "Into", "TRUE", "null", "$x", "a.b", "a-b", "9lives")) {
      String text = "[[" + name + "]] = 'v'";
      MessageCondition condition = QueryParser.parseMessageCondition(text);
      assertThat(condition.canonical()).isEqualTo(text);
      assertThat(((Expr.Comparison) condition.expression()).left())
          .isEqualTo(new Operand.Property(Scope.APPLICATION_PROPERTY, List.of(name)));
    }
    assertThat(QueryParser.parseMessageCondition("[[plain]] = 1").canonical())
        .isEqualTo("plain = 1");
  }

  @Test
  void equalityIgnoresSpellingButNotNumberScale() throws QueryException {
    assertThat(
            QueryParser.parseCondition(
                "tags.a=1 and Tags_ok_ignored = 1".replace(" and Tags_ok_ignored = 1", "")))
        .isEqualTo(QueryParser.parseCondition("( tags.a = 1 )"));
    assertThat(QueryParser.parseCondition("tags.a = 2"))
        .isNotEqualTo(QueryParser.parseCondition("tags.a = 2.0"));
    assertThat(QueryParser.parseCondition("tags.a = 2").hashCode())
        .isEqualTo(QueryParser.parseCondition("tags.a=2").hashCode());
  }

  @Test
  void theTreeIsThereToInspect() throws QueryException {
    Expr expr =
        QueryParser.parseCondition("tags.a.b >= 2.5 AND NOT IS_NULL(deviceId)").expression();
    assertThat(expr)
        .isEqualTo(
            new Expr.And(
                List.of(
                    new Expr.Comparison(
                        new Operand.Property(Scope.TAGS, List.of("a", "b")),
                        CompareOp.GE,
                        new Operand.Numeric(new BigDecimal("2.5"))),
                    new Expr.Not(
                        new Expr.Call(
                            QueryFunction.IS_NULL,
                            List.of(new Operand.Property(Scope.DEVICE_ID, List.of())))))));
  }

  @Test
  void matchesEverythingOnlyForTheStar() throws QueryException {
    assertThat(QueryParser.parseCondition(" * ").matchesEverything()).isTrue();
    assertThat(TargetCondition.everything().matchesEverything()).isTrue();
    assertThat(QueryParser.parseCondition("1 = 1").matchesEverything()).isFalse();
  }
}

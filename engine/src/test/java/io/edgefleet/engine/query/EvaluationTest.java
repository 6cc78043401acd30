package io.edgefleet.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Evaluation cases the JSON fixtures cannot express: odd twins and every JSON number type. */
class EvaluationTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static Truth evaluate(String condition, JsonNode tags) throws QueryException {
    return QueryParser.parseCondition(condition).evaluate(new JsonTwin("d", tags, null, Map.of()));
  }

  private static JsonNode tagsWith(JsonNode value) {
    ObjectNode tags = NODES.objectNode();
    tags.set("v", value);
    return tags;
  }

  @Test
  void tagsThatAreNullMissingOrNotAnObjectMakeEveryTagUndefined() throws QueryException {
    for (JsonNode tags : new JsonNode[] {null, MissingNode.getInstance(), TextNode.valueOf("x")}) {
      assertThat(evaluate("tags.a = 'x'", tags)).isEqualTo(Truth.UNDEFINED);
      assertThat(evaluate("tags.a != 'x'", tags)).isEqualTo(Truth.UNDEFINED);
      assertThat(evaluate("IS_DEFINED(tags.a)", tags)).isEqualTo(Truth.FALSE);
    }
    assertThat(evaluate("IS_DEFINED(tags)", null)).isEqualTo(Truth.FALSE);
    assertThat(evaluate("IS_DEFINED(tags)", MissingNode.getInstance())).isEqualTo(Truth.FALSE);
    assertThat(evaluate("IS_STRING(tags)", TextNode.valueOf("x"))).isEqualTo(Truth.TRUE);
  }

  @Test
  void aNullTwinIsAProgrammingError() throws QueryException {
    TargetCondition condition = QueryParser.parseCondition("*");
    assertThatThrownBy(() -> condition.evaluate(null)).isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the stored value's Jackson type | operator | literal | expected
        "int:5           | =  | 5.0                     | TRUE",
        "int:5           | <  | 5.0000000000000000001   | TRUE",
        "int:5           | >  | 4.9999999999999999999   | TRUE",
        "int:-5          | <  | -4.5                    | TRUE",
        "int:-5          | >  | -5.5                    | TRUE",
        "long:9007199254740993 | = | 9007199254740993   | TRUE",
        "long:9007199254740993 | > | 9007199254740992   | TRUE",
        "long:9223372036854775807 | < | 9223372036854775808 | TRUE",
        "long:-9223372036854775808 | > | -9223372036854775809 | TRUE",
        "long:-9223372036854775808 | = | -9223372036854775808 | TRUE",
        "bigint:18446744073709551616 | = | 18446744073709551616.0 | TRUE",
        "bigint:18446744073709551616 | > | 9223372036854775807 | TRUE",
        "decimal:0.1     | =  | 0.1                     | TRUE",
        "decimal:0.10    | =  | 1e-1                    | TRUE",
        "decimal:2.5     | <  | 2.50000000000000000001  | TRUE",
        "double:0.1      | =  | 0.1                     | TRUE",
        "double:0.1      | =  | 0.10                    | TRUE",
        "double:21.5     | >= | 21.5                    | TRUE",
        "double:1e300    | <  | 1e301                   | TRUE",
        "double:NaN      | =  | 1                       | UNDEFINED",
        "double:NaN      | != | 1                       | UNDEFINED",
        "double:Infinity | >  | 1e308                   | TRUE",
        "float:2.5       | =  | 2.5                     | TRUE",
        "short:7         | =  | 7                       | TRUE",
      })
  void numbersCompareByValueWhateverTheirJsonType(
      String stored, String op, String literal, Truth expected) throws QueryException {
    String[] typed = stored.split(":");
    JsonNode value =
        switch (typed[0]) {
          case "int" -> NODES.numberNode(Integer.parseInt(typed[1]));
          case "long" -> NODES.numberNode(Long.parseLong(typed[1]));
          case "short" -> NODES.numberNode(Short.parseShort(typed[1]));
          case "bigint" -> NODES.numberNode(new BigInteger(typed[1]));
          case "decimal" -> NODES.numberNode(new BigDecimal(typed[1]));
          case "double" -> NODES.numberNode(Double.parseDouble(typed[1]));
          case "float" -> NODES.numberNode(Float.parseFloat(typed[1]));
          default -> throw new IllegalArgumentException(stored);
        };
    assertThat(evaluate("tags.v " + op + " " + literal, tagsWith(value))).isEqualTo(expected);
  }

  @Test
  void twoStoredNumbersCompareByValueToo() throws QueryException {
    ObjectNode tags = NODES.objectNode();
    tags.put("i", 2).put("d", 2.0).put("l", 3L).put("big", new BigDecimal("2.000"));
    tags.set("huge", NODES.numberNode(new BigInteger("99999999999999999999")));
    tags.put("nan", Double.NaN);
    assertThat(evaluate("tags.i = tags.d", tags)).isEqualTo(Truth.TRUE);
    assertThat(evaluate("tags.i = tags.big", tags)).isEqualTo(Truth.TRUE);
    assertThat(evaluate("tags.d = tags.big", tags)).isEqualTo(Truth.TRUE);
    assertThat(evaluate("tags.l > tags.i", tags)).isEqualTo(Truth.TRUE);
    assertThat(evaluate("tags.huge > tags.l", tags)).isEqualTo(Truth.TRUE);
    assertThat(evaluate("tags.nan = tags.nan", tags)).isEqualTo(Truth.UNDEFINED);
  }

  @Test
  void bigDecimalTwinsFromAMapperConfiguredForThem() throws Exception {
    ObjectMapper exact =
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    JsonNode tags = exact.readTree("{\"t\": 21.50, \"n\": 0.1}");
    assertThat(evaluate("tags.t = 21.5", tags)).isEqualTo(Truth.TRUE);
    assertThat(evaluate("tags.n = 0.1", tags)).isEqualTo(Truth.TRUE);
    assertThat(evaluate("tags.n IN [0.100]", tags)).isEqualTo(Truth.TRUE);
  }

  @Test
  void stringsCompareByUtf16CodeUnits() throws QueryException {
    // U+FF5E (fullwidth tilde) sorts after U+1F600 (an emoji, stored as surrogates D83D DE00).
    ObjectNode tags = NODES.objectNode().put("v", "\uFF5E");
    assertThat(evaluate("tags.v > '\uD83D\uDE00'", tags)).isEqualTo(Truth.TRUE);
    assertThat(evaluate("tags.v > 'Z'", NODES.objectNode().put("v", "a"))).isEqualTo(Truth.TRUE);
  }

  @Test
  void aConditionCanBeSharedBetweenThreads() throws QueryException {
    TargetCondition condition =
        QueryParser.parseCondition("tags.floor IN ['1', '2'] AND deviceId != 'skip'");
    JsonTwin office = Fixtures.twin("office");
    long matches =
        IntStream.range(0, 20_000).parallel().filter(i -> condition.matches(office)).count();
    assertThat(matches).isEqualTo(20_000);
  }

  @Test
  void truthFollowsKleeneTables() {
    Truth t = Truth.TRUE;
    Truth f = Truth.FALSE;
    Truth u = Truth.UNDEFINED;
    assertThat(new Truth[] {t.not(), f.not(), u.not()}).containsExactly(f, t, u);
    assertThat(new Truth[] {t.and(u), f.and(u), u.and(u), t.and(t), u.and(f)})
        .containsExactly(u, f, u, t, f);
    assertThat(new Truth[] {t.or(u), f.or(u), u.or(u), f.or(f), u.or(t)})
        .containsExactly(t, u, u, f, t);
    assertThat(Truth.of(true)).isEqualTo(t);
  }
}

package io.edgefleet.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.engine.route.Route;
import io.edgefleet.engine.route.RouteParser;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever the text, the parsers either succeed or throw {@link QueryException} with a position
 * inside the text; and whatever they accept prints canonically and parses back equal.
 */
class ParserRobustnessProperties {

  private static final String ALPHABET =
      " \t\n\r()[],.'\"\\=!<>-+*$/_:;&|#aAbdDeEfFiIlLnNoOrRsStTuUwWxX0129ü\u0000\ud800";

  private static final List<String> TOKENS =
      List.of(
          "tags",
          "tags.a",
          ".",
          "a",
          "[[",
          "]]",
          "[[x-y]]",
          "=",
          "==",
          "!=",
          "<>",
          "<",
          ">=",
          "IN",
          "nin",
          "NOT",
          "AND",
          "or",
          "(",
          ")",
          "[",
          "]",
          ",",
          "'s'",
          "\"t\"",
          "'",
          "\"",
          "\\",
          "1",
          "-2.5e3",
          "1e",
          "true",
          "TRUE",
          "null",
          "IS_DEFINED",
          "STARTSWITH",
          "deviceId",
          "properties",
          "properties.reported.x",
          "properties.desired",
          "configurations",
          "configurations.[[p]].status",
          "*",
          "$body",
          "$body.a",
          "$x",
          "SELECT",
          "FROM",
          "devices",
          "WHERE",
          "INTO",
          "into",
          "$upstream",
          "/messages",
          "/*",
          "/modules",
          "/outputs",
          "/m",
          "BrokeredEndpoint",
          "(\"/modules/m/inputs/i\")",
          " ",
          "\n");

  @Provide
  Arbitrary<String> noise() {
    Arbitrary<String> tokenSoup =
        Combinators.combine(Arbitraries.of(TOKENS).list().ofMaxSize(24), Arbitraries.of(" ", ""))
            .as((tokens, separator) -> String.join(separator, tokens));
    return Arbitraries.frequencyOf(
        Tuple.of(3, tokenSoup),
        Tuple.of(2, Arbitraries.strings().withChars(ALPHABET).ofMaxLength(60)),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(30)));
  }

  @Provide
  Arbitrary<String> mutatedQueries() throws Exception {
    List<String> seeds = new ArrayList<>();
    for (QueryCasesTest.Case row : QueryCasesTest.cases()) {
      seeds.add(row.text());
    }
    return mutations(seeds);
  }

  @Provide
  Arbitrary<String> mutatedRoutes() throws Exception {
    List<String> seeds = new ArrayList<>();
    for (var row : io.edgefleet.engine.route.RouteCasesAccess.cases()) {
      seeds.add(row);
    }
    return mutations(seeds);
  }

  /** Seeds with one to four random insertions, deletions or replacements. */
  private static Arbitrary<String> mutations(List<String> seeds) {
    Arbitrary<int[]> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, ALPHABET.length() - 1))
            .as((kind, position, character) -> new int[] {kind, position, character});
    return Combinators.combine(Arbitraries.of(seeds), edit.list().ofMinSize(1).ofMaxSize(4))
        .as(ParserRobustnessProperties::mutate);
  }

  private static String mutate(String seed, List<int[]> edits) {
    StringBuilder text = new StringBuilder(seed);
    for (int[] edit : edits) {
      int at = text.length() == 0 ? 0 : edit[1] % (text.length() + 1);
      char c = ALPHABET.charAt(edit[2]);
      switch (edit[0]) {
        case 0 -> text.insert(at, c);
        case 1 -> {
          if (at < text.length()) {
            text.deleteCharAt(at);
          }
        }
        default -> {
          if (at < text.length()) {
            text.setCharAt(at, c);
          } else {
            text.append(c);
          }
        }
      }
    }
    return text.toString();
  }

  @Property(tries = 3000)
  void randomTextOnlyEverThrowsQueryException(@ForAll("noise") String text) {
    checkAllParsers(text);
    checkAllParsers("FROM /messages/* WHERE " + text + " INTO $upstream");
    checkAllParsers("SELECT deviceId FROM devices WHERE " + text);
  }

  @Property(tries = 3000)
  void mutatedQueriesOnlyEverThrowQueryExceptionAndRoundTripWhenValid(
      @ForAll("mutatedQueries") String text) throws QueryException {
    checkAllParsers(text);
    TargetCondition condition = parsedOrNull(text);
    if (condition != null) {
      TargetCondition again = QueryParser.parseCondition(condition.canonical());
      assertThat(again).isEqualTo(condition);
      assertThat(again.canonical()).isEqualTo(condition.canonical());
      for (String twin : List.of("office", "lab", "bare", "noid")) {
        assertThat(again.evaluate(Fixtures.twin(twin)))
            .isEqualTo(condition.evaluate(Fixtures.twin(twin)));
      }
    }
  }

  @Property(tries = 3000)
  void mutatedRoutesOnlyEverThrowQueryExceptionAndRoundTripWhenValid(
      @ForAll("mutatedRoutes") String text) throws QueryException {
    checkAllParsers(text);
    Route route;
    try {
      route = RouteParser.parse(text);
    } catch (QueryException e) {
      return;
    }
    Route again = RouteParser.parse(route.canonical());
    assertThat(again).isEqualTo(route);
    assertThat(again.canonical()).isEqualTo(route.canonical());
  }

  private static TargetCondition parsedOrNull(String text) {
    try {
      return QueryParser.parseCondition(text);
    } catch (QueryException e) {
      return null;
    }
  }

  private interface Parse {
    Object parse(String text) throws QueryException;
  }

  private static void checkAllParsers(String text) {
    List<Parse> parsers =
        List.of(
            QueryParser::parseCondition,
            QueryParser::parseMetricQuery,
            QueryParser::parseMessageCondition,
            RouteParser::parse);
    for (Parse parser : parsers) {
      try {
        parser.parse(text);
      } catch (QueryException e) {
        assertThat(e.offset()).isBetween(0, text.length());
        assertThat(e.column()).isPositive();
        assertThat(e.line()).isPositive();
        assertThat(e.excerpt()).contains("^");
        assertThat(e.getMessage()).contains("column " + e.column());
      }
    }
  }
}

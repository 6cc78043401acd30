package io.edgefleet.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every row of {@code query-cases.tsv}: a text, a fixture and the expected result. */
class QueryCasesTest {

  /** One row of the table. */
  record Case(int line, String mode, String text, String fixture, String expected) {
    @Override
    public String toString() {
      return "line " + line + ": " + mode + " [" + text + "] on " + fixture + " -> " + expected;
    }
  }

  static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                QueryCasesTest.class.getResourceAsStream("/query-cases.tsv"),
                StandardCharsets.UTF_8))) {
      String row;
      int line = 0;
      while ((row = reader.readLine()) != null) {
        line++;
        if (row.isBlank() || row.startsWith("#")) {
          continue;
        }
        String[] columns = row.split("\t", -1);
        if (columns.length != 4) {
          throw new IllegalStateException("line " + line + " has " + columns.length + " columns");
        }
        String text =
            switch (columns[1]) {
              case "<empty>" -> "";
              case "<blank>" -> "   ";
              default -> columns[1];
            };
        cases.add(new Case(line, columns[0], text, columns[2], columns[3]));
      }
    }
    return cases;
  }

  @Test
  void theTableIsLarge() throws IOException {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(150);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void behavesAsTabled(Case row) throws QueryException {
    if (row.expected().startsWith("ERROR ")) {
      expectError(row);
      return;
    }
    Truth expected = Truth.valueOf(row.expected());
    switch (row.mode()) {
      case "cond" -> {
        TargetCondition condition = QueryParser.parseCondition(row.text());
        JsonTwin twin = Fixtures.twin(row.fixture());
        assertThat(condition.evaluate(twin)).isEqualTo(expected);
        assertThat(condition.matches(twin)).isEqualTo(expected == Truth.TRUE);
        TargetCondition again = QueryParser.parseCondition(condition.canonical());
        assertThat(again).isEqualTo(condition);
        assertThat(again.canonical()).isEqualTo(condition.canonical());
        assertThat(again.evaluate(twin)).isEqualTo(expected);
      }
      case "metric" -> {
        MetricQuery query = QueryParser.parseMetricQuery(row.text());
        JsonTwin twin = Fixtures.twin(row.fixture());
        assertThat(query.where().evaluate(twin)).isEqualTo(expected);
        assertThat(query.matches(twin)).isEqualTo(expected == Truth.TRUE);
        assertThat(QueryParser.parseMetricQuery(query.canonical())).isEqualTo(query);
      }
      case "message" -> {
        MessageCondition condition = QueryParser.parseMessageCondition(row.text());
        JsonMessage message = Fixtures.message(row.fixture());
        assertThat(condition.evaluate(message)).isEqualTo(expected);
        assertThat(QueryParser.parseMessageCondition(condition.canonical())).isEqualTo(condition);
      }
      default -> throw new IllegalStateException("unknown mode " + row.mode());
    }
  }

  private static void expectError(Case row) {
    String[] parts = row.expected().split(" ", 3);
    int column = Integer.parseInt(parts[1]);
    String fragment = parts[2];
    assertThatThrownBy(() -> parse(row.mode(), row.text()))
        .isInstanceOfSatisfying(
            QueryException.class,
            e -> {
              assertThat(e.getMessage()).contains(fragment).endsWith(" at column " + column);
              assertThat(e.column()).isEqualTo(column);
              String caretLine = e.excerpt().substring(e.excerpt().indexOf('\n') + 1);
              assertThat(caretLine).hasSize(column).endsWith("^");
            });
  }

  private static Object parse(String mode, String text) throws QueryException {
    return switch (mode) {
      case "cond" -> QueryParser.parseCondition(text);
      case "metric" -> QueryParser.parseMetricQuery(text);
      case "message" -> QueryParser.parseMessageCondition(text);
      default -> throw new IllegalStateException("unknown mode " + mode);
    };
  }
}

package io.edgefleet.engine.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgefleet.engine.query.QueryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every row of {@code route-cases.tsv}. */
class RouteCasesTest {

  /** One row: the route text and the other columns. */
  record Case(int line, String text, List<String> columns) {
    @Override
    public String toString() {
      return "line " + line + ": [" + text + "] -> " + columns.get(0);
    }
  }

  static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                RouteCasesTest.class.getResourceAsStream("/route-cases.tsv"),
                StandardCharsets.UTF_8))) {
      String row;
      int line = 0;
      while ((row = reader.readLine()) != null) {
        line++;
        if (row.isBlank() || row.startsWith("#")) {
          continue;
        }
        String[] columns = row.split("\t", -1);
        if (columns.length != 2 && columns.length != 6 && columns.length != 7) {
          throw new IllegalStateException("line " + line + " has " + columns.length + " columns");
        }
        String text = columns[0].equals("<empty>") ? "" : columns[0];
        cases.add(new Case(line, text, List.of(columns).subList(1, columns.length)));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void behavesAsTabled(Case row) throws QueryException {
    List<String> expected = row.columns();
    if (expected.get(0).startsWith("ERROR ")) {
      String[] parts = expected.get(0).split(" ", 3);
      int column = Integer.parseInt(parts[1]);
      assertThatThrownBy(() -> RouteParser.parse(row.text()))
          .isInstanceOfSatisfying(
              QueryException.class,
              e -> {
                assertThat(e.getMessage()).contains(parts[2]).endsWith(" at column " + column);
                assertThat(e.column()).isEqualTo(column);
              });
      return;
    }
    Route route = RouteParser.parse(row.text());
    assertThat(route.canonical()).isEqualTo(expected.get(0));
    assertThat(route.sourceModule()).isEqualTo(optional(expected.get(1)));
    assertThat(route.sourceOutput()).isEqualTo(optional(expected.get(2)));
    assertThat(route.sinkModule()).isEqualTo(optional(expected.get(3)));
    assertThat(route.sinkInput()).isEqualTo(optional(expected.get(4)));
    assertThat(route.upstream()).isEqualTo(route.sink().equals("$upstream"));
    assertThat(route.upstream()).isEqualTo(expected.get(3).equals("-"));
    assertThat(route.conditionText().isPresent())
        .isEqualTo(row.text().toUpperCase().contains(" WHERE "));
    assertThat(route.text()).isEqualTo(row.text());
    if (expected.size() == 6) {
      assertThat(expected.get(5)).startsWith("WARN ");
      assertThat(route.warnings())
          .anySatisfy(w -> assertThat(w).contains(expected.get(5).substring(5)));
    } else {
      assertThat(route.warnings()).isEmpty();
    }
    Route again = RouteParser.parse(route.canonical());
    assertThat(again).isEqualTo(route).hasSameHashCodeAs(route);
    assertThat(again.canonical()).isEqualTo(route.canonical());
    assertThat(again.warnings()).allSatisfy(w -> assertThat(route.warnings()).contains(w));
  }

  private static Optional<String> optional(String column) {
    return column.equals("-") ? Optional.empty() : Optional.of(column);
  }
}

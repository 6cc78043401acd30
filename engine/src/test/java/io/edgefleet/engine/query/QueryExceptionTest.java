package io.edgefleet.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class QueryExceptionTest {

  private static QueryException errorOf(String condition) {
    return catchThrowableOfType(QueryException.class, () -> QueryParser.parseCondition(condition));
  }

  @Test
  void saysWhatWasExpectedWhereWithACaret() {
    QueryException e = errorOf("tags.environment= ");
    assertThat(e.getMessage()).isEqualTo("expected a value after '=' at column 18");
    assertThat(e.problem()).isEqualTo("expected a value after '='");
    assertThat(e.expected()).isEqualTo("a value after '='");
    assertThat(e.column()).isEqualTo(18);
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.offset()).isEqualTo(17);
    assertThat(e.excerpt()).isEqualTo("tags.environment= \n                 ^");
  }

  @Test
  void problemsThatAreNotAboutAMissingPieceHaveNoExpected() {
    QueryException e = errorOf("tags.a = 'open");
    assertThat(e.getMessage()).isEqualTo("unterminated string (missing ') at column 10");
    assertThat(e.expected()).isNull();
  }

  @Test
  void multiLineTextsReportLineAndColumn() {
    QueryException e = errorOf("tags.a = 1\r\n  AND tags.b ==\n 2");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(14);
    assertThat(e.getMessage()).endsWith("at line 2, column 14");
    assertThat(e.excerpt()).isEqualTo("  AND tags.b ==\n             ^");
  }

  @Test
  void anErrorAtTheEndOfALineIsOnThatLine() {
    QueryException e = errorOf("tags.a = 1 AND\ntags.b =\n");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(9);
    assertThat(e.excerpt()).isEqualTo("tags.b =\n        ^");
  }

  @Test
  void theCaretLineKeepsTabsSoItLinesUp() {
    QueryException e = errorOf("\ttags.a\t== 1");
    assertThat(e.column()).isEqualTo(9);
    assertThat(e.excerpt()).isEqualTo("\ttags.a\t== 1\n\t      \t^");
  }

  @Test
  void longLinesAreShortenedAroundTheColumn() {
    String condition =
        "tags.a = '" + "x".repeat(200) + "' AND tags.b ~ 1 AND tags.c = '" + "y".repeat(200) + "'";
    QueryException e = errorOf(condition);
    String[] lines = e.excerpt().split("\n");
    assertThat(lines[0]).startsWith("...").endsWith("...").hasSize(3 + 60 + 60 + 3);
    assertThat(lines[1].indexOf('^')).isEqualTo(63);
    assertThat(lines[0].charAt(63)).isEqualTo('~');
  }

  @Test
  void publicFactoriesWorkForOtherParsers() {
    QueryException e = QueryException.expected("abc", 99, "more");
    assertThat(e.offset()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(4);
    assertThat(e.getMessage()).isEqualTo("expected more at column 4");
    assertThat(QueryException.problem(null, 0, "nothing").excerpt()).isEqualTo("\n^");
  }
}

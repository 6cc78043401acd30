package io.edgefleet.engine.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgefleet.engine.query.QueryException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The placeholder syntax of docs/concepts.md section 8, one row per rule. */
class TemplateTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          ${deviceId}                          ; <deviceId>
          ${tags.room}                         ; <tags.room>
          Room ${tags.room}                    ; Room |<tags.room>
          ${tags.location.building}-${tags.location.floor} ; <tags.location.building>|-|<tags.location.floor>
          ${properties.reported.fw.version}    ; <properties.reported.fw.version>
          $${tags.room}                        ; ${tags.room}
          a$${b}${deviceId}c                   ; a${b}|<deviceId>|c
          ${tags.site-id_2:x}                  ; <tags.site-id_2:x>
          """)
  void parsesIntoTextAndPlaceholders(String text, String expected) throws QueryException {
    Template template = Template.parse(text.strip());
    List<String> parts =
        template.parts().stream()
            .map(p -> p instanceof Placeholder ph ? "<" + ph.source() + ">" : (String) p)
            .toList();
    assertThat(String.join("|", parts)).isEqualTo(expected.strip());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          abc${tags.room          | 4 | is not closed by '}'
          ${tag.room}             | 1 | unknown placeholder '${tag.room}'
          ${tags}                 | 1 | unknown placeholder '${tags}'
          ${properties.reported}  | 1 | unknown placeholder
          ${properties.desired.a} | 1 | unknown placeholder
          ${DEVICEID}             | 1 | unknown placeholder
          x ${ tags.a}            | 3 | unknown placeholder
          ${tags.}                | 1 | empty or malformed key
          ${tags..a}              | 1 | empty or malformed key
          ok ${tags.a b}          | 4 | empty or malformed key
          ${tags.a$b}             | 1 | empty or malformed key
          $${fine} ${              | 10 | is not closed by '}'
          """)
  void malformedPlaceholdersAreErrorsWithTheirColumn(String text, int column, String problem) {
    assertThatThrownBy(() -> Template.parse(text.strip()))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining(problem.strip())
        .hasMessageEndingWith("at column " + column)
        .satisfies(e -> assertThat(((QueryException) e).column()).isEqualTo(column));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          plain text      | false
          cost $5 {x}     | false
          $$ and {}       | false
          a ${tags.b}     | true
          $${             | true
          """)
  void onlyStringsWithDollarBraceAreTemplates(String text, boolean applies) {
    assertThat(Template.applies(text.strip())).isEqualTo(applies);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ${tags.threshold}    | true
          x${tags.threshold}   | false
          ${tags.a}${tags.b}   | false
          $${tags.a}           | false
          """)
  void aTemplateIsSingleWhenItIsExactlyOnePlaceholder(String text, boolean single)
      throws QueryException {
    assertThat(Template.parse(text.strip()).single() != null).isEqualTo(single);
  }
}

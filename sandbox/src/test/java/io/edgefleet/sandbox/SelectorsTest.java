package io.edgefleet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Label selectors, field selectors and the JSONPath of printer columns. */
class SelectorsTest {

  private static final JsonNode PROD =
      Json.parse(
          "{\"metadata\":{\"name\":\"a\",\"labels\":{\"env\":\"prod\",\"tier\":\"edge\"}},"
              + "\"involvedObject\":{\"name\":\"d1\"}}");
  private static final JsonNode BARE = Json.parse("{\"metadata\":{\"name\":\"b\"}}");

  @Test
  void labelSelectorsOfEveryKind() {
    assertThat(LabelSelector.parse("env=prod").matches(PROD)).isTrue();
    assertThat(LabelSelector.parse("env==prod,tier=edge").matches(PROD)).isTrue();
    assertThat(LabelSelector.parse("env!=prod").matches(PROD)).isFalse();
    assertThat(LabelSelector.parse("env!=prod").matches(BARE)).isTrue();
    assertThat(LabelSelector.parse("env in (test, prod)").matches(PROD)).isTrue();
    assertThat(LabelSelector.parse("env notin (prod)").matches(PROD)).isFalse();
    assertThat(LabelSelector.parse("env notin (prod)").matches(BARE)).isTrue();
    assertThat(LabelSelector.parse("env").matches(PROD)).isTrue();
    assertThat(LabelSelector.parse("!env").matches(PROD)).isFalse();
    assertThat(LabelSelector.parse("!env").matches(BARE)).isTrue();
    assertThat(LabelSelector.parse("").matches(BARE)).isTrue();
    assertThatThrownBy(() -> LabelSelector.parse("env in prod"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fieldSelectors() {
    assertThat(FieldSelector.parse("metadata.name=a").matches(PROD)).isTrue();
    assertThat(FieldSelector.parse("metadata.name!=a").matches(PROD)).isFalse();
    assertThat(FieldSelector.parse("involvedObject.name==d1,metadata.name=a").matches(PROD))
        .isTrue();
    assertThat(FieldSelector.parse("involvedObject.name=d1").matches(BARE)).isFalse();
    assertThatThrownBy(() -> FieldSelector.parse("metadata.name"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jsonPathOfPrinterColumns() {
    JsonNode o =
        Json.parse(
            "{\"spec\":{\"priority\":10,\"a.b\":1},\"status\":{\"layers\":[\"x\",\"y\"],"
                + "\"conditions\":[{\"type\":\"Synced\",\"status\":\"False\"},"
                + "{\"type\":\"Ready\",\"status\":\"True\",\"count\":3}]}}");
    assertThat(SimpleJsonPath.parse(".spec.priority").first(o).asInt()).isEqualTo(10);
    assertThat(SimpleJsonPath.parse("{.spec['a.b']}").first(o).asInt()).isEqualTo(1);
    assertThat(SimpleJsonPath.parse(".status.layers[1]").first(o).asText()).isEqualTo("y");
    assertThat(SimpleJsonPath.parse(".status.layers[-1]").first(o).asText()).isEqualTo("y");
    assertThat(SimpleJsonPath.parse(".status.layers[*]").evaluate(o)).hasSize(2);
    assertThat(
            SimpleJsonPath.parse(".status.conditions[?(@.type==\"Ready\")].status")
                .first(o)
                .asText())
        .isEqualTo("True");
    assertThat(SimpleJsonPath.parse(".status.conditions[?(@.count == 3)].type").first(o).asText())
        .isEqualTo("Ready");
    assertThat(SimpleJsonPath.parse(".status.conditions[?(@.count)].type").evaluate(o)).hasSize(1);
    assertThat(SimpleJsonPath.parse(".status.missing.deeper").first(o)).isNull();
    assertThatThrownBy(() -> SimpleJsonPath.parse(".status.conditions[?(@.type=='Ready'"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

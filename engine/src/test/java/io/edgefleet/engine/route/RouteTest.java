package io.edgefleet.engine.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.engine.query.MessageCondition;
import io.edgefleet.engine.query.MessageView;
import io.edgefleet.engine.query.QueryException;
import io.edgefleet.engine.query.Truth;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTest {

  /** A message with application and system properties and a JSON body. */
  record Message(Map<String, String> app, Map<String, String> sys, String json)
      implements MessageView {
    @Override
    public String applicationProperty(String name) {
      return app.get(name);
    }

    @Override
    public String systemProperty(String name) {
      return sys.get(name);
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode body() {
      try {
        return json == null ? null : new ObjectMapper().readTree(json);
      } catch (Exception e) {
        throw new IllegalArgumentException(e);
      }
    }
  }

  @Test
  void theConditionCanBeEvaluatedAgainstMessages() throws QueryException {
    Route route =
        RouteParser.parse(
            "FROM /messages/modules/filter/outputs/alerts"
                + " WHERE $body.temperature > 30 AND level = 'critical'"
                + " INTO BrokeredEndpoint(\"/modules/notifier/inputs/in\")");
    MessageCondition condition = route.condition().orElseThrow();
    Message hot = new Message(Map.of("level", "critical"), Map.of(), "{\"temperature\": 31}");
    Message cold = new Message(Map.of("level", "critical"), Map.of(), "{\"temperature\": 20}");
    Message noBody = new Message(Map.of("level", "critical"), Map.of(), null);
    assertThat(condition.evaluate(hot)).isEqualTo(Truth.TRUE);
    assertThat(condition.matches(cold)).isFalse();
    assertThat(condition.evaluate(noBody)).isEqualTo(Truth.UNDEFINED);
    assertThat(condition.text()).isEqualTo("$body.temperature > 30 AND level = 'critical'");
  }

  @Test
  void routesWithoutWhereHaveNoCondition() throws QueryException {
    assertThat(RouteParser.parse("FROM /messages/* INTO $upstream").condition()).isEmpty();
  }

  @Test
  void errorsInMultiLineRoutesGiveLineAndColumn() {
    QueryException e =
        catchThrowableOfType(
            QueryException.class,
            () -> RouteParser.parse("FROM /messages/*\nWHERE level = 'x'\n  INTO $nowhere"));
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(8);
    assertThat(e.getMessage()).endsWith("at line 3, column 8");
  }

  @Test
  void equalRoutesHaveEqualHashCodes() throws QueryException {
    Route a = RouteParser.parse("select * from /messages/* where a=1 into $upstream");
    Route b = RouteParser.parse("FROM /messages/* WHERE (a = 1) INTO $upstream");
    Route c = RouteParser.parse("FROM /messages/* WHERE a = 2 INTO $upstream");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    assertThat(a.toString()).isEqualTo("FROM /messages/* WHERE a=1 INTO $upstream");
  }
}

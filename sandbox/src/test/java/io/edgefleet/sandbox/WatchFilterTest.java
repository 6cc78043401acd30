package io.edgefleet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class WatchFilterTest {

  private static String event(String type, String name, int rv, String labels) {
    return "{\"type\":\""
        + type
        + "\",\"object\":{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
        + name
        + "\",\"resourceVersion\":\""
        + rv
        + "\",\"generation\":1,\"labels\":"
        + labels
        + "}}}";
  }

  @Test
  void replayedAdditionsAtOrBelowTheWatchedVersionAreDropped() {
    WatchFilter f =
        new WatchFilter(
            10,
            UnaryOperator.identity(),
            LabelSelector.everything(),
            FieldSelector.everything(),
            null);
    assertThat(f.apply(event("ADDED", "old", 9, "{}"))).isNull();
    assertThat(f.apply(event("ADDED", "same", 10, "{}"))).isNull();
    assertThat(f.apply(event("ADDED", "new", 11, "{}"))).isNotNull();
    assertThat(f.apply(event("MODIFIED", "old", 9, "{}"))).isNotNull();
    assertThat(f.apply(event("DELETED", "old", 9, "{}"))).isNotNull();
    WatchFilter everything =
        new WatchFilter(
            0,
            UnaryOperator.identity(),
            LabelSelector.everything(),
            FieldSelector.everything(),
            null);
    assertThat(everything.apply(event("ADDED", "old", 9, "{}"))).isNotNull();
  }

  @Test
  void selectorsPresentationAndTablesApply() {
    UnaryOperator<JsonNode> dropGeneration =
        o -> {
          ((com.fasterxml.jackson.databind.node.ObjectNode) o.path("metadata"))
              .remove("generation");
          return o;
        };
    WatchFilter f =
        new WatchFilter(
            0,
            dropGeneration,
            LabelSelector.parse("env in (prod)"),
            FieldSelector.parse("metadata.name!=skip"),
            o ->
                (com.fasterxml.jackson.databind.node.ObjectNode)
                    Json.parse("{\"kind\":\"Table\"}"));
    assertThat(f.apply(event("ADDED", "a", 1, "{\"env\":\"test\"}"))).isNull();
    assertThat(f.apply(event("ADDED", "skip", 1, "{\"env\":\"prod\"}"))).isNull();
    JsonNode out = Json.parse(f.apply(event("ADDED", "a", 1, "{\"env\":\"prod\"}")));
    assertThat(out.path("type").asText()).isEqualTo("ADDED");
    assertThat(out.path("object").path("kind").asText()).isEqualTo("Table");
    WatchFilter plain =
        new WatchFilter(
            0, dropGeneration, LabelSelector.everything(), FieldSelector.everything(), null);
    assertThat(
            Json.parse(plain.apply(event("ADDED", "a", 1, "{}")))
                .path("object")
                .path("metadata")
                .has("generation"))
        .isFalse();
  }
}

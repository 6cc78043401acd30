package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** What the dispatcher answers: a body, or a watch the HTTP layer streams. */
sealed interface Reply permits Reply.Body, Reply.Watch {

  /** A complete answer. */
  record Body(int code, String contentType, byte[] body, List<String> warnings) implements Reply {
    public Body {
      warnings = List.copyOf(warnings);
    }

    static Body json(int code, JsonNode node) {
      return new Body(code, "application/json", Json.bytes(node), List.of());
    }

    static Body json(int code, JsonNode node, List<String> warnings) {
      return new Body(code, "application/json", Json.bytes(node), warnings);
    }

    static Body text(int code, String text) {
      return new Body(
          code, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), List.of());
    }
  }

  /**
   * A watch: the store's listener, which sends every matching event, and the filter that turns them
   * into what the client asked for.
   *
   * @param listener the store's watch listener (sends {@code {"type", "object"}} events)
   * @param filter drops, rewrites or passes each event
   * @param timeout when the server ends the watch (the request's {@code timeoutSeconds}), or null
   */
  record Watch(WebSocketListener listener, WatchFilter filter, Duration timeout) implements Reply {}
}

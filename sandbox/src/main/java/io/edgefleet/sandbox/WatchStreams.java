package io.edgefleet.sandbox;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The two ways a watch reaches a client, both fed by the store's watch listener through a {@link
 * WatchFilter}: a WebSocket (what the fabric8 client opens) and a chunked HTTP response with one
 * JSON event per line (what kubectl and client-go read, e.g. {@code kubectl get -w}).
 */
final class WatchStreams {

  private WatchStreams() {}

  /** Wraps the store's listener so that every event it sends passes the filter. */
  static WebSocketListener filtered(WebSocketListener store, WatchFilter filter) {
    return new WebSocketListener() {
      private volatile WebSocket socket;

      private WebSocket wrap(WebSocket ws) {
        WebSocket s = socket;
        if (s == null) {
          s = new FilteringSocket(ws, filter);
          socket = s;
        }
        return s;
      }

      @Override
      public void onBeforeAccept(WebSocket webSocket, Response response) {
        store.onBeforeAccept(wrap(webSocket), response);
      }

      @Override
      public void onOpen(WebSocket webSocket, Response response) {
        store.onOpen(wrap(webSocket), response);
      }

      @Override
      public void onClosing(WebSocket webSocket, int code, String reason) {
        store.onClosing(wrap(webSocket), code, reason);
      }

      @Override
      public void onClosed(WebSocket webSocket, int code, String reason) {
        store.onClosed(wrap(webSocket), code, reason);
      }

      @Override
      public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        store.onFailure(wrap(webSocket), t, response);
      }
    };
  }

  private static final class FilteringSocket implements WebSocket {
    private final WebSocket delegate;
    private final WatchFilter filter;

    FilteringSocket(WebSocket delegate, WatchFilter filter) {
      this.delegate = delegate;
      this.filter = filter;
    }

    @Override
    public RecordedRequest request() {
      return delegate.request();
    }

    @Override
    public boolean send(String text) {
      String out = filter.apply(text);
      return out == null || delegate.send(out);
    }

    @Override
    public boolean send(byte[] bytes) {
      return send(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public boolean close(int code, String reason) {
      return delegate.close(code, reason);
    }
  }

  /** A chunked HTTP response that the store's listener writes events to, one per line. */
  static final class HttpSocket implements WebSocket {
    private final RecordedRequest request;
    private final HttpServerResponse response;
    private final Context context;
    private final AtomicBoolean closed = new AtomicBoolean();

    HttpSocket(RecordedRequest request, HttpServerResponse response, Context context) {
      this.request = request;
      this.response = response;
      this.context = context;
    }

    @Override
    public RecordedRequest request() {
      return request;
    }

    @Override
    public boolean send(String text) {
      if (closed.get()) {
        return false;
      }
      context.runOnContext(
          v -> {
            if (!closed.get() && !response.closed() && !response.ended()) {
              response.write(Buffer.buffer(text + "\n"));
            }
          });
      return true;
    }

    @Override
    public boolean send(byte[] bytes) {
      return send(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public boolean close(int code, String reason) {
      if (closed.compareAndSet(false, true)) {
        context.runOnContext(
            v -> {
              if (!response.closed() && !response.ended()) {
                response.end();
              }
            });
      }
      return true;
    }

    boolean isClosed() {
      return closed.get();
    }
  }
}

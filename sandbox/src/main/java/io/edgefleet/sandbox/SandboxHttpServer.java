package io.edgefleet.sandbox;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.vertx.ServerWebSocketHandler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the sandbox, on Vert.x (which the mock server brings): every request goes to the
 * dispatcher on a worker thread; watches are streamed over a WebSocket or a chunked response.
 * Unlike the mock server's own HTTP front it keeps no log of requests, so memory does not grow with
 * the number of requests served.
 */
final class SandboxHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxHttpServer.class);
  private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

  private final SandboxDispatcher dispatcher;
  private final Vertx vertx;
  private HttpServer server;

  SandboxHttpServer(SandboxDispatcher dispatcher) {
    this.dispatcher = dispatcher;
    this.vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(2)
                .setWorkerPoolSize(8)
                .setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
  }

  /** Listens; returns the port (a free one when {@code port} is 0). */
  int start(String host, int port, boolean tls) {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(host)
            .setPort(port)
            .setHttp2ClearTextEnabled(false)
            .setCompressionSupported(false)
            .setMaxWebSocketFrameSize(16 * 1024 * 1024)
            .setMaxWebSocketMessageSize(64 * 1024 * 1024);
    if (tls) {
      SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
      options.setSsl(true).setKeyCertOptions(cert.keyCertOptions());
    }
    server = vertx.createHttpServer(options).requestHandler(this::onRequest);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return server.actualPort();
  }

  private void onRequest(HttpServerRequest req) {
    String upgrade = req.getHeader(HttpHeaders.UPGRADE);
    if (upgrade != null && upgrade.equalsIgnoreCase("websocket")) {
      onWebSocket(req);
      return;
    }
    Context context = vertx.getOrCreateContext();
    req.body()
        .onFailure(e -> fail(req.response(), e))
        .onSuccess(
            body -> {
              String contentType = req.getHeader(HttpHeaders.CONTENT_TYPE);
              String text;
              if (contentType != null && contentType.startsWith(PROTOBUF)) {
                try {
                  text = Json.write(Protobuf.decode(body.getBytes()));
                  contentType = "application/json";
                } catch (IllegalArgumentException e) {
                  send(
                      req.response(),
                      Reply.Body.json(415, ApiError.unsupportedMediaType(e.getMessage()).status()));
                  return;
                }
              } else {
                text = body.toString(StandardCharsets.UTF_8);
              }
              HttpCall call =
                  HttpCall.of(
                      req.method().name(),
                      req.uri(),
                      req.getHeader(HttpHeaders.ACCEPT),
                      contentType,
                      text,
                      false);
              vertx
                  .executeBlocking(() -> dispatcher.handle(call), false)
                  .onComplete(
                      ar -> {
                        if (ar.failed()) {
                          fail(req.response(), ar.cause());
                        } else if (ar.result() instanceof Reply.Body b) {
                          LOG.debug("{} {} {}", req.method(), req.uri(), b.code());
                          send(req.response(), b);
                        } else if (ar.result() instanceof Reply.Watch w) {
                          streamOverHttp(req, w, context);
                        }
                      });
            });
  }

  private void onWebSocket(HttpServerRequest req) {
    HttpCall call = HttpCall.of("GET", req.uri(), req.getHeader(HttpHeaders.ACCEPT), "", "", false);
    Reply reply = dispatcher.handle(call);
    if (reply instanceof Reply.Body b) {
      send(req.response(), b);
      return;
    }
    Reply.Watch watch = (Reply.Watch) reply;
    WebSocketListener listener = WatchStreams.filtered(watch.listener(), watch.filter());
    MockResponse response = new MockResponse().withWebSocketUpgrade(listener);
    req.toWebSocket()
        .onFailure(
            e -> {
              LOG.debug("websocket upgrade failed", e);
              vertx.executeBlocking(
                  () -> {
                    watch.listener().onClosed(null, 1011, String.valueOf(e.getMessage()));
                    return null;
                  },
                  false);
            })
        .onSuccess(ws -> new ServerWebSocketHandler(recorded(req), response).handle(ws));
  }

  private void streamOverHttp(HttpServerRequest req, Reply.Watch watch, Context context) {
    HttpServerResponse response = req.response();
    response.setStatusCode(200);
    response.setChunked(true);
    response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    response.putHeader("Cache-Control", "no-cache, private");
    response.writeHead();
    WatchStreams.HttpSocket socket = new WatchStreams.HttpSocket(recorded(req), response, context);
    WebSocketListener listener = WatchStreams.filtered(watch.listener(), watch.filter());
    AtomicBoolean stopped = new AtomicBoolean();
    Runnable stop =
        () -> {
          if (!stopped.compareAndSet(false, true)) {
            return;
          }
          socket.close(1000, "");
          vertx.executeBlocking(
              () -> {
                listener.onClosed(socket, 1000, "");
                return null;
              },
              false);
        };
    response.closeHandler(v -> stop.run());
    response.exceptionHandler(e -> stop.run());
    if (watch.timeout() != null) {
      vertx.setTimer(watch.timeout().toMillis(), id -> stop.run());
    }
    vertx.executeBlocking(
        () -> {
          listener.onOpen(socket, new MockResponse());
          return null;
        },
        false);
  }

  private static void send(HttpServerResponse response, Reply.Body b) {
    if (response.closed() || response.ended()) {
      return;
    }
    response.setStatusCode(b.code());
    response.putHeader(HttpHeaders.CONTENT_TYPE, b.contentType());
    for (String w : b.warnings()) {
      response.headers().add("Warning", "299 - " + ApiError.quote(w));
    }
    response.end(Buffer.buffer(b.body()));
  }

  private static void fail(HttpServerResponse response, Throwable e) {
    LOG.warn("request failed", e);
    send(
        response, Reply.Body.json(500, ApiError.internal(String.valueOf(e.getMessage())).status()));
  }

  private static RecordedRequest recorded(HttpServerRequest req) {
    return new RecordedRequest(
        "HTTP/1.1",
        HttpMethod.GET,
        req.uri(),
        Headers.builder().build(),
        new io.fabric8.mockwebserver.http.Buffer());
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("closing the HTTP server failed", e);
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.debug("closing Vert.x failed", e);
      }
    }
  }
}

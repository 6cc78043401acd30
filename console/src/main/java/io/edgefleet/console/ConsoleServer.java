package io.edgefleet.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The web console's HTTP server (the JDK's {@code com.sun.net.httpserver}, as the operator's probes
 * use): server-rendered pages, a stylesheet and a script served from the jar (nothing from the
 * internet), and a server-sent events stream that tells live pages when the fleet changed. It only
 * reads: every page is computed from the {@link FleetReadModel}.
 */
public final class ConsoleServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ConsoleServer.class.getName());
  private static final int MAX_BODY = 512 * 1024;
  private static final int MAX_STREAMS = 16;
  private static final Map<String, String> STATIC_TYPES =
      Map.of(
          "console.css", "text/css; charset=utf-8",
          "console.js", "text/javascript; charset=utf-8");
  private static final String SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Pages pages;
  private final FleetReadModel model;
  private final Duration pollInterval;
  private final Semaphore streams = new Semaphore(MAX_STREAMS);
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param address the address to listen on (127.0.0.1 unless told otherwise)
   * @param port the port; 0 picks a free one
   * @param pollInterval how often the events stream looks for changes
   */
  public ConsoleServer(FleetReadModel model, String address, int port, Duration pollInterval) {
    this.model = model;
    this.pages = new Pages(model);
    this.pollInterval = pollInterval;
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("the console cannot listen on " + address + ":" + port, e);
    }
    executor =
        Executors.newFixedThreadPool(
            MAX_STREAMS + 4,
            r -> {
              Thread thread = new Thread(r, "edgefleet-console");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Starts serving. */
  public ConsoleServer start() {
    server.start();
    return this;
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The console's address, e.g. {@code http://127.0.0.1:8081/}. */
  public String url() {
    String host = server.getAddress().getHostString();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port() + "/";
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      if (!method.equals("GET") && !method.equals("POST") && !method.equals("HEAD")) {
        send(exchange, 405, "text/plain; charset=utf-8", "read-only console: GET and POST only");
        return;
      }
      if (path.equals("/")) {
        exchange.getResponseHeaders().set("Location", "/deployments");
        exchange.sendResponseHeaders(302, -1);
        return;
      }
      if (path.startsWith("/static/")) {
        serveStatic(exchange, path.substring("/static/".length()));
        return;
      }
      if (path.equals("/events")) {
        stream(exchange);
        return;
      }
      String body = method.equals("POST") ? readForm(exchange) : null;
      if (body == null && method.equals("POST")) {
        send(exchange, 413, "text/plain; charset=utf-8", "the form is larger than 512 KiB");
        return;
      }
      boolean fragment = "1".equals(exchange.getRequestHeaders().getFirst("X-Console-Fragment"));
      Request request =
          Request.of(method, path, exchange.getRequestURI().getRawQuery(), body, fragment);
      Pages.Response response = pages.respond(request);
      for (Map.Entry<String, String> header : response.headers().entrySet()) {
        exchange.getResponseHeaders().set(header.getKey(), header.getValue());
      }
      send(exchange, response.status(), response.contentType(), response.body());
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "console client went away", e);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "console page failed", e);
      try {
        send(exchange, 500, "text/plain; charset=utf-8", "internal error: " + e);
      } catch (IOException | RuntimeException ignored) {
        // headers were already sent
      }
    }
  }

  private static String readForm(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        return null;
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private void serveStatic(HttpExchange exchange, String name) throws IOException {
    String type = STATIC_TYPES.get(name);
    if (type == null) {
      send(exchange, 404, "text/plain; charset=utf-8", "no such file");
      return;
    }
    try (InputStream in = ConsoleServer.class.getResourceAsStream("static/" + name)) {
      if (in == null) {
        send(exchange, 404, "text/plain; charset=utf-8", "no such file");
        return;
      }
      exchange.getResponseHeaders().set("Cache-Control", "max-age=300");
      sendBytes(exchange, 200, type, in.readAllBytes());
    }
  }

  /**
   * Server-sent events: an event {@code change} whenever the fleet's {@link Revision} changes, and
   * a comment at every poll without a change, so that a page the browser left is noticed at once.
   * At most 16 streams at once.
   */
  private void stream(HttpExchange exchange) throws IOException {
    if (!streams.tryAcquire()) {
      send(exchange, 503, "text/plain; charset=utf-8", "too many live pages open");
      return;
    }
    try {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      long last = Revision.of(model);
      write(out, "retry: 2000\nevent: hello\ndata: " + last + "\n\n");
      while (!closed.get()) {
        Thread.sleep(pollInterval.toMillis());
        long now = Revision.of(model);
        if (now != last) {
          last = now;
          write(out, "event: change\ndata: " + now + "\n\n");
        } else {
          // a comment each poll: a page the browser left is noticed at the next write, so its
          // thread and stream slot are freed within a poll interval
          write(out, ":\n\n");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      streams.release();
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    sendBytes(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void sendBytes(HttpExchange exchange, int status, String type, byte[] bytes)
      throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", type);
    headers.set("Content-Security-Policy", SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    if (!headers.containsKey("Cache-Control")) {
      headers.set("Cache-Control", "no-store");
    }
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}

package io.edgefleet.operator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's admission webhook port (HTTPS, as the API server requires): {@code POST
 * /validate-edgedeployment} answers {@code AdmissionReview} requests with {@link
 * DeploymentWebhook}. The certificate and key are read at start from {@code tls.crt} and {@code
 * tls.key} in the certificate directory (the mounted Secret).
 */
public final class WebhookServer implements AutoCloseable {

  /** The path the ValidatingWebhookConfiguration calls. */
  public static final String PATH = "/validate-edgedeployment";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpsServer server;
  private final DeploymentWebhook webhook;

  /**
   * @param port the port; 0 picks a free one
   * @param certificateDirectory holds {@code tls.crt} and {@code tls.key}
   */
  public WebhookServer(int port, Path certificateDirectory, DeploymentWebhook webhook) {
    this.webhook = webhook;
    try {
      SSLContext tls =
          PemFiles.serverContext(
              certificateDirectory.resolve("tls.crt"), certificateDirectory.resolve("tls.key"));
      server = HttpsServer.create(new InetSocketAddress(port), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
    } catch (IOException e) {
      throw new UncheckedIOException("admission webhook: " + e.getMessage(), e);
    }
    server.createContext(PATH, this::handle);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread thread = new Thread(r, "edgefleet-webhook");
              thread.setDaemon(true);
              return thread;
            }));
  }

  /** Starts serving. */
  public void start() {
    server.start();
    LOG.info("admission webhook on port {} ({})", port(), PATH);
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "{\"error\":\"POST an AdmissionReview\"}");
        return;
      }
      JsonNode review;
      try {
        review = JSON.readTree(exchange.getRequestBody());
      } catch (IOException e) {
        respond(exchange, 400, "{\"error\":\"not JSON\"}");
        return;
      }
      respond(exchange, 200, JSON.writeValueAsString(webhook.review(review)));
    }
  }

  private static void respond(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

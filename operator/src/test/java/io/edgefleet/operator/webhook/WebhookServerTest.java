package io.edgefleet.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The webhook over HTTPS with certificates made by openssl in both key encodings Kubernetes tools
 * write (PKCS#8 as cert-manager can, PKCS#1 as Helm's genSignedCert does); the client trusts only
 * that certificate, as the API server trusts only the caBundle.
 */
class WebhookServerTest {

  @ParameterizedTest
  @ValueSource(strings = {"pkcs8", "pkcs1"})
  void answersAdmissionReviewsOverTls(String encoding, @TempDir Path dir) throws Exception {
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout",
        "key.pem",
        "-out",
        "tls.crt");
    if (encoding.equals("pkcs1")) {
      openssl(dir, "rsa", "-in", "key.pem", "-traditional", "-out", "tls.key");
      assertThat(Files.readString(dir.resolve("tls.key"))).startsWith("-----BEGIN RSA PRIVATE KEY");
    } else {
      Files.copy(dir.resolve("key.pem"), dir.resolve("tls.key"));
      assertThat(Files.readString(dir.resolve("tls.key"))).startsWith("-----BEGIN PRIVATE KEY");
    }
    DeploymentWebhook webhook =
        new DeploymentWebhook(new KubernetesSerialization(), namespace -> List.of());
    try (WebhookServer server = new WebhookServer(0, dir, webhook)) {
      server.start();
      HttpClient client =
          HttpClient.newBuilder().sslContext(trusting(dir.resolve("tls.crt"))).build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("https://localhost:" + server.port() + WebhookServer.PATH))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          DeploymentWebhookTest.review("CREATE", "tags.floor == 2").toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode review = new ObjectMapper().readTree(response.body());
      assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
      assertThat(review.path("response").path("allowed").asBoolean()).isFalse();
      assertThat(review.path("response").path("status").path("message").asText())
          .contains("'==' is not an operator");
    }
  }

  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry(
          "webhook", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isZero();
  }
}

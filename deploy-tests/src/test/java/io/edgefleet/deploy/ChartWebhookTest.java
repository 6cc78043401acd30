package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.operator.webhook.DeploymentWebhook;
import io.edgefleet.operator.webhook.WebhookServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's admission webhook: a ValidatingWebhookConfiguration for EdgeDeployment writes that
 * calls the operator through its Service, with a certificate the chart makes (or cert-manager
 * issues), which the operator can serve and the API server trusts.
 */
class ChartWebhookTest {

  @Test
  void theWebhookReviewsEdgeDeploymentWritesThroughItsService() {
    Rendered rendered = Helm.render();
    JsonNode webhook = rendered.one("ValidatingWebhookConfiguration").path("webhooks").get(0);
    assertThat(webhook.path("name").asText()).isEqualTo(DeploymentWebhook.NAME);
    assertThat(webhook.path("failurePolicy").asText()).isEqualTo("Ignore");
    assertThat(webhook.path("sideEffects").asText()).isEqualTo("None");
    assertThat(webhook.path("admissionReviewVersions").toString()).isEqualTo("[\"v1\"]");
    JsonNode rule = webhook.path("rules").get(0);
    assertThat(rule.path("resources").toString()).isEqualTo("[\"edgedeployments\"]");
    assertThat(rule.path("operations").toString()).isEqualTo("[\"CREATE\",\"UPDATE\"]");
    JsonNode service = webhook.path("clientConfig").path("service");
    assertThat(service.path("path").asText()).isEqualTo(WebhookServer.PATH);
    JsonNode target = rendered.named("Service", "-webhook");
    assertThat(service.path("name").asText())
        .isEqualTo(target.path("metadata").path("name").asText());
    assertThat(target.path("spec").path("ports").get(0).path("targetPort").asText())
        .isEqualTo("webhook");
    assertThat(rendered.env("EDGEFLEET_WEBHOOK_PORT")).isEqualTo("9443");
    JsonNode strict =
        Helm.render("webhook.failurePolicy=Fail").one("ValidatingWebhookConfiguration");
    assertThat(strict.path("webhooks").get(0).path("failurePolicy").asText()).isEqualTo("Fail");
  }

  @Test
  void theChartsCertificateIsServedByTheOperatorAndTrustedThroughTheCaBundle(@TempDir Path dir)
      throws Exception {
    Rendered rendered = Helm.render();
    JsonNode secret = rendered.one("Secret");
    assertThat(secret.path("type").asText()).isEqualTo("kubernetes.io/tls");
    Files.write(dir.resolve("tls.crt"), decode(secret.path("data").path("tls.crt")));
    Files.write(dir.resolve("tls.key"), decode(secret.path("data").path("tls.key")));
    byte[] caBundle =
        decode(
            rendered
                .one("ValidatingWebhookConfiguration")
                .path("webhooks")
                .get(0)
                .path("clientConfig")
                .path("caBundle"));
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    X509Certificate ca =
        (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(caBundle));
    X509Certificate served =
        (X509Certificate) x509.generateCertificate(Files.newInputStream(dir.resolve("tls.crt")));
    served.verify(ca.getPublicKey());
    List<String> names = new ArrayList<>();
    for (List<?> san : served.getSubjectAlternativeNames()) {
      names.add(String.valueOf(san.get(1)));
    }
    assertThat(names)
        .contains(
            Helm.RELEASE + "-edgefleet-webhook." + Helm.NAMESPACE + ".svc",
            Helm.RELEASE + "-edgefleet-webhook." + Helm.NAMESPACE + ".svc.cluster.local");

    try (WebhookServer server =
        new WebhookServer(
            0, dir, new DeploymentWebhook(new KubernetesSerialization(), namespace -> List.of()))) {
      server.start();
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      try (SSLSocket socket =
          (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port())) {
        socket.startHandshake(); // fails unless the chain leads to the caBundle
        assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(served);
      }
    }
  }

  @Test
  void certManagerIssuesTheCertificateWhenTheClusterServesIt() {
    Rendered rendered = Helm.render("webhook.certManager.enabled=true");
    assertThat(rendered.has("Secret")).isFalse();
    JsonNode certificate = rendered.one("Certificate");
    assertThat(certificate.path("spec").path("secretName").asText()).endsWith("-webhook-tls");
    assertThat(certificate.path("spec").path("privateKey").path("encoding").asText())
        .isEqualTo("PKCS8");
    assertThat(rendered.one("Issuer").path("spec").has("selfSigned")).isTrue();
    JsonNode configuration = rendered.one("ValidatingWebhookConfiguration");
    assertThat(
            configuration
                .path("metadata")
                .path("annotations")
                .path("cert-manager.io/inject-ca-from")
                .asText())
        .isEqualTo(Helm.NAMESPACE + "/" + certificate.path("metadata").path("name").asText());
    assertThat(configuration.path("webhooks").get(0).path("clientConfig").has("caBundle"))
        .isFalse();
  }

  @Test
  void theWebhookCanBeTurnedOff() {
    Rendered rendered = Helm.render("webhook.enabled=false");
    assertThat(rendered.has("ValidatingWebhookConfiguration")).isFalse();
    assertThat(rendered.has("Secret")).isFalse();
    assertThat(rendered.envNames()).doesNotContain("EDGEFLEET_WEBHOOK_PORT");
  }

  private static byte[] decode(JsonNode base64) {
    return Base64.getDecoder().decode(base64.asText());
  }
}

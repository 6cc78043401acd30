package io.edgefleet.operator.config;

import java.nio.file.Path;

/**
 * Where the admission webhook listens, read by {@link SettingsParser#webhook}.
 *
 * @param port the HTTPS port; -1 when there is no webhook
 * @param certificateDirectory holds {@code tls.crt} and {@code tls.key}
 */
public record WebhookSettings(int port, Path certificateDirectory) {

  /** Where the Helm chart mounts the webhook's certificate. */
  public static final String DEFAULT_CERT_DIR = "/etc/edgefleet/webhook";

  /** No webhook. */
  public static final WebhookSettings OFF = new WebhookSettings(-1, Path.of(DEFAULT_CERT_DIR));

  /** Whether the webhook is served. */
  public boolean enabled() {
    return port >= 0;
  }
}

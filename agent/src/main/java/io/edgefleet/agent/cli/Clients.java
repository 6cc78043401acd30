package io.edgefleet.agent.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kubernetes clients for the agent commands. */
final class Clients {

  private Clients() {}

  /**
   * A client from {@code kubeconfig}, or from the usual places (KUBECONFIG, ~/.kube/config, the
   * pod's service account) when it is null; requests carry {@code userAgent}.
   */
  static KubernetesClient connect(Path kubeconfig, String userAgent) {
    Config config;
    if (kubeconfig != null) {
      if (!Files.isReadable(kubeconfig)) {
        throw new IllegalArgumentException("cannot read kubeconfig " + kubeconfig);
      }
      config = Config.fromKubeconfig(new File(kubeconfig.toString()));
    } else {
      config = Config.autoConfigure(null);
    }
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(config).withUserAgent(userAgent).build())
        .build();
  }

  /**
   * The namespace to use: the option, else the client's (kubeconfig context or pod), else default.
   */
  static String namespace(String option, KubernetesClient client) {
    if (option != null && !option.isBlank()) {
      return option;
    }
    String fromConfig = client.getNamespace();
    return fromConfig == null || fromConfig.isBlank() ? "default" : fromConfig;
  }
}

package io.edgefleet.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How every command that talks to a cluster finds it and its namespace, as kubectl does: a
 * kubeconfig ({@code --kubeconfig}, else {@code KUBECONFIG}, {@code ~/.kube/config} or in-cluster),
 * one of its contexts ({@code --context}, else the current one), and the namespace given, else the
 * context's, else {@code default}.
 */
public final class KubeconfigClient {

  private KubeconfigClient() {}

  /**
   * A client for {@code context} of {@code kubeconfig} (nulls: the usual kubeconfig, its current
   * context); requests carry {@code userAgent}.
   *
   * @throws IllegalArgumentException when the kubeconfig cannot be read or has no such context
   */
  public static KubernetesClient connect(Path kubeconfig, String context, String userAgent) {
    Config config;
    if (kubeconfig != null) {
      if (!Files.isRegularFile(kubeconfig) || !Files.isReadable(kubeconfig)) {
        throw new IllegalArgumentException("cannot read kubeconfig " + kubeconfig);
      }
      config = Config.fromKubeconfig(context, new File(kubeconfig.toString()));
    } else {
      config = Config.autoConfigure(context);
    }
    if (context != null
        && (config.getCurrentContext() == null
            || !context.equals(config.getCurrentContext().getName()))) {
      throw new IllegalArgumentException("no context " + context + " in the kubeconfig");
    }
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(config).withUserAgent(userAgent).build())
        .build();
  }

  /** {@code given} when set, else the namespace of the client's context, else default. */
  public static String namespace(String given, KubernetesClient client) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    String fromConfig = client.getNamespace();
    return fromConfig == null || fromConfig.isBlank() ? "default" : fromConfig;
  }
}

package io.edgefleet.cli.rollout;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which cluster and namespace a command talks to, as kubectl's flags say it. */
public final class ClusterOptions {

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "The deployment's namespace (default: the kubeconfig context's, or default).")
  String namespace;

  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description = "Kubeconfig to use (default: KUBECONFIG, ~/.kube/config, or in-cluster).")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "The kubeconfig context to use (default: its current context).")
  String context;

  /** A client for the chosen cluster; requests carry {@code userAgent}. */
  KubernetesClient connect(String userAgent) {
    Config config;
    if (kubeconfig != null) {
      if (!Files.isReadable(kubeconfig)) {
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

  /** The namespace: the option, else the kubeconfig context's, else default. */
  String namespace(KubernetesClient client) {
    if (namespace != null && !namespace.isBlank()) {
      return namespace;
    }
    String fromConfig = client.getNamespace();
    return fromConfig == null || fromConfig.isBlank() ? "default" : fromConfig;
  }
}

package io.edgefleet.cli.rollout;

import io.edgefleet.cli.KubeconfigClient;
import io.fabric8.kubernetes.client.KubernetesClient;
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
    return KubeconfigClient.connect(kubeconfig, context, userAgent);
  }

  /** The namespace: the option, else the kubeconfig context's, else default. */
  String namespace(KubernetesClient client) {
    return KubeconfigClient.namespace(namespace, client);
  }
}

package io.edgefleet.cli.azure;

import io.edgefleet.cli.KubeconfigClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the export commands read from: files, or with --cluster a kubeconfig context, and a
 * namespace.
 */
final class ExportSourceOptions {

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description =
          "The namespace: of file objects that name none (default: default), or in the cluster"
              + " (default: the kubeconfig context's, or default).")
  String namespace;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "With --cluster: the kubeconfig to use (default: KUBECONFIG, ~/.kube/config, or"
              + " in-cluster).")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "With --cluster: the kubeconfig context to use (default: its current context).")
  String context;

  /** A client for the kubeconfig context. */
  KubernetesClient client() {
    return KubeconfigClient.connect(kubeconfig, context, "edgefleet-export");
  }

  /** The namespace in the cluster: the option, else the context's, else default. */
  String namespace(KubernetesClient client) {
    return KubeconfigClient.namespace(namespace, client);
  }

  /** The namespace of file objects that name none: the option, else default. */
  String filesNamespace() {
    return namespace == null || namespace.isBlank() ? "default" : namespace;
  }
}

package io.edgefleet.cli.azure;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the export commands read from: a namespace, and with --cluster a kubeconfig. */
final class ExportSourceOptions {

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "default",
      description =
          "Namespace in the cluster, and of file objects that name none. Default:"
              + " ${DEFAULT-VALUE}.")
  String namespace;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "With --cluster: the kubeconfig whose current context to read (default: KUBECONFIG or"
              + " ~/.kube/config).")
  Path kubeconfig;

  /** A client for the kubeconfig's current context. */
  KubernetesClient client() throws IOException {
    return ExportInputs.client(kubeconfig);
  }
}

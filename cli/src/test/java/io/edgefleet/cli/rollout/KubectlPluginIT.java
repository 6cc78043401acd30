package io.edgefleet.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.engine.rollout.Revisions;
import io.edgefleet.operator.rollout.RevisionHistory;
import io.edgefleet.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kubectl-edgefleet} launcher of the repository, found by kubectl on PATH (through a
 * symlink, as docs/cli.md installs it) and running the packaged edgefleet.jar against the sandbox.
 */
class KubectlPluginIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  record Result(int exit, String output) {}

  @Test
  void kubectlFindsThePluginOnPathAndRunsRolloutCommands(@TempDir Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("kubectl-edgefleet"), ROOT.resolve("kubectl-edgefleet"));
    try (SandboxApiServer server = SandboxApiServer.builder().build().start()) {
      KubernetesClient client = server.client();
      Path kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "campus");
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName("campus").endMetadata().build())
          .create();
      EdgeDeployment deployment =
          client
              .resource(
                  client
                      .getKubernetesSerialization()
                      .unmarshal(
                          "apiVersion: edgefleet.io/v1alpha1\n"
                              + "kind: EdgeDeployment\n"
                              + "metadata: {name: prod-base, namespace: campus}\n"
                              + "spec:\n"
                              + "  priority: 10\n"
                              + "  targetCondition: \"tags.environment='prod'\"\n"
                              + "  modules: {filter: {image: 'contoso.azurecr.io/filter:1.0'}}\n"
                              + "  rollout: {maxConcurrency: 2}\n",
                          EdgeDeployment.class))
              .create();
      String hash = Revisions.hash(deployment.getSpec());
      new RevisionHistory(client).record(deployment, hash, null);

      Result list = kubectl(dir, bin, kubeconfig, "plugin", "list");
      assertThat(list.output()).contains(bin.resolve("kubectl-edgefleet").toString());

      Result history =
          kubectl(dir, bin, kubeconfig, "edgefleet", "rollout", "history", "edep/prod-base");
      assertThat(history.exit()).as(history.output()).isZero();
      assertThat(history.output()).containsPattern("\\n1\\* +" + hash + " +- +<none>");

      Result pause =
          kubectl(
              dir,
              bin,
              kubeconfig,
              "edgefleet",
              "rollout",
              "pause",
              "edep/prod-base",
              "-n",
              "campus");
      assertThat(pause.exit()).as(pause.output()).isZero();
      assertThat(
              client
                  .resources(EdgeDeployment.class)
                  .inNamespace("campus")
                  .withName("prod-base")
                  .get()
                  .getSpec()
                  .getRollout()
                  .getPaused())
          .isTrue();

      Result bad = kubectl(dir, bin, kubeconfig, "edgefleet", "rollout", "status", "deploy/x");
      assertThat(bad.exit()).isEqualTo(2);
      assertThat(bad.output()).contains("expected NAME or edep/NAME");
    }
  }

  private static Result kubectl(Path dir, Path bin, Path kubeconfig, String... args)
      throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "kubectl";
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("KUBECACHEDIR", dir.resolve("kube-cache").toString());
    builder.environment().put("HOME", dir.toString());
    builder.environment().put("EDGEFLEET_JAR", ROOT.resolve("cli/target/edgefleet.jar").toString());
    builder.redirectErrorStream(true);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, "timed out");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}

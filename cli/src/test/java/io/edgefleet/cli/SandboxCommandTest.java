package io.edgefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgefleet.sandbox.ManifestApplier;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code edgefleet sandbox}: the server, the operator in-process and applied examples. */
class SandboxCommandTest {

  @Test
  void servesTheExamplesWithTheOperatorUntilStopped(@TempDir Path dir) throws Exception {
    Path kubeconfig = dir.resolve("sandbox.kubeconfig");
    SandboxCommand command =
        parse(
            "--kubeconfig",
            kubeconfig.toString(),
            "--with-operator",
            "--apply",
            examples("namespace.yaml"),
            examples("registry-secret.yaml"),
            examples("devices.yaml"),
            examples("deployments"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CountDownLatch stop = new CountDownLatch(1);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> run(command, new PrintStream(out, true, StandardCharsets.UTF_8), stop));
    try {
      waitFor(
          () -> out.toString(StandardCharsets.UTF_8).contains("Ctrl-C"), Duration.ofSeconds(60));
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(printed)
          .contains("namespace/campus created")
          .contains("edgedeployment/prod-base created")
          .contains("The EdgeFleet operator runs in this process")
          .contains("(namespace campus)")
          .contains("kubectl --kubeconfig " + kubeconfig + " get edgedevices")
          .doesNotContain("-n campus");
      // the context's namespace is the examples' one: kubectl needs no -n
      assertThat(Files.readString(kubeconfig)).contains("namespace: campus");
      Shell.Result kubectl =
          Shell.run(dir, "kubectl get edev -o name", kubeconfig, dir.resolve("kube-cache"));
      assertThat(kubectl.exit()).as(kubectl.output()).isZero();
      assertThat(kubectl.output())
          .contains("edgedevice.edgefleet.io/b20-f1-lobby")
          .contains("edgedevice.edgefleet.io/b40-spare-01");
      try (KubernetesClient client =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
              .build()) {
        assertThat(client.getNamespace()).isEqualTo("campus");
        waitFor(
            () -> {
              ConfigMap cm = client.configMaps().withName("edgefleet-b20-f1-lobby").get();
              return cm != null && cm.getData().get("manifest.json").contains("filter");
            },
            Duration.ofSeconds(60));
      }
    } finally {
      stop.countDown();
    }
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void theContextNamespaceIsTheAppliedObjectsOneUnlessGivenOrSeveral() {
    var namespace = new ManifestApplier.Applied("Namespace", null, "campus", "created", null);
    var device = new ManifestApplier.Applied("EdgeDevice", "campus", "d", "created", null);
    var other = new ManifestApplier.Applied("EdgeDevice", "lab", "e", "created", null);
    assertThat(SandboxCommand.contextNamespace(null, List.of(namespace, device)))
        .isEqualTo("campus");
    assertThat(SandboxCommand.contextNamespace(null, List.of(device, other))).isEqualTo("default");
    assertThat(SandboxCommand.contextNamespace(null, List.of())).isEqualTo("default");
    assertThat(SandboxCommand.contextNamespace("lab", List.of(device))).isEqualTo("lab");
  }

  @Test
  void aManifestTheServerRejectsStopsItWithTheApiServersMessage(@TempDir Path dir)
      throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        "apiVersion: edgefleet.io/v1alpha1\nkind: EdgeDeployment\nmetadata:\n  name: bad\n"
            + "spec:\n  priority: -1\n  targetCondition: '*'\n");
    SandboxCommand command =
        parse("--kubeconfig", dir.resolve("k").toString(), "--apply", bad.toString());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        command.run(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new CountDownLatch(1));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "EdgeDeployment.edgefleet.io \"bad\" is invalid: spec.priority: Invalid value: -1");
  }

  private static SandboxCommand parse(String... args) {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  private static int run(SandboxCommand command, PrintStream out, CountDownLatch stop) {
    try {
      return command.run(out, System.err, stop);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void waitFor(BooleanSupplier condition, Duration timeout) {
    await().atMost(timeout).until(condition::getAsBoolean);
  }

  private static String examples(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("examples"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("examples/ not found");
    }
    return dir.resolve("examples").resolve(name).toString();
  }
}

package io.edgefleet.cli.demo;

import io.edgefleet.operator.config.ConsoleSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgefleet demo}: the whole system on this machine, then the scenarios, each checked. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole system on this machine, no cluster needed: an embedded Kubernetes API server,"
          + " the campus example (examples/), the operator and a simulated agent per device; then"
          + " plays the scenarios of the IoT Edge documentation (raise a layer's priority, a"
          + " fallback, the sticky rule, a deletion, an invalid edit, a zero-module deployment),"
          + " checking each.",
      "Exit code 0 when every step converged as expected, 1 otherwise."
    })
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--examples",
      defaultValue = "examples",
      description = "The campus example directory. Default: ${DEFAULT-VALUE}.")
  Path examples;

  @Option(
      names = "--serve",
      description =
          "Keep the server, the operator and the agents running afterwards, with the campus put"
              + " back as examples/ has it, write a kubeconfig for kubectl, and serve the web console on 127.0.0.1 (its URL is printed; a free"
              + " port unless EDGEFLEET_CONSOLE_PORT is set).")
  boolean serve;

  @Option(
      names = "--kubeconfig",
      defaultValue = "edgefleet-demo.kubeconfig",
      description = "Where --serve writes the kubeconfig. Default: ${DEFAULT-VALUE}.")
  Path kubeconfig;

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "Port of the API server (0 picks a free one).")
  int port;

  @Option(
      names = "--timeout",
      defaultValue = "30s",
      description = "How long one step may take to converge. Default: ${DEFAULT-VALUE}.")
  String timeout;

  @Option(
      names = "--runtime",
      defaultValue = "simulated",
      description =
          "Where the devices' modules run: simulated (default) or docker (real containers on the"
              + " Docker engine at --docker-host; each step then also checks what docker ps shows).")
  String runtime;

  @Option(
      names = "--docker-host",
      paramLabel = "URL",
      description =
          "With --runtime docker: the engine (default: DOCKER_HOST, else the standard socket).")
  String dockerHost;

  @Option(
      names = "--fail-image",
      description =
          "Images whose modules fail to start on the simulated devices (glob), to show failed"
              + " devices and rollouts: those failures are the expected outcome (exit 0); exit 1"
              + " when no device fails, or when anything else goes wrong.")
  List<String> failImages = List.of();

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(examples)) {
      throw new IllegalArgumentException(
          examples + " is not a directory: run from the repository's top, or pass --examples DIR");
    }
    if (!runtime.equals("simulated") && !runtime.equals("docker")) {
      throw new IllegalArgumentException("--runtime is simulated or docker, not " + runtime);
    }
    ConsoleSettings console = ConsoleSettings.off();
    if (serve) {
      Map<String, String> env = new HashMap<>(System.getenv());
      env.putIfAbsent("EDGEFLEET_CONSOLE_PORT", "0");
      console = ConsoleSettings.parse(env);
    }
    Walkthrough walkthrough =
        new Walkthrough(
            examples,
            System.out,
            duration(timeout),
            failImages,
            runtime.equals("docker") ? (dockerHost == null ? "" : dockerHost) : null,
            console);
    try {
      int failures = walkthrough.run(port);
      if (serve) {
        failures += walkthrough.restore();
        Path file = walkthrough.server().writeKubeconfig(kubeconfig.toAbsolutePath(), Scenarios.NS);
        System.out.println();
        System.out.println("Serving. Try:");
        System.out.println("  kubectl --kubeconfig " + file + " get edgedeployments");
        System.out.println("  kubectl --kubeconfig " + file + " get edgedevices");
        System.out.println("  kubectl --kubeconfig " + file + " get configmaps");
        System.out.println("See docs/sandbox.md for what kubectl can do here.");
        walkthrough
            .operator()
            .consoleUrl()
            .ifPresent(
                url ->
                    System.out.println(
                        "Web console: " + url + "  (open it in a browser; docs/console.md)"));
        System.out.println("Ctrl-C stops.");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
      }
      return failures == 0 ? 0 : 1;
    } finally {
      walkthrough.close();
    }
  }

  private static Duration duration(String text) {
    String value = text.trim();
    if (value.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
    }
    if (value.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }
    if (value.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
    }
    throw new IllegalArgumentException("--timeout takes a duration such as 30s or 2m, not " + text);
  }
}

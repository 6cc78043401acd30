package io.edgefleet.cli;

import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.config.ConsoleSettings;
import io.edgefleet.operator.config.OperatorSettings;
import io.edgefleet.operator.config.SettingsParser;
import io.edgefleet.sandbox.ManifestApplier;
import io.edgefleet.sandbox.SandboxApiServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgefleet sandbox}: a Kubernetes-compatible API server on this machine, no cluster. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Runs an embedded, Kubernetes-compatible API server on this machine (no cluster needed),"
          + " with the EdgeFleet CRDs installed, and writes a kubeconfig for it so that kubectl"
          + " works against it. Optionally runs the operator in this process and applies"
          + " manifests. Runs until interrupted; everything is kept in memory.",
      "It is not a real API server: see docs/sandbox.md for what kubectl can and cannot do with"
          + " it."
    })
public final class SandboxCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "Port to listen on (127.0.0.1 only). Default: a free port.")
  int port;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      defaultValue = "edgefleet-sandbox.kubeconfig",
      description = "Where to write the kubeconfig. Default: ${DEFAULT-VALUE} (here).")
  Path kubeconfig;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description =
          "The kubeconfig context's namespace. Default: the namespace of the --apply objects when"
              + " they all share one (campus for examples/), else default.")
  String namespace;

  @Option(
      names = "--with-operator",
      description =
          "Also run the EdgeFleet operator in this process (EDGEFLEET_* settings apply; leader"
              + " election is off and the health port is a free one unless EDGEFLEET_HTTP_PORT"
              + " is set), with its web console on 127.0.0.1 (a free port unless"
              + " EDGEFLEET_CONSOLE_PORT is set).")
  boolean withOperator;

  @Option(
      names = "--apply",
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "Manifests to apply once the server runs (files or directories; namespaces first).")
  List<Path> apply = new ArrayList<>();

  @Option(
      names = "--tls",
      description =
          "Serve HTTPS with a self-signed certificate (the kubeconfig skips verification).")
  boolean tls;

  @Override
  public Integer call() throws InterruptedException {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.countDown();
                  try {
                    // let the operator and the server stop before the JVM exits
                    stopped.await(15, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "edgefleet-sandbox-stop"));
    try {
      return run(System.out, System.err, stop);
    } finally {
      stopped.countDown();
    }
  }

  /** Starts everything, prints how to use it, and waits for {@code stop}. */
  int run(PrintStream out, PrintStream err, CountDownLatch stop) throws InterruptedException {
    SandboxApiServer server = SandboxApiServer.builder().port(port).tls(tls).build();
    EdgeFleetOperator operator = null;
    try {
      server.start();
      if (withOperator) {
        operator =
            EdgeFleetOperator.create(
                server.client(), operatorSettings(), consoleSettings(), Clock.systemUTC());
        operator.start();
      }
      SandboxAdmission.register(server, operator);
      List<ManifestApplier.Applied> applied = List.of();
      if (!apply.isEmpty()) {
        try {
          applied = new ManifestApplier(server.client()).apply(apply);
        } catch (ManifestApplier.ApplyException e) {
          err.println("edgefleet sandbox: " + e.getMessage());
          return 1;
        }
      }
      String context = contextNamespace(namespace, applied);
      Path file = server.writeKubeconfig(kubeconfig, context);
      printUsage(out, server, operator, applied, file, context);
      stop.await();
      return 0;
    } finally {
      if (operator != null) {
        operator.close();
      }
      server.close();
    }
  }

  /** The console is on with the operator: a free port unless EDGEFLEET_CONSOLE_PORT says. */
  private static ConsoleSettings consoleSettings() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("EDGEFLEET_CONSOLE_PORT", "0");
    return ConsoleSettings.parse(env);
  }

  private OperatorSettings operatorSettings() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("EDGEFLEET_HTTP_PORT", "0");
    env.put("EDGEFLEET_LEADER_ELECTION", "false");
    return SettingsParser.parse(env);
  }

  private void printUsage(
      PrintStream out,
      SandboxApiServer server,
      EdgeFleetOperator operator,
      List<ManifestApplier.Applied> applied,
      Path file,
      String context) {
    out.println(
        "EdgeFleet sandbox: a Kubernetes-compatible API server at "
            + server.url()
            + " (in memory, for this machine only; not a real cluster: see docs/sandbox.md)");
    for (ManifestApplier.Applied a : applied) {
      out.println("  " + a);
    }
    if (operator != null) {
      out.println(
          "The EdgeFleet operator runs in this process (health and metrics on port "
              + operator.httpPort()
              + ").");
      operator
          .consoleUrl()
          .ifPresent(url -> out.println("Web console: " + url + "  (read-only; docs/console.md)"));
    }
    String k = "kubectl --kubeconfig " + shown(file);
    out.println();
    out.println("kubeconfig: " + file.toAbsolutePath() + " (namespace " + context + ")");
    String ns =
        namespacesOf(applied).stream()
            .filter(n -> !n.equals(context))
            .findFirst()
            .map(n -> " -n " + n)
            .orElse("");
    out.println("  " + k + ns + " get edgedeployments");
    out.println("  " + k + ns + " get edgedevices");
    out.println("  " + k + ns + " get configmaps");
    out.println("  " + k + " apply -f examples/namespace.yaml");
    out.println("  export KUBECONFIG=" + file.toAbsolutePath() + "   # then plain kubectl");
    out.println();
    out.println("Ctrl-C stops the server; what it stores goes with it.");
    out.flush();
  }

  /**
   * The kubeconfig context's namespace: {@code --namespace} when given, else the one namespace the
   * applied objects live in (so that kubectl finds them without {@code -n}), else {@code default}.
   */
  static String contextNamespace(String given, List<ManifestApplier.Applied> applied) {
    if (given != null) {
      return given;
    }
    Set<String> namespaces = namespacesOf(applied);
    return namespaces.size() == 1 ? namespaces.iterator().next() : "default";
  }

  /** The namespaces of the applied namespaced objects, in apply order. */
  private static Set<String> namespacesOf(List<ManifestApplier.Applied> applied) {
    Set<String> namespaces = new LinkedHashSet<>();
    for (ManifestApplier.Applied a : applied) {
      if (a.namespace() != null) {
        namespaces.add(a.namespace());
      }
    }
    return namespaces;
  }

  private static String shown(Path file) {
    Path cwd = Path.of("").toAbsolutePath();
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
  }
}

package io.edgefleet.agent.cli;

import io.edgefleet.agent.AgentOptions;
import io.edgefleet.agent.ReportedProperties;
import io.edgefleet.agent.StandaloneAgent;
import io.edgefleet.agent.runtime.ModuleRuntime;
import io.edgefleet.agent.runtime.SimulatedModuleRuntime;
import io.edgefleet.agent.runtime.docker.DockerModuleRuntime;
import io.edgefleet.agent.runtime.docker.DockerSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code edgefleet agent}: the reference device agent for one device, until stopped. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the reference device agent of one EdgeDevice: watches its ConfigMap and registry"
          + " Secret, validates and applies each new desired version to the device's Docker"
          + " engine (or, with --runtime simulated, to a simulated module runtime), and reports"
          + " status.reported (lastDesiredVersion, lastDesiredStatus, modules, and the --reported"
          + " properties).",
      "Needs only the rights 'edgefleet agent-rbac' prints. Stop with Ctrl-C: the modules keep"
          + " their state, a restarted agent reconciles to the current ConfigMap."
    })
public final class AgentCommand implements Callable<Integer> {

  @Option(names = "--device", required = true, description = "The EdgeDevice's name.")
  String device;

  @Option(
      names = "--namespace",
      description = "The EdgeDevice's namespace (default: the kubeconfig's, or default).")
  String namespace;

  @Option(
      names = "--reported",
      paramLabel = "KEY=VALUE",
      description =
          "A static reported property, e.g. devicemodel=4000x (repeatable; numbers and"
              + " true/false keep their type; a.b=c nests).")
  List<String> reported = List.of();

  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description = "Kubeconfig to use (default: KUBECONFIG, ~/.kube/config, or in-cluster).")
  Path kubeconfig;

  @Option(
      names = "--module-report-interval",
      converter = Durations.class,
      defaultValue = "5s",
      description =
          "Least time between two reports of module state changes alone (default"
              + " ${DEFAULT-VALUE}).")
  Duration moduleReportInterval;

  /** Where the modules run. */
  enum RuntimeKind {
    docker,
    simulated
  }

  @Option(
      names = "--runtime",
      defaultValue = "docker",
      description =
          "Where modules run: docker (containers of the device's Docker engine) or simulated"
              + " (default ${DEFAULT-VALUE}).")
  RuntimeKind runtime;

  @Option(
      names = "--docker-host",
      paramLabel = "URL",
      description =
          "The Docker engine: unix:///path or tcp://host:port (default: DOCKER_HOST, else"
              + " unix:///var/run/docker.sock).")
  String dockerHost;

  @Option(
      names = "--state-dir",
      paramLabel = "PATH",
      defaultValue = "/var/lib/edgefleet",
      description =
          "Where module twin files are kept and mounted from (default ${DEFAULT-VALUE}). An agent"
              + " that runs in a container must see it at the same path as the engine.")
  Path stateDir;

  @Option(
      names = "--run-edge-hub",
      description =
          "Also run the deployment's edgeHub module (off by default: Microsoft's edgeHub image"
              + " needs an IoT Hub). Its routes reach it as a twin file, as every module's twin.")
  boolean runEdgeHub;

  @Mixin SimulationOptions simulation;

  @Override
  public Integer call() throws InterruptedException {
    AgentOptions options =
        AgentOptions.defaults()
            .withReported(ReportedProperties.parse(reported))
            .withModuleReportInterval(moduleReportInterval)
            .withRunEdgeHub(runtime == RuntimeKind.simulated || runEdgeHub);
    KubernetesClient client = Clients.connect(kubeconfig, "edgefleet-agent/" + device);
    String ns = Clients.namespace(namespace, client);
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "edgefleet-modules");
              thread.setDaemon(true);
              return thread;
            });
    ModuleRuntime modules =
        switch (runtime) {
          case docker ->
              new DockerModuleRuntime(
                  ns,
                  device,
                  DockerSettings.defaults(dockerHost, stateDir),
                  scheduler,
                  Clock.systemUTC());
          case simulated ->
              new SimulatedModuleRuntime(
                  simulation.settings(Duration.ofMillis(200)),
                  scheduler,
                  Clock.systemUTC(),
                  simulation.seed);
        };
    StandaloneAgent agent = StandaloneAgent.start(client, ns, device, modules, options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  agent.close();
                  modules.close();
                  scheduler.shutdownNow();
                  client.close();
                  stopped.countDown();
                },
                "edgefleet-agent-shutdown"));
    stopped.await();
    return 0;
  }
}

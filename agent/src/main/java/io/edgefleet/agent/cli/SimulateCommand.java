package io.edgefleet.agent.cli;

import io.edgefleet.agent.AgentOptions;
import io.edgefleet.agent.fleet.Distributions;
import io.edgefleet.agent.fleet.FleetProgress;
import io.edgefleet.agent.fleet.FleetSettings;
import io.edgefleet.agent.fleet.SimulatedFleet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code edgefleet simulate}: a fleet of simulated devices and their agents in one process. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Creates N EdgeDevices (sim-00001, ...) with tags drawn from the given distributions, or"
          + " takes the namespace's existing ones, and runs one simulated agent per device in"
          + " this process, sharing one informer over the namespace's generated ConfigMaps and"
          + " one over its registry Secrets.",
      "Prints progress every second and a summary at the end. The devices stay when it ends."
    })
public final class SimulateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--devices", paramLabel = "N", description = "How many devices to create.")
  Integer devices;

  @Option(
      names = "--existing",
      description = "Run agents for the namespace's existing EdgeDevices instead.")
  boolean existing;

  @Option(
      names = "--namespace",
      description = "Namespace of the devices (default: the kubeconfig's, or default).")
  String namespace;

  @Option(
      names = "--tags",
      paramLabel = "SPEC",
      description =
          "Tag distributions, e.g. building=1..20,floor=1..5,roomtype=conference|office|lab"
              + " (repeatable; values are strings).")
  List<String> tags = List.of();

  @Option(
      names = "--reported",
      paramLabel = "SPEC",
      description =
          "Static reported properties per device, drawn the same way, e.g."
              + " devicemodel=4000x|3000x (repeatable; numbers and true/false keep their type).")
  List<String> reported = List.of();

  @Option(
      names = "--duration",
      defaultValue = "forever",
      description =
          "How long to run once every device exists: e.g. 60s, 10m, or forever (default"
              + " ${DEFAULT-VALUE}).")
  String duration;

  @Option(
      names = "--prefix",
      defaultValue = "sim-",
      description = "Name prefix of created devices (default ${DEFAULT-VALUE}).")
  String prefix;

  @Option(
      names = "--request-threads",
      defaultValue = "16",
      description = "Threads for device creation and status patches (default ${DEFAULT-VALUE}).")
  int requestThreads;

  @Option(
      names = "--module-report-interval",
      converter = Durations.class,
      defaultValue = "10s",
      description =
          "Least time between two reports of a device's module state changes alone (default"
              + " ${DEFAULT-VALUE}).")
  Duration moduleReportInterval;

  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description = "Kubeconfig to use (default: KUBECONFIG, ~/.kube/config, or in-cluster).")
  Path kubeconfig;

  @Mixin SimulationOptions simulation;

  @Override
  public Integer call() throws InterruptedException {
    if (existing == (devices != null)) {
      throw new ParameterException(
          spec.commandLine(), "give either --devices N or --existing (not both)");
    }
    Duration runFor = duration.equals("forever") ? null : Durations.parse(duration);
    KubernetesClient client = Clients.connect(kubeconfig, "edgefleet-simulate");
    FleetSettings settings =
        new FleetSettings(
            Clients.namespace(namespace, client),
            existing ? 0 : devices,
            existing,
            prefix,
            Distributions.parse(tags),
            Distributions.parse(reported),
            simulation.settings(Duration.ofMillis(50)),
            AgentOptions.defaults().withModuleReportInterval(moduleReportInterval).quiet(),
            simulation.seed,
            requestThreads);
    PrintWriter out = spec.commandLine().getOut();
    SimulatedFleet fleet = new SimulatedFleet(client, settings, Clock.systemUTC());
    CountDownLatch done = new CountDownLatch(1);
    AtomicBoolean summarized = new AtomicBoolean();
    Runnable finish =
        () -> {
          if (summarized.compareAndSet(false, true)) {
            FleetProgress last = fleet.progress();
            fleet.close();
            client.close();
            out.println(summary(last));
            out.flush();
          }
          done.countDown();
        };
    Thread hook = new Thread(finish, "edgefleet-simulate-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Thread ticker =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  Thread.sleep(1000);
                  out.println(fleet.progress().line());
                  out.flush();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "edgefleet-simulate-progress");
    ticker.setDaemon(true);
    ticker.start();
    fleet.start();
    if (runFor == null) {
      done.await();
    } else {
      done.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
      ticker.interrupt();
      finish.run();
      Runtime.getRuntime().removeShutdownHook(hook);
    }
    return 0;
  }

  static String summary(FleetProgress p) {
    Runtime rt = Runtime.getRuntime();
    long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
    StringBuilder codes = new StringBuilder();
    p.byCode()
        .forEach(
            (code, n) ->
                codes.append(codes.length() == 0 ? "" : ", ").append(code).append(": ").append(n));
    return String.format(
        "summary: %d devices (%d created or found), %d agents, %d with a configuration, %d"
            + " applied, %d failed%s, %d reported; %d status patches, %d failed requests;"
            + " %.1f s; heap in use %d MB",
        p.devices(),
        p.created(),
        p.agents(),
        p.configured(),
        p.applied(),
        p.failed(),
        codes.length() == 0 ? "" : " (by code " + codes + ")",
        p.reported(),
        p.patches(),
        p.errors(),
        p.elapsed().toMillis() / 1000.0,
        heapMb);
  }
}

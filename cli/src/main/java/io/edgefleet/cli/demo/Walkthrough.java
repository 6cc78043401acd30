package io.edgefleet.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.edgefleet.agent.AgentOptions;
import io.edgefleet.agent.fleet.Distributions;
import io.edgefleet.agent.fleet.FleetSettings;
import io.edgefleet.agent.fleet.SimulatedFleet;
import io.edgefleet.agent.runtime.FailureInjection;
import io.edgefleet.agent.runtime.SimulationSettings;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.cli.SandboxAdmission;
import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.config.ConsoleSettings;
import io.edgefleet.operator.config.SettingsParser;
import io.edgefleet.sandbox.ManifestApplier;
import io.edgefleet.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo: an embedded API server, the campus example, the operator and simulated agents, then the
 * source document's scenarios, each checked. Everything runs in this process.
 */
final class Walkthrough implements AutoCloseable {

  private final Path examples;
  private final PrintStream out;
  private final Duration timeout;
  private final List<String> failImages;
  private final String dockerHost;
  private final ConsoleSettings console;
  private final FailureInjection intended;
  private final Map<String, String> failedAsIntended = new TreeMap<>();
  private final long started = System.nanoTime();
  private DockerFleet dockerFleet;
  private SandboxApiServer server;
  private SandboxAdmission admission;
  private KubernetesClient client;
  private KubernetesClient operatorClient;
  private KubernetesClient fleetClient;
  private EdgeFleetOperator operator;
  private SimulatedFleet fleet;

  /**
   * @param dockerHost null for simulated agents; else the Docker engine the devices' agents run
   *     their modules on ("" for DOCKER_HOST or the standard socket)
   */
  Walkthrough(
      Path examples,
      PrintStream out,
      Duration timeout,
      List<String> failImages,
      String dockerHost,
      ConsoleSettings console) {
    this.console = console;
    this.examples = examples;
    this.out = out;
    this.timeout = timeout;
    this.failImages = failImages;
    this.intended = FailureInjection.images(failImages.toArray(String[]::new));
    this.dockerHost = dockerHost;
  }

  /** The operator, once started. */
  EdgeFleetOperator operator() {
    return operator;
  }

  /** The server, once started. */
  SandboxApiServer server() {
    return server;
  }

  /**
   * Runs the walkthrough.
   *
   * @return the number of steps whose expectations did not hold
   */
  int run(int port) throws Exception {
    int failures = start(port);
    failures += checkDockerPs(System.nanoTime(), "");
    int number = 0;
    for (Step step : Scenarios.all()) {
      number++;
      out.println();
      out.printf("%d. %s%n   $ %s%n", number, step.title(), step.change());
      FleetSnapshot before = snapshot();
      long changed = System.nanoTime();
      String answer = step.action().run(client, admission);
      if (answer != null) {
        for (String line : answer.split("\n")) {
          out.println("   " + line);
        }
      }
      List<String> open = await(before, step.expectation()::unmet);
      FleetSnapshot after = snapshot();
      Tables.beforeAfter(out, step.devices(), before, after);
      showIntendedFailures(after, step.devices(), "   ");
      for (FleetSnapshot.Deployment d : after.deployments().values()) {
        if ("False".equals(d.ready())) {
          out.printf("   %s is Ready=False, %s:%n", d.name(), d.readyReason());
          for (String line : d.readyMessage().split("\n")) {
            out.println("     " + line);
          }
        }
      }
      if (open.isEmpty()) {
        out.printf("   ok (%.1f s since start)%n", elapsed());
      } else {
        failures++;
        fail("step " + number + " did not converge", open);
      }
      failures += checkDockerPs(changed, "   ");
    }
    List<String> counts = await(snapshot(), Walkthrough::countsAgree);
    if (!counts.isEmpty()) {
      failures++;
      fail("deployment counts did not settle", counts);
    }
    out.println();
    Tables.print(out, snapshot());
    out.println();
    boolean noIntendedFailure = !failImages.isEmpty() && failedAsIntended.isEmpty();
    if (failures == 0) {
      out.printf(
          "All %d scenarios converged as expected in %.1f s.%n", Scenarios.all().size(), elapsed());
    } else {
      out.printf("%d step(s) did not converge as expected.%n", failures);
    }
    if (noIntendedFailure) {
      failures++;
      out.printf(
          "NOT AS EXPECTED: --fail-image %s made no device fail (no device ran a module whose"
              + " image matches).%n",
          String.join(" ", failImages));
    } else if (!failImages.isEmpty()) {
      out.printf(
          "%d device(s) failed, the expected outcome of --fail-image %s: %s.%n",
          failedAsIntended.size(),
          String.join(" ", failImages),
          String.join(", ", failedAsIntended.keySet()));
    }
    return failures;
  }

  /**
   * Shows the devices among {@code names} whose agent reports the failure {@code --fail-image} asks
   * for, as failures, and remembers them for the summary.
   */
  private void showIntendedFailures(FleetSnapshot now, List<String> names, String indent) {
    for (String name : names) {
      FleetSnapshot.Device device = now.device(name);
      if (device.intendedFailure() != null && device.reportsFailure()) {
        failedAsIntended.put(name, device.failure());
        out.printf("%sFAILED, as --fail-image asks: %s%n", indent, device.failure());
      }
    }
  }

  /**
   * Puts the campus back as examples/ has it, undoing what the walkthrough changed (specs edited, a
   * deployment deleted, one created), and waits until the fleet has converged on it again; says so
   * in one line, naming what it does not restore.
   *
   * @return 1 when the fleet did not converge on the examples again, otherwise 0
   */
  int restore() throws Exception {
    out.println();
    long changed = System.nanoTime();
    CampusRestore.Result restored =
        CampusRestore.restore(client, Scenarios.NS, List.of(campusManifests()));
    List<String> unmet = await(snapshot(), Scenarios::initial);
    if (unmet.isEmpty()) {
      unmet = await(snapshot(), Walkthrough::countsAgree);
    }
    if (!unmet.isEmpty()) {
      fail("the campus did not converge back to " + examples, unmet);
      return 1;
    }
    // the sticky rule: a device no deployment targets keeps what it last ran
    List<String> kept = new ArrayList<>();
    for (FleetSnapshot.Device device : snapshot().devices().values()) {
      if (!device.managed() && device.base() != null) {
        kept.add(device.name() + " keeps the configuration of " + device.base());
      }
    }
    say(
        "the campus is back to "
            + examples
            + " ("
            + restored.summary()
            + "); not restored: "
            + (kept.isEmpty()
                ? ""
                : String.join(", ", kept) + " (no deployment targets it: the sticky rule), ")
            + "the revision history and Events the walkthrough recorded"
            + " (edgefleet rollout history, kubectl get events)");
    return checkDockerPs(changed, "");
  }

  /**
   * With real containers: waits until {@code docker ps} shows, for every device, exactly the
   * modules its configuration has, running; says so (and when, after {@code changed}) or lists the
   * differences. Returns the number of failures (0 or 1).
   */
  private int checkDockerPs(long changed, String indent) throws InterruptedException {
    if (dockerFleet == null) {
      return 0;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> unmet;
    do {
      unmet = dockerFleet.mismatches(snapshot());
      if (!unmet.isEmpty()) {
        Thread.sleep(100);
      }
    } while (!unmet.isEmpty() && System.nanoTime() < deadline);
    if (unmet.isEmpty()) {
      int containers = dockerFleet.running().values().stream().mapToInt(Set::size).sum();
      out.printf(
          "%sdocker ps: %d module containers running, as each device's configuration says"
              + " (%.1f s after the change)%n",
          indent, containers, (System.nanoTime() - changed) / 1e9);
      return 0;
    }
    fail("docker ps does not show what the devices should run", unmet);
    return 1;
  }

  /** The images of the custom modules of the namespace's deployments. */
  private Set<String> moduleImages() {
    Set<String> images = new TreeSet<>();
    for (EdgeDeployment deployment :
        client.resources(EdgeDeployment.class).inNamespace(Scenarios.NS).list().getItems()) {
      if (deployment.getSpec() != null && deployment.getSpec().getModules() != null) {
        deployment.getSpec().getModules().values().forEach(m -> images.add(m.getImage()));
      }
    }
    return images;
  }

  /**
   * Starts the server, applies the campus, starts the operator and the device agents (simulated, or
   * running real containers on a Docker engine), and waits until the fleet has converged (what the
   * demo does before its scenarios; the console's browser tests start from here too).
   *
   * @return 1 when the campus did not converge, otherwise 0
   */
  int start(int port) throws Exception {
    quietLogs();
    out.println("EdgeFleet demo: the whole system on this machine, no cluster needed");
    out.println();
    if (dockerHost != null) {
      dockerFleet =
          DockerFleet.connect(
              Scenarios.NS,
              dockerHost.isEmpty() ? null : dockerHost,
              Files.createTempDirectory("edgefleet-demo-state"));
    }
    server = SandboxApiServer.builder().port(port).build().start();
    client = server.newClient();
    say("embedded Kubernetes API server on " + server.url() + " (EdgeFleet CRDs installed)");

    List<ManifestApplier.Applied> applied = server.apply(campusManifests());
    say("kubectl apply of " + examples + " (the campus): " + summary(applied));
    int reported = reportFromFiles();
    say("reported properties of " + reported + " devices patched in, as their agents report them");

    operatorClient = server.newClient();
    operator =
        EdgeFleetOperator.create(
            operatorClient,
            SettingsParser.parse(
                Map.of("EDGEFLEET_HTTP_PORT", "0", "EDGEFLEET_STATUS_INTERVAL", "500ms")),
            console,
            Clock.systemUTC());
    operator.start();
    say("operator started (" + "2 controllers, metrics on :" + operator.httpPort() + ")");
    admission = SandboxAdmission.register(server, operator);
    say("admission webhook registered: the API server refuses EdgeDeployments that do not parse");

    fleetClient = server.newClient();
    if (dockerFleet == null) {
      fleet = new SimulatedFleet(fleetClient, fleetSettings(), Clock.systemUTC());
      fleet.start();
      say("simulated device agents started for the " + fleet.devices().size() + " devices");
    } else {
      int built = dockerFleet.prepareImages(moduleImages());
      say(
          "Docker engine at "
              + dockerFleet.host()
              + ": "
              + built
              + " module images built offline (a static busybox, tagged with the examples'"
              + " image names)");
      dockerFleet.start(fleetClient, fleetSettings().agent().withRunEdgeHub(false));
      say("device agents started, running modules as containers <device>-<module> on that engine");
    }

    int failures = 0;
    FleetSnapshot start = snapshot();
    List<String> unmet = await(start, Scenarios::initial);
    if (unmet.isEmpty()) {
      say(
          failImages.isEmpty()
              ? "converged: every targeted device runs its configuration and its agent reports"
                  + " success"
              : "converged: every targeted device runs its configuration and its agent reports"
                  + " success, or the failure --fail-image asks for");
    } else {
      failures++;
      fail("the campus did not converge", unmet);
    }
    await(snapshot(), Walkthrough::countsAgree);
    FleetSnapshot converged = snapshot();
    showIntendedFailures(converged, List.copyOf(converged.devices().keySet()), "");
    out.println();
    Tables.print(out, converged);

    return failures;
  }

  /** The campus: the YAML files of examples/ and its deployments (not the Argo CD example). */
  private Path[] campusManifests() throws IOException {
    List<Path> paths = new ArrayList<>();
    try (var files = Files.list(examples)) {
      files
          .filter(p -> p.toString().endsWith(".yaml") && Files.isRegularFile(p))
          .sorted()
          .forEach(paths::add);
    }
    paths.add(examples.resolve("deployments"));
    return paths.toArray(Path[]::new);
  }

  /**
   * Keeps the terminal for the walkthrough: warnings only, unless EDGEFLEET_LOG_LEVEL says else.
   */
  private static void quietLogs() {
    if (System.getenv("EDGEFLEET_LOG_LEVEL") == null
        && LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
            instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  private FleetSettings fleetSettings() {
    // the rollout scenario's bad image fails on every device, besides the --fail-image ones
    List<String> failing = new ArrayList<>(failImages);
    failing.add(Scenarios.BROKEN_IMAGE);
    SimulationSettings simulation =
        SimulationSettings.defaults(Duration.ofMillis(100))
            .withFailures(FailureInjection.images(failing.toArray(String[]::new)));
    return new FleetSettings(
        Scenarios.NS,
        0,
        true,
        "sim-",
        Distributions.none(),
        Distributions.none(),
        simulation,
        new AgentOptions(
            null,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            false,
            true),
        1,
        8);
  }

  /**
   * Patches the status.reported that devices.yaml carries, as `kubectl patch --subresource=status`.
   */
  private int reportFromFiles() throws IOException {
    int count = 0;
    YAMLMapper yaml = new YAMLMapper();
    List<Path> files = List.of(campusManifests());
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try (var documents = yaml.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
        while (documents.hasNext()) {
          JsonNode document = documents.next();
          if (document == null
              || !"EdgeDevice".equals(document.path("kind").asText())
              || !document.path("status").has("reported")) {
            continue;
          }
          ObjectNode patch = yaml.createObjectNode();
          patch.putObject("status").set("reported", document.path("status").path("reported"));
          client
              .resources(EdgeDevice.class)
              .inNamespace(document.path("metadata").path("namespace").asText(Scenarios.NS))
              .withName(document.path("metadata").path("name").asText())
              .subresource("status")
              .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
          count++;
        }
      }
    }
    return count;
  }

  private List<String> await(FleetSnapshot before, Step.Expectation expectation)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> unmet;
    do {
      Thread.sleep(200);
      unmet = expectation.unmet(before, snapshot());
    } while (!unmet.isEmpty() && System.nanoTime() < deadline);
    return unmet;
  }

  /** Every deployment's applied and succeeded counts agree with what its devices say. */
  private static List<String> countsAgree(FleetSnapshot before, FleetSnapshot now) {
    List<String> unmet = new ArrayList<>();
    for (FleetSnapshot.Deployment deployment : now.deployments().values()) {
      long applied = 0;
      long succeeded = 0;
      for (FleetSnapshot.Device device : now.devices().values()) {
        // a device no deployment manages still names what it runs, but counts for none
        if (device.managed()
            && (deployment.name().equals(device.base())
                || device.layers().contains(deployment.name()))) {
          applied++;
          succeeded += device.reportsSuccess() ? 1 : 0;
        }
      }
      if (deployment.applied() != applied || deployment.succeeded() != succeeded) {
        unmet.add(
            deployment.name()
                + " shows applied "
                + deployment.applied()
                + " / succeeded "
                + deployment.succeeded()
                + ", its devices say "
                + applied
                + " / "
                + succeeded);
      }
    }
    return unmet;
  }

  private FleetSnapshot snapshot() {
    return FleetSnapshot.take(client, Scenarios.NS, intended);
  }

  private void say(String what) {
    out.printf("[%5.1fs] %s%n", elapsed(), what);
  }

  private void fail(String what, List<String> unmet) {
    out.println("   NOT CONVERGED: " + what + ":");
    unmet.forEach(u -> out.println("     - " + u));
  }

  private double elapsed() {
    return (System.nanoTime() - started) / 1e9;
  }

  private static String summary(List<ManifestApplier.Applied> applied) {
    Map<String, Integer> kinds = new TreeMap<>();
    applied.forEach(a -> kinds.merge(a.kind(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    kinds.forEach((kind, n) -> parts.add(n + " " + kind));
    return String.join(", ", parts);
  }

  @Override
  public void close() {
    if (fleet != null) {
      fleet.close();
    }
    if (dockerFleet != null) {
      dockerFleet.stopAgents();
      int removed = dockerFleet.removeContainers();
      out.printf("removed the demo's %d containers from the Docker engine%n", removed);
      dockerFleet.close();
    }
    if (operator != null) {
      operator.close();
    }
    for (KubernetesClient c : new KubernetesClient[] {fleetClient, operatorClient, client}) {
      if (c != null) {
        c.close();
      }
    }
    if (server != null) {
      server.close();
    }
  }
}

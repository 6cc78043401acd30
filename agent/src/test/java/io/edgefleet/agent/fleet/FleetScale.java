package io.edgefleet.agent.fleet;

import io.edgefleet.agent.AgentOptions;
import io.edgefleet.agent.runtime.FailureInjection;
import io.edgefleet.agent.runtime.SimulationSettings;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;
import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.config.SettingsParser;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: measures a simulated fleet of N devices on this machine, in one JVM with the mock API
 * server and the real operator. Run with {@code scripts/fleet-scale 10000}.
 *
 * <p>It prints the fleet's progress every 5 s, the time until the deployment counts every device as
 * succeeded, the time until a new deployment version has reached every device again, and the heap
 * in use with and without the fleet.
 */
public final class FleetScale {

  private FleetScale() {}

  public static void main(String[] args) throws Exception {
    QuietMockServer.install();
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    String ns = "scale";
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesMixedDispatcher(new HashMap<>()),
            false);
    server.init();
    Thread drainer =
        new Thread(
            () -> {
              // the mock keeps every request it received; drop them so they are not measured
              try {
                while (true) {
                  server.takeRequest(1, TimeUnit.SECONDS);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "drain-mock-requests");
    drainer.setDaemon(true);
    drainer.start();
    KubernetesClient client = server.createClient();
    EdgeFleetOperator operator =
        EdgeFleetOperator.create(
            client, SettingsParser.parse(Map.of("EDGEFLEET_HTTP_PORT", "0")), Clock.systemUTC());
    operator.start();
    client
        .resource(
            Fixtures.deployment(ns, "base")
                .module("sensor", "mcr.microsoft.com/azureiotedge-simulated-temperature-sensor:1.5")
                .module("filter", "contoso.azurecr.io/filter:1.0", 1L, null)
                .route("sensorToFilter", "FROM /messages/modules/sensor/* INTO $upstream")
                .build())
        .create();
    System.out.printf("heap with the mock and the operator: %d MB%n", heapAfterGc());

    FleetSettings settings =
        new FleetSettings(
            ns,
            devices,
            false,
            "sim-",
            Distributions.parse(
                List.of(
                    "building=1..20,floor=1..5,roomtype=conference|office|lab,environment=prod|test")),
            Distributions.parse(List.of("devicemodel=4000x|3000x")),
            SimulationSettings.defaults(Duration.ofMillis(50))
                .withFailures(FailureInjection.none()),
            AgentOptions.defaults().withModuleReportInterval(Duration.ofSeconds(10)).quiet(),
            1,
            16);
    long start = System.nanoTime();
    SimulatedFleet fleet = new SimulatedFleet(client, settings, Clock.systemUTC());
    Thread ticker = ticker(fleet, client, ns);
    fleet.start();
    System.out.printf("%d devices created in %.1f s%n", devices, seconds(start));
    waitForSucceeded(client, ns, devices, null);
    System.out.printf("reportedSuccessfulCount = %d after %.1f s%n", devices, seconds(start));
    System.out.printf("heap with mock, operator and fleet: %d MB%n", heapAfterGc());

    String firstVersion = fleet.agent(settings.deviceName(1)).reportedVersion();
    long update = System.nanoTime();
    client
        .resources(EdgeDeployment.class)
        .inNamespace(ns)
        .withName("base")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"modules\":{\"filter\":{\"image\":\"contoso.azurecr.io/filter:1.1\"}}}}");
    while (!everyAgentReportsANewVersion(fleet, firstVersion)) {
      Thread.sleep(250);
    }
    waitForSucceeded(client, ns, devices, null);
    System.out.printf(
        "new version applied and reported by every device after %.1f s%n", seconds(update));
    System.out.println(fleet.progress().line());
    ticker.interrupt();
    fleet.close();
    fleet = null;
    System.out.printf("heap after the fleet stopped (mock and operator): %d MB%n", heapAfterGc());
    System.out.printf(
        "peak heap %d MB, process CPU time %.1f s%n",
        ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum()
            / (1024 * 1024),
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime()
            / 1e9);
    operator.close();
    client.close();
    server.destroy();
    System.exit(0);
  }

  private static void waitForSucceeded(
      KubernetesClient client, String ns, int devices, Long afterGeneration)
      throws InterruptedException {
    while (true) {
      EdgeDeployment deployment =
          client.resources(EdgeDeployment.class).inNamespace(ns).withName("base").get();
      EdgeDeploymentStatus status = deployment.getStatus();
      boolean current =
          afterGeneration == null
              || (status != null && afterGeneration.equals(status.getObservedGeneration()));
      if (current
          && status != null
          && status.getReportedSuccessfulCount() != null
          && status.getReportedSuccessfulCount() == devices) {
        return;
      }
      Thread.sleep(250);
    }
  }

  private static boolean everyAgentReportsANewVersion(SimulatedFleet fleet, String old) {
    for (String device : fleet.devices()) {
      var agent = fleet.agent(device);
      if (old.equals(agent.reportedVersion()) || !agent.reportSynced()) {
        return false;
      }
    }
    return true;
  }

  private static Thread ticker(SimulatedFleet fleet, KubernetesClient client, String ns) {
    Thread ticker =
        new Thread(
            () -> {
              try {
                while (true) {
                  Thread.sleep(5000);
                  EdgeDeployment d =
                      client.resources(EdgeDeployment.class).inNamespace(ns).withName("base").get();
                  EdgeDeploymentStatus s = d.getStatus();
                  System.out.println(
                      fleet.progress().line()
                          + (s == null
                              ? ""
                              : "  | deployment: applied "
                                  + s.getAppliedCount()
                                  + ", succeeded "
                                  + s.getReportedSuccessfulCount()));
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "ticker");
    ticker.setDaemon(true);
    ticker.start();
    return ticker;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
  }
}

package io.edgefleet.agent.fleet;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.config.SettingsParser;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: a stand-in cluster for trying the commands by hand. Starts the mock API server (plain
 * HTTP) and the operator, creates the campus deployments below in {@code campus}, writes a
 * kubeconfig, and prints the deployments' counts every 5 s until killed:
 *
 * <pre>
 * java -cp ... io.edgefleet.agent.fleet.MockClusterMain /tmp/mock.kubeconfig &amp;
 * ./edgefleet simulate --kubeconfig /tmp/mock.kubeconfig --namespace campus --devices 200 ...
 * </pre>
 */
public final class MockClusterMain {

  private MockClusterMain() {}

  public static void main(String[] args) throws Exception {
    QuietMockServer.install();
    Path kubeconfig = Path.of(args.length > 0 ? args[0] : "mock.kubeconfig");
    String ns = "campus";
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
              try {
                while (true) {
                  server.takeRequest(1, TimeUnit.SECONDS);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    drainer.setDaemon(true);
    drainer.start();
    KubernetesClient client = server.createClient();
    EdgeFleetOperator operator =
        EdgeFleetOperator.create(
            client, SettingsParser.parse(Map.of("EDGEFLEET_HTTP_PORT", "0")), Clock.systemUTC());
    operator.start();
    client
        .resource(
            Fixtures.deployment(ns, "campus-base")
                .module("sensor", "mcr.microsoft.com/azureiotedge-simulated-temperature-sensor:1.5")
                .module("filter", "contoso.azurecr.io/filter:1.0", 1L, null)
                .metric(
                    "model4000x",
                    "SELECT deviceId FROM devices WHERE properties.reported.devicemodel='4000x'")
                .build())
        .create();
    EdgeDeployment pilot =
        Fixtures.deployment(ns, "floor1-filter-pilot")
            .target("tags.floor='1'")
            .priority(20)
            .module("filter", "contoso.azurecr.io/filter:2.0", 1L, null)
            .build();
    pilot.getSpec().setLayered(true);
    client.resource(pilot).create();
    String url = client.getConfiguration().getMasterUrl();
    Files.writeString(
        kubeconfig,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: mock",
            "  cluster:",
            "    server: " + url,
            "contexts:",
            "- name: mock",
            "  context:",
            "    cluster: mock",
            "    user: mock",
            "    namespace: " + ns,
            "current-context: mock",
            "users:",
            "- name: mock",
            "  user:",
            "    token: mock",
            ""));
    System.out.println("mock cluster at " + url + ", kubeconfig " + kubeconfig);
    while (true) {
      Thread.sleep(5000);
      for (EdgeDeployment d :
          client.resources(EdgeDeployment.class).inNamespace(ns).list().getItems()) {
        var s = d.getStatus();
        if (s != null) {
          System.out.printf(
              "%s: targeted %s applied %s succeeded %s failed %s metrics %s%n",
              d.getMetadata().getName(),
              s.getTargetedCount(),
              s.getAppliedCount(),
              s.getReportedSuccessfulCount(),
              s.getReportedFailedCount(),
              s.getMetrics());
        }
      }
    }
  }
}

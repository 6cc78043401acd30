package io.edgefleet.benchmarks.fleet;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.config.SettingsParser;
import io.edgefleet.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The operator's heap per managed device: the heap with a converged operator minus the heap once it
 * is stopped (the API server's own copy of every object stays in both), after full GCs.
 */
final class MemoryRun {

  private final int devices;
  private final int threads;

  MemoryRun(int devices, int threads) {
    this.devices = devices;
    this.threads = threads;
  }

  /** Bytes of operator heap per device. */
  Map<String, Object> run() throws Exception {
    try (SandboxApiServer server = SandboxApiServer.builder().build().start()) {
      KubernetesClient client = server.newClient();
      client
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(FleetRun.NS).endMetadata().build())
          .create();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      for (int i = 1; i <= devices; i++) {
        int index = i;
        pool.submit(() -> client.resource(FleetRun.device(FleetRun.NS, index)).create());
      }
      pool.shutdown();
      pool.awaitTermination(30, TimeUnit.MINUTES);
      client.resource(deployment()).create();

      Map<String, String> env = new LinkedHashMap<>();
      env.put("EDGEFLEET_HTTP_PORT", "0");
      env.put("EDGEFLEET_RECONCILE_THREADS", Integer.toString(threads));
      env.put("EDGEFLEET_WATCH_NAMESPACES", FleetRun.NS);
      KubernetesClient operatorClient = server.newClient();
      EdgeFleetOperator operator =
          EdgeFleetOperator.create(operatorClient, SettingsParser.parse(env), Clock.systemUTC());
      long started = System.nanoTime();
      operator.start();
      while (server.requestCounts().count("create", "configmaps") < devices) {
        Thread.sleep(50);
      }
      double converged = (System.nanoTime() - started) / 1e9;
      Thread.sleep(3000);
      long with = usedHeapAfterGc();
      operator.close();
      operatorClient.close();
      Thread.sleep(1000);
      long without = usedHeapAfterGc();
      client.close();
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("devices", devices);
      result.put("convergeSeconds", converged);
      result.put("operatorHeapBytes", with - without);
      result.put("bytesPerDevice", (with - without) / devices);
      return result;
    }
  }

  static long usedHeapAfterGc() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }

  private static EdgeDeployment deployment() {
    EdgeDeployment deployment = new EdgeDeployment();
    deployment.setMetadata(
        new ObjectMetaBuilder().withName("all").withNamespace(FleetRun.NS).build());
    EdgeDeploymentSpec spec = new EdgeDeploymentSpec();
    spec.setPriority(1);
    spec.setTargetCondition("*");
    EdgeModule module = new EdgeModule();
    module.setImage("registry.example.com/sensor:1");
    spec.setModules(Map.of("sensor", module));
    deployment.setSpec(spec);
    return deployment;
  }
}

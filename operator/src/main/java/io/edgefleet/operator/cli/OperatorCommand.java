package io.edgefleet.operator.cli;

import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.config.ConsoleSettings;
import io.edgefleet.operator.config.OperatorSettings;
import io.edgefleet.operator.config.SettingsParser;
import io.edgefleet.operator.config.WebhookSettings;
import io.edgefleet.operator.webhook.WebhookServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgefleet operator}: runs the controllers against the current cluster. */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the EdgeFleet operator against the cluster of the current kubeconfig, or the in-cluster"
          + " service account.",
      "Settings come from EDGEFLEET_* environment variables (see docs/operations.md); the options"
          + " below override them."
    })
public final class OperatorCommand implements Callable<Integer> {

  @Option(
      names = "--namespace",
      split = ",",
      description = "Namespaces to watch (default: EDGEFLEET_WATCH_NAMESPACES, or all).")
  List<String> namespaces;

  @Option(names = "--http-port", description = "Port of /healthz, /readyz and /metrics.")
  Integer httpPort;

  @Override
  public Integer call() throws InterruptedException {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    OperatorSettings settings = settings();
    WebhookSettings webhookSettings = SettingsParser.webhook(System.getenv());
    ConsoleSettings console = ConsoleSettings.parse(System.getenv());
    KubernetesClient client = new KubernetesClientBuilder().build();
    EdgeFleetOperator operator =
        EdgeFleetOperator.create(client, settings, console, Clock.systemUTC());
    WebhookServer webhook =
        webhookSettings.enabled()
            ? new WebhookServer(
                webhookSettings.port(),
                webhookSettings.certificateDirectory(),
                operator.deploymentWebhook())
            : null;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (webhook != null) {
                    webhook.close();
                  }
                  operator.close();
                  client.close();
                  stopped.countDown();
                },
                "edgefleet-shutdown"));
    if (webhook != null) {
      // served before the controllers start, and by standby replicas too: admission must not
      // wait for a leader
      webhook.start();
    }
    operator.start();
    stopped.await();
    return 0;
  }

  private OperatorSettings settings() {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (namespaces != null) {
      env.put("EDGEFLEET_WATCH_NAMESPACES", String.join(",", new LinkedHashSet<>(namespaces)));
    }
    if (httpPort != null) {
      env.put("EDGEFLEET_HTTP_PORT", httpPort.toString());
    }
    return SettingsParser.parse(env);
  }
}

package io.edgefleet.agent.docker;

import io.edgefleet.agent.AgentOptions;
import io.edgefleet.agent.StandaloneAgent;
import io.edgefleet.agent.runtime.docker.DockerModuleRuntime;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * One device's agent with the Docker runtime in a process of its own, so that a test can kill it
 * with SIGKILL: {@code AgentProcess <api-url> <namespace> <device> <docker-host> <state-dir>
 * <container-prefix>}.
 */
public final class AgentProcess {

  private AgentProcess() {}

  public static void main(String[] args) throws InterruptedException {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl(args[0])
                    .withTrustCerts(true)
                    .withNamespace(args[1])
                    .build())
            .build();
    DockerModuleRuntime runtime =
        new DockerModuleRuntime(
            args[1],
            args[2],
            DockerAgentEndToEndIT.settings(args[3], Path.of(args[4]), args[5]),
            Executors.newSingleThreadScheduledExecutor(),
            Clock.systemUTC());
    StandaloneAgent.start(
        client,
        args[1],
        args[2],
        runtime,
        AgentOptions.defaults()
            .withModuleReportInterval(Duration.ofMillis(200))
            .withRuntimeRetry(Duration.ofMillis(500))
            .withRunEdgeHub(false));
    new CountDownLatch(1).await();
  }
}

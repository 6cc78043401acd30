package io.edgefleet.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.time.Duration;

/**
 * A client of the Docker engine at a docker host, and the HTTP client under it (close that one to
 * let go of the connection): made the same way by the agent's runtime and the demo.
 */
public record EngineClient(DockerHttpClient http, DockerClient docker) {

  /** A client of the engine at {@code settings.dockerHost()}; connecting gives up after 5 s. */
  public static EngineClient of(DockerSettings settings) {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(settings.dockerHost().toString())
            .withDockerTlsVerify(false)
            .build();
    DockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .connectionTimeout(Duration.ofSeconds(5))
            .build();
    return new EngineClient(http, DockerClientImpl.getInstance(config, http));
  }
}

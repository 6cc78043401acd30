package io.edgefleet.agent.runtime.docker;

import io.edgefleet.agent.runtime.RestartRules;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@link DockerModuleRuntime} reaches its engine and behaves.
 *
 * @param dockerHost the engine's address: {@code unix:///var/run/docker.sock} or {@code
 *     tcp://host:2375}
 * @param stateDir where twin files live ({@code <stateDir>/<namespace>/<device>/...}); an agent
 *     that runs in a container must see it at the same path as the engine does
 * @param containerPrefix put before each module's name to make its container's name (empty: the
 *     module's name, as IoT Edge does)
 * @param restarts the restart policies' backoff
 * @param stopTimeout how long a module has to stop after SIGTERM before it is killed
 * @param reconnect the wait before reconnecting to the engine's event stream after it dropped
 */
public record DockerSettings(
    URI dockerHost,
    Path stateDir,
    String containerPrefix,
    RestartRules restarts,
    Duration stopTimeout,
    Duration reconnect) {

  /** The standard unix socket of a Docker engine. */
  public static final URI DEFAULT_HOST = URI.create("unix:///var/run/docker.sock");

  /** The default state folder. */
  public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/edgefleet");

  public DockerSettings {
    containerPrefix = containerPrefix == null ? "" : containerPrefix;
    String scheme = dockerHost.getScheme();
    if (!"unix".equals(scheme) && !"tcp".equals(scheme)) {
      throw new IllegalArgumentException(
          "the Docker host must be unix:///path or tcp://host:port, not " + dockerHost);
    }
  }

  /**
   * IoT Edge's restart backoff, a 10 s stop timeout, reconnecting every 2 s; the engine at {@code
   * dockerHost} (null: {@code DOCKER_HOST}, else the standard unix socket).
   */
  public static DockerSettings defaults(String dockerHost, Path stateDir) {
    return new DockerSettings(
        host(dockerHost),
        stateDir == null ? DEFAULT_STATE_DIR : stateDir,
        "",
        RestartRules.iotEdge(),
        Duration.ofSeconds(10),
        Duration.ofSeconds(2));
  }

  /** The engine's address: the option, else {@code DOCKER_HOST}, else the standard unix socket. */
  public static URI host(String option) {
    String value = option;
    if (value == null || value.isBlank()) {
      value = System.getenv("DOCKER_HOST");
    }
    return value == null || value.isBlank() ? DEFAULT_HOST : URI.create(value.trim());
  }

  /** A copy with other restart rules. */
  public DockerSettings withRestarts(RestartRules rules) {
    return new DockerSettings(dockerHost, stateDir, containerPrefix, rules, stopTimeout, reconnect);
  }

  /** A copy with another stop timeout. */
  public DockerSettings withStopTimeout(Duration timeout) {
    return new DockerSettings(dockerHost, stateDir, containerPrefix, restarts, timeout, reconnect);
  }

  /** A copy with another container name prefix. */
  public DockerSettings withContainerPrefix(String prefix) {
    return new DockerSettings(dockerHost, stateDir, prefix, restarts, stopTimeout, reconnect);
  }

  /** A copy with another reconnect wait. */
  public DockerSettings withReconnect(Duration wait) {
    return new DockerSettings(dockerHost, stateDir, containerPrefix, restarts, stopTimeout, wait);
  }
}

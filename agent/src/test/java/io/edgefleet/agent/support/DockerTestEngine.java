package io.edgefleet.agent.support;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The private Docker engine and registry that {@code scripts/test} starts ({@code
 * scripts/test-engine}), described by {@code EDGEFLEET_TEST_*} environment variables. Without them
 * the engine tests are skipped, unless {@code CI=true}: then they fail, so that CI never passes
 * without running them.
 */
public final class DockerTestEngine {

  private final Map<String, String> env;
  private final DockerClient docker;

  private DockerTestEngine(Map<String, String> env) {
    this.env = env;
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(env.get("EDGEFLEET_TEST_DOCKER_HOST"))
            .withDockerTlsVerify(false)
            .build();
    this.docker =
        DockerClientImpl.getInstance(
            config,
            new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5))
                .build());
  }

  /** The engine, or the test is skipped (fails when {@code CI=true}). */
  public static DockerTestEngine require() {
    Map<String, String> env = System.getenv();
    if (env.get("EDGEFLEET_TEST_DOCKER_HOST") == null) {
      String why =
          "no test Docker engine: run the tests with scripts/test, which starts one"
              + " (EDGEFLEET_TEST_DOCKER_HOST is not set)";
      if ("true".equalsIgnoreCase(env.get("CI"))) {
        fail(why + "; CI=true, so this fails instead of being skipped");
      }
      Assumptions.abort(why);
    }
    return new DockerTestEngine(env);
  }

  /** The private registry's parts; the test is skipped (fails on CI) without them. */
  public void requireRegistry() {
    if (registry() == null) {
      String why = "the test registry did not start (EDGEFLEET_TEST_REGISTRY is not set)";
      if ("true".equalsIgnoreCase(env.get("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
  }

  public String dockerHost() {
    return env.get("EDGEFLEET_TEST_DOCKER_HOST");
  }

  /** A local image (a static busybox) with sh, sleep, echo, cat... */
  public String image() {
    return env.get("EDGEFLEET_TEST_IMAGE");
  }

  /** The same content under another tag (a "new version"). */
  public String image2() {
    return env.get("EDGEFLEET_TEST_IMAGE_2");
  }

  /** An image only in the private registry (not on the engine until pulled). */
  public String privateImage() {
    return env.get("EDGEFLEET_TEST_PRIVATE_IMAGE");
  }

  public String registry() {
    return env.get("EDGEFLEET_TEST_REGISTRY");
  }

  public String registryUser() {
    return env.get("EDGEFLEET_TEST_REGISTRY_USER");
  }

  public String registryPassword() {
    return env.get("EDGEFLEET_TEST_REGISTRY_PASSWORD");
  }

  /** A client of the engine, to check what runs as {@code docker ps} would. */
  public DockerClient docker() {
    return docker;
  }

  /** Every container (running or not) with the label {@code key=value}. */
  public List<Container> containers(String key, String value) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(key, value)).exec();
  }

  /** Every container whose name is {@code name}, or null. */
  public InspectContainerResponse inspect(String name) {
    try {
      return docker.inspectContainerCmd(name).exec();
    } catch (NotFoundException e) {
      return null;
    }
  }

  /** Removes the test image from the private registry's pulls (so that a test pulls it again). */
  public void removeImage(String image) {
    try {
      docker.removeImageCmd(image).withForce(true).exec();
    } catch (NotFoundException e) {
      // not there
    }
  }

  /** Removes every container with the label {@code key=value}. */
  public void removeContainers(String key, String value) {
    for (Container container : containers(key, value)) {
      try {
        docker.removeContainerCmd(container.getId()).withForce(true).exec();
      } catch (NotFoundException e) {
        // gone meanwhile
      }
    }
  }

  /** Removes a container by name if there is one. */
  public void removeContainer(String name) {
    try {
      docker.removeContainerCmd(name).withForce(true).exec();
    } catch (NotFoundException e) {
      // not there
    }
  }

  /**
   * Stops the engine's dockerd (SIGTERM, as a service manager would) and returns how to start it
   * again: its command line.
   */
  public List<String> stopDockerd() throws Exception {
    Path pidFile = Path.of(env.get("EDGEFLEET_TEST_ENGINE_DIR"), "dockerd.pid");
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle handle =
        ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no dockerd " + pid));
    String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>(List.of(cmdline.split("\0")));
    handle.destroy();
    handle.onExit().get(60, TimeUnit.SECONDS);
    return command;
  }

  /** Starts dockerd again with {@code command} (from {@link #stopDockerd}). */
  public void startDockerd(List<String> command) throws IOException {
    Path dir = Path.of(env.get("EDGEFLEET_TEST_ENGINE_DIR"));
    new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dockerd.log").toFile()))
        .start();
  }
}

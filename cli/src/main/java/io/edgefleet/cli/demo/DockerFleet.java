package io.edgefleet.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.transport.DockerHttpClient;
import io.edgefleet.agent.AgentOptions;
import io.edgefleet.agent.StandaloneAgent;
import io.edgefleet.agent.report.EdgeDeviceReportedStore;
import io.edgefleet.agent.runtime.RestartRules;
import io.edgefleet.agent.runtime.docker.DockerModuleRuntime;
import io.edgefleet.agent.runtime.docker.DockerSettings;
import io.edgefleet.agent.runtime.docker.EngineClient;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The demo's devices on a real Docker engine: one agent with {@link DockerModuleRuntime} per device
 * (containers named {@code <device>-<module>}, so that ten devices share one engine), images built
 * offline from a static busybox and tagged with the example images' names, and a check of what
 * {@code docker ps} shows against what each device should run.
 */
final class DockerFleet implements AutoCloseable {

  /** What every demo module runs: sleeps until stopped. */
  private static final String CMD =
      "CMD [\"/bin/sh\",\"-c\",\"trap 'exit 0' TERM; while true; do sleep 1; done\"]";

  private final String namespace;
  private final DockerSettings settings;
  private final DockerHttpClient http;
  private final DockerClient docker;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<DockerModuleRuntime> runtimes = new ArrayList<>();
  private final List<StandaloneAgent> agents = new ArrayList<>();

  private DockerFleet(String namespace, DockerSettings settings) {
    this.namespace = namespace;
    this.settings = settings;
    EngineClient engine = EngineClient.of(settings);
    this.http = engine.http();
    this.docker = engine.docker();
  }

  /**
   * The engine at {@code dockerHost} (null: DOCKER_HOST or the standard socket).
   *
   * @throws IllegalStateException with a message for people when no engine answers there
   */
  static DockerFleet connect(String namespace, String dockerHost, Path stateDir) {
    DockerSettings settings =
        DockerSettings.defaults(dockerHost, stateDir)
            .withStopTimeout(Duration.ofSeconds(2))
            .withRestarts(
                new RestartRules(
                    Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(10)));
    DockerFleet fleet = new DockerFleet(namespace, settings);
    try {
      fleet.docker.pingCmd().exec();
    } catch (RuntimeException e) {
      fleet.close();
      throw new IllegalStateException(
          "no Docker engine answers at "
              + settings.dockerHost()
              + " ("
              + e.getMessage()
              + "): start one, point --docker-host or DOCKER_HOST at it, or run the demo without"
              + " --runtime docker",
          e);
    }
    return fleet;
  }

  /** The engine's address. */
  String host() {
    return settings.dockerHost().toString();
  }

  /**
   * Makes every image present: those missing are the demo image (a static busybox, built offline)
   * tagged with their names. Returns how many were made.
   */
  int prepareImages(Collection<String> images) throws IOException {
    Set<String> missing = new TreeSet<>();
    for (String image : images) {
      try {
        docker.inspectImageCmd(image).exec();
      } catch (NotFoundException e) {
        missing.add(image);
      }
    }
    if (missing.isEmpty()) {
      return 0;
    }
    String base = "edgefleet-demo/busybox:1";
    importBusybox(base);
    for (String image : missing) {
      int colon = image.lastIndexOf(':');
      boolean tagged = colon > image.lastIndexOf('/');
      docker
          .tagImageCmd(
              base,
              tagged ? image.substring(0, colon) : image,
              tagged ? image.substring(colon + 1) : "latest")
          .exec();
    }
    return missing.size();
  }

  private void importBusybox(String image) throws IOException {
    Path busybox =
        List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox")).stream()
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the demo builds its images offline from a static busybox:"
                            + " apt-get install busybox-static"));
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      directory(out, "bin/");
      directory(out, "tmp/");
      TarArchiveEntry entry = new TarArchiveEntry("bin/busybox");
      byte[] bytes = Files.readAllBytes(busybox);
      entry.setSize(bytes.length);
      entry.setMode(0755);
      out.putArchiveEntry(entry);
      out.write(bytes);
      out.closeArchiveEntry();
      for (String applet : List.of("sh", "sleep", "true", "false", "cat", "echo")) {
        TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("busybox");
        out.putArchiveEntry(link);
        out.closeArchiveEntry();
      }
    }
    int colon = image.lastIndexOf(':');
    String path =
        "/images/create?fromSrc=-&repo="
            + URLEncoder.encode(image.substring(0, colon), StandardCharsets.UTF_8)
            + "&tag="
            + image.substring(colon + 1)
            + "&changes="
            + URLEncoder.encode(CMD, StandardCharsets.UTF_8);
    try (DockerHttpClient.Response response =
        http.execute(
            DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path(path)
                .putHeader("Content-Type", "application/x-tar")
                .body(new ByteArrayInputStream(tar.toByteArray()))
                .build())) {
      String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
      if (response.getStatusCode() >= 300 || body.contains("\"error\"")) {
        throw new IllegalStateException("importing the demo image failed: " + body);
      }
    }
  }

  private static void directory(TarArchiveOutputStream out, String name) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(040755);
    out.putArchiveEntry(entry);
    out.closeArchiveEntry();
  }

  /**
   * Starts one agent per device of the namespace, each with its own Docker runtime on the shared
   * engine; each keeps reporting the static properties its device already reports.
   */
  void start(KubernetesClient client, AgentOptions options) {
    for (EdgeDevice edgeDevice :
        client.resources(EdgeDevice.class).inNamespace(namespace).list().getItems()) {
      String device = edgeDevice.getMetadata().getName();
      ObjectNode reported = EdgeDeviceReportedStore.reported(edgeDevice).deepCopy();
      reported.remove(
          List.of("lastDesiredVersion", "lastDesiredStatus", "modules", "systemModules"));
      DockerModuleRuntime runtime =
          new DockerModuleRuntime(
              namespace,
              device,
              settings.withContainerPrefix(device + "-"),
              scheduler,
              Clock.systemUTC());
      runtimes.add(runtime);
      agents.add(
          StandaloneAgent.start(
              client, namespace, device, runtime, options.withReported(reported)));
    }
  }

  /** The running containers of the namespace's devices, by device: module names. */
  Map<String, Set<String>> running() {
    Map<String, Set<String>> byDevice = new TreeMap<>();
    List<Container> containers =
        docker
            .listContainersCmd()
            .withLabelFilter(Map.of("io.edgefleet.namespace", namespace))
            .exec();
    for (Container container : containers) {
      if (!"running".equals(container.getState())) {
        continue;
      }
      Map<String, String> labels = container.getLabels();
      byDevice
          .computeIfAbsent(labels.get("io.edgefleet.device"), d -> new TreeSet<>())
          .add(labels.get("io.edgefleet.module"));
    }
    return byDevice;
  }

  /** Where {@code docker ps} disagrees with what each device of the snapshot should run. */
  List<String> mismatches(FleetSnapshot snapshot) {
    Map<String, Set<String>> running = running();
    List<String> unmet = new ArrayList<>();
    for (FleetSnapshot.Device device : snapshot.devices().values()) {
      Set<String> want = new TreeSet<>(device.modules());
      Set<String> have = running.getOrDefault(device.name(), Set.of());
      if (!want.equals(have)) {
        unmet.add("docker ps shows " + device.name() + " running " + have + ", expected " + want);
      }
    }
    return unmet;
  }

  /** Stops the agents (the containers keep running). */
  void stopAgents() {
    agents.forEach(StandaloneAgent::close);
    agents.clear();
    runtimes.forEach(DockerModuleRuntime::close);
    runtimes.clear();
  }

  /** Removes every container of the namespace's devices (what the demo created). */
  int removeContainers() {
    int removed = 0;
    for (Container container :
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of("io.edgefleet.namespace", namespace))
            .exec()) {
      try {
        docker.removeContainerCmd(container.getId()).withForce(true).exec();
        removed++;
      } catch (NotFoundException e) {
        // gone meanwhile
      }
    }
    return removed;
  }

  @Override
  public void close() {
    stopAgents();
    scheduler.shutdownNow();
    try {
      docker.close();
    } catch (IOException e) {
      // closing
    }
  }
}

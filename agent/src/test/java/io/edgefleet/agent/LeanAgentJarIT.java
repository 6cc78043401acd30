package io.edgefleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The device artifact ({@code agent/target/edgefleet-agent.jar}, built in the package phase before
 * this runs) holds the agent and the Docker runtime, and none of the test bench: no operator, no
 * sandbox, no mock server, no Vert.x, no Netty.
 */
class LeanAgentJarIT {

  private static final Path JAR = Path.of("target/edgefleet-agent.jar");

  @Test
  void theAgentJarHoldsTheAgentAndNoneOfTheTestBench() throws IOException {
    assertThat(JAR).exists();
    List<String> entries;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      entries = jar.stream().map(ZipEntry::getName).toList();
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("io.edgefleet.agent.cli.AgentMain");
    }
    assertThat(entries)
        .contains(
            "io/edgefleet/agent/cli/AgentMain.class",
            "io/edgefleet/agent/runtime/docker/DockerModuleRuntime.class",
            "com/github/dockerjava/zerodep/ZerodepDockerHttpClient.class");
    assertThat(entries)
        .noneMatch(e -> e.startsWith("io/edgefleet/operator/"))
        .noneMatch(e -> e.startsWith("io/edgefleet/sandbox/"))
        .noneMatch(e -> e.startsWith("io/fabric8/mockwebserver/"))
        .noneMatch(e -> e.startsWith("io/fabric8/kubernetes/client/server/mock/"))
        .noneMatch(e -> e.startsWith("io/vertx/"))
        .noneMatch(e -> e.startsWith("io/netty/"))
        .noneMatch(e -> e.startsWith("io/javaoperatorsdk/"));
    // 35 MiB, stated in docs/device-setup.md; a jump means something heavy came in
    assertThat(Files.size(JAR)).isLessThan(40L * 1024 * 1024);
  }
}

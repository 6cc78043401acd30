package io.edgefleet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestApplierTest {

  private static SandboxApiServer server;

  @BeforeAll
  static void start() {
    server = SandboxApiServer.builder().build().start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void appliesNamespacesFirstThenReportsUnchangedAndConfigured(@TempDir Path dir)
      throws IOException {
    Path ns = dir.resolve("z-namespace.yaml");
    Files.writeString(ns, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: applied\n");
    Path both = dir.resolve("a-objects.yaml");
    Files.writeString(
        both,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: applied\ndata:\n"
            + "  k: v\n---\n"
            + Harness.device("applied", "d1", "{\"env\":\"prod\"}"));
    List<ManifestApplier.Applied> first = server.apply(dir);
    assertThat(first)
        .extracting(ManifestApplier.Applied::toString)
        .containsExactly(
            "namespace/applied created", "configmap/c created", "edgedevice/d1 created");

    assertThat(server.apply(dir))
        .extracting(ManifestApplier.Applied::action)
        .containsOnly("unchanged");

    Files.writeString(both, Files.readString(both).replace("k: v", "k: w"));
    assertThat(server.apply(both))
        .extracting(ManifestApplier.Applied::toString)
        .containsExactly("configmap/c configured", "edgedevice/d1 unchanged");
  }

  @Test
  void stopsAtTheFirstRefusalWithTheServersMessage(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, Harness.deployment("default", "bad", -1));
    assertThatThrownBy(() -> server.apply(bad))
        .isInstanceOf(ManifestApplier.ApplyException.class)
        .hasMessageContaining("bad.yaml")
        .hasMessageContaining(
            "EdgeDeployment.edgefleet.io \"bad\" is invalid: spec.priority: Invalid value: -1");
    Path unknown = dir.resolve("unknown.yaml");
    Files.writeString(unknown, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n");
    assertThatThrownBy(() -> server.apply(unknown))
        .isInstanceOf(ManifestApplier.ApplyException.class);
  }
}

package io.edgefleet.cli.azure;

import static io.edgefleet.cli.azure.AzureImportExportTest.edgefleet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.cli.azure.AzureImportExportTest.Run;
import io.edgefleet.sandbox.SandboxApiServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edgefleet export deployment --cluster NAME} and {@code export device NAME --cluster} read
 * the campus example from an API server (the sandbox's, on the fabric8 mock server's CRUD store)
 * and write what the same commands write from the files.
 */
class ExportFromClusterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir static Path dir;
  private static SandboxApiServer server;
  private static String kubeconfig;

  @BeforeAll
  static void startWithTheCampus() {
    server = SandboxApiServer.builder().build().start();
    server.apply(
        EXAMPLES.resolve("namespace.yaml"),
        EXAMPLES.resolve("registry-secret.yaml"),
        EXAMPLES.resolve("deployments"),
        EXAMPLES.resolve("devices.yaml"));
    kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig")).toString();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String[] files() {
    return new String[] {
      EXAMPLES.resolve("registry-secret.yaml").toString(),
      EXAMPLES.resolve("deployments").toString(),
      EXAMPLES.resolve("devices.yaml").toString()
    };
  }

  @Test
  void aDeploymentFromTheClusterIsTheOneFromTheFiles() throws Exception {
    for (String name : new String[] {"prod-base", "conference-displays"}) {
      Run cluster =
          edgefleet(
              "export",
              "deployment",
              "--cluster",
              name,
              "-n",
              "campus",
              "--kubeconfig",
              kubeconfig);
      assertThat(cluster.code()).as(cluster.err()).isZero();
      String[] args = new String[] {"export", "deployment", "--name", name, "-n", "campus"};
      Run files = edgefleet(concat(args, files()));
      assertThat(files.code()).as(files.err()).isZero();
      JsonNode exported = JSON.readTree(cluster.out());
      assertThat(exported).isEqualTo(JSON.readTree(files.out()));
      assertThat(exported.get("id").asText()).isEqualTo(name);
      // the password comes from the cluster's Secret
      assertThat(cluster.out()).contains("not-a-real-password-replace-me");
    }
  }

  @Test
  void aDeviceFromTheClusterIsTheOneFromTheFiles() throws Exception {
    Run cluster =
        edgefleet(
            "export",
            "device",
            "b20-f2-conf-02",
            "--cluster",
            "-n",
            "campus",
            "--kubeconfig",
            kubeconfig);
    assertThat(cluster.code()).as(cluster.err()).isZero();
    Run files =
        edgefleet(
            concat(new String[] {"export", "device", "b20-f2-conf-02", "-n", "campus"}, files()));
    assertThat(files.code()).as(files.err()).isZero();
    JsonNode exported = JSON.readTree(cluster.out());
    assertThat(exported).isEqualTo(JSON.readTree(files.out()));
    JsonNode contents = exported.get("modulesContent");
    assertThat(contents.at("/$edgeAgent/properties.desired/modules").fieldNames())
        .toIterable()
        .contains("RoomDisplay", "filter");
    // the device's own parameter value, substituted
    assertThat(contents.at("/RoomDisplay/properties.desired/room").asText()).isEqualTo("2.02");
    assertThat(
            contents
                .at("/$edgeAgent/properties.desired/runtime/settings/registryCredentials/contoso")
                .get("password")
                .asText())
        .isEqualTo("not-a-real-password-replace-me");
  }

  @Test
  void whatTheClusterLacksIsAnErrorThatNamesIt() {
    Run missing =
        edgefleet(
            "export",
            "deployment",
            "--cluster",
            "nope",
            "-n",
            "campus",
            "--kubeconfig",
            kubeconfig);
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("EdgeDeployment campus/nope not found");
    Run device =
        edgefleet(
            "export", "device", "nope", "--cluster", "-n", "campus", "--kubeconfig", kubeconfig);
    assertThat(device.code()).isEqualTo(2);
    assertThat(device.err()).contains("no EdgeDevice campus/nope");

    server.client().secrets().inNamespace("campus").withName("contoso-registry").delete();
    try {
      Run noSecret =
          edgefleet(
              "export",
              "deployment",
              "--cluster",
              "prod-base",
              "-n",
              "campus",
              "--kubeconfig",
              kubeconfig);
      assertThat(noSecret.code()).isEqualTo(1);
      assertThat(noSecret.err())
          .contains("spec.registryCredentials.contoso")
          .contains("the Secret contoso-registry");
      assertThat(noSecret.out()).isEmpty();
    } finally {
      server.apply(EXAMPLES.resolve("registry-secret.yaml"));
    }
  }

  /**
   * As kubectl: without -n the namespace is the kubeconfig context's (default when it names none),
   * and --context picks another context or is an error that names it.
   */
  @Test
  void withoutANamespaceTheContextsIsRead() throws Exception {
    String inCampus = server.writeKubeconfig(dir.resolve("campus-kubeconfig"), "campus").toString();
    Run deployment =
        edgefleet("export", "deployment", "--cluster", "prod-base", "--kubeconfig", inCampus);
    assertThat(deployment.code()).as(deployment.err()).isZero();
    assertThat(JSON.readTree(deployment.out()).get("id").asText()).isEqualTo("prod-base");
    Run device =
        edgefleet("export", "device", "b20-f2-conf-02", "--cluster", "--kubeconfig", inCampus);
    assertThat(device.code()).as(device.err()).isZero();
    assertThat(device.out()).contains("RoomDisplay");

    // the other kubeconfig's context is in namespace default, where there is nothing
    Run inDefault =
        edgefleet("export", "deployment", "--cluster", "prod-base", "--kubeconfig", kubeconfig);
    assertThat(inDefault.code()).isEqualTo(2);
    assertThat(inDefault.err()).contains("EdgeDeployment default/prod-base not found");

    Run noContext =
        edgefleet(
            "export",
            "device",
            "b20-f2-conf-02",
            "--cluster",
            "--kubeconfig",
            inCampus,
            "--context",
            "elsewhere");
    assertThat(noContext.code()).isEqualTo(2);
    assertThat(noContext.err()).contains("no context elsewhere in the kubeconfig");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

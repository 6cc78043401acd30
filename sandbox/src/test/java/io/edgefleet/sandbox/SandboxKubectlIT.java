package io.edgefleet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against the sandbox, in the order a newcomer would use it: discovery, applying
 * {@code examples/}, reading with printer columns, patching status, a rejected object, labels,
 * explain, imperative creates, a watch, deletion and garbage collection. Methods run in order and
 * share the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxKubectlIT {

  private Path tmp;
  private SandboxApiServer server;
  private Kubectl kubectl;

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    tmp = dir;
    server = SandboxApiServer.builder().build().start();
    Path kubeconfig = server.writeKubeconfig(tmp.resolve("sandbox.kubeconfig"));
    Files.createDirectories(tmp.resolve("cache"));
    kubectl = new Kubectl(kubeconfig, tmp.resolve("cache"));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void discoveryListsTheEdgeFleetKindsAndTheCrdsAreInstalled() {
    String resources = kubectl.ok("api-resources", "--api-group=edgefleet.io");
    assertThat(resources)
        .containsPattern(
            "edgedeployments\\s+edep\\s+edgefleet.io/v1alpha1\\s+true\\s+EdgeDeployment")
        .containsPattern("edgedevices\\s+edev\\s+edgefleet.io/v1alpha1\\s+true\\s+EdgeDevice");
    assertThat(kubectl.ok("get", "crd", "-o", "name"))
        .contains("customresourcedefinition.apiextensions.k8s.io/edgedevices.edgefleet.io")
        .contains("customresourcedefinition.apiextensions.k8s.io/edgedeployments.edgefleet.io");
    assertThat(kubectl.ok("get", "namespaces")).containsPattern("default\\s+Active");
    assertThat(kubectl.ok("version", "-o", "json")).contains("\"serverVersion\"");
  }

  @Test
  @Order(2)
  void appliesTheExamplesNamespaceFirstAndReapplyingChangesNothing() {
    assertThat(kubectl.ok("apply", "-f", ex("namespace.yaml")))
        .contains("namespace/campus created");
    assertThat(kubectl.ok("apply", "-f", ex("registry-secret.yaml")))
        .contains("secret/contoso-registry created");
    assertThat(kubectl.ok("apply", "-f", ex("devices.yaml")))
        .contains("edgedevice.edgefleet.io/b20-f1-lobby created");
    assertThat(kubectl.ok("apply", "-f", ex("deployments")))
        .contains("edgedeployment.edgefleet.io/prod-base created");
    String again = kubectl.ok("apply", "-f", ex("deployments"));
    assertThat(again).contains("edgedeployment.edgefleet.io/prod-base unchanged");
    assertThat(again).doesNotContain("configured");
    // the Secret's stringData is stored as base64 data, as on the API server
    assertThat(
            kubectl.ok(
                "-n",
                "campus",
                "get",
                "secret",
                "contoso-registry",
                "-o",
                "jsonpath={.data.username}"))
        .isEqualTo("Y29udG9zby1wdWxsLXRva2Vu");
  }

  @Test
  @Order(3)
  void getPrintsTheCrdPrinterColumns() {
    String deployments = kubectl.ok("-n", "campus", "get", "edgedeployments");
    assertThat(deployments.lines().findFirst().orElseThrow())
        .containsPattern(
            "NAME\\s+LAYERED\\s+PRIORITY\\s+TARGET\\s+TARGETED\\s+APPLIED\\s+PENDING\\s+SUCCEEDED\\s+FAILED\\s+READY\\s+AGE");
    assertThat(deployments)
        .containsPattern("prod-base\\s+false\\s+10\\s+tags.environment='prod'")
        .containsPattern("b20-sensor-tuning\\s+true\\s+40\\s+");
    String devices = kubectl.ok("-n", "campus", "get", "edev");
    assertThat(devices.lines().findFirst().orElseThrow())
        .containsPattern("NAME\\s+BASE\\s+LAYERS\\s+SYNC\\s+DESIRED\\s+REPORTED\\s+CODE\\s+AGE");
    assertThat(devices.lines().count()).isEqualTo(11);
    assertThat(kubectl.ok("-n", "campus", "get", "edgefleet", "-o", "name"))
        .contains("edgedevice.edgefleet.io/b40-spare-01")
        .contains("edgedeployment.edgefleet.io/lobby-signage");
    assertThat(kubectl.ok("-n", "campus", "get", "edep", "prod-base", "-o", "yaml"))
        .contains("kind: EdgeDeployment")
        .contains("layered: false");
    assertThat(kubectl.ok("-n", "campus", "get", "edep", "-o", "json")).contains("\"items\"");
    assertThat(
            kubectl.ok("-n", "campus", "get", "edep", "-o", "jsonpath={.items[*].metadata.name}"))
        .isEqualTo(
            "b20-sensor-tuning conference-displays lobby-signage model-4000x-vibration prod-base"
                + " test-base");
  }

  @Test
  @Order(4)
  void configMapsAreAppliedTwiceThroughStrategicMergePatch() throws IOException {
    Path cm = tmp.resolve("cm.yaml");
    Files.writeString(
        cm,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: campus\n"
            + "data:\n  a: \"1\"\n  b: \"2\"\n");
    assertThat(kubectl.ok("apply", "-f", cm.toString())).contains("configmap/settings created");
    Files.writeString(
        cm,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: campus\n"
            + "  labels:\n    team: iot\ndata:\n  a: \"3\"\n");
    assertThat(kubectl.ok("apply", "-f", cm.toString())).contains("configmap/settings configured");
    assertThat(kubectl.ok("-n", "campus", "get", "cm", "settings", "-o", "jsonpath={.data}"))
        .isEqualTo("{\"a\":\"3\"}");
    assertThat(kubectl.ok("-n", "campus", "get", "cm"))
        .containsPattern("NAME\\s+DATA\\s+AGE")
        .containsPattern("settings\\s+1\\s+");
    assertThat(kubectl.ok("-n", "campus", "label", "cm", "settings", "tier=edge"))
        .contains("configmap/settings labeled");
    assertThat(kubectl.ok("-n", "campus", "get", "cm", "-l", "team=iot,tier=edge", "-o", "name"))
        .isEqualTo("configmap/settings\n");
  }

  @Test
  @Order(5)
  void statusIsPatchedThroughTheStatusSubresourceOnly() {
    kubectl.ok(
        "-n",
        "campus",
        "patch",
        "edgedevice",
        "b20-f1-lobby",
        "--subresource=status",
        "--type=merge",
        "-p",
        "{\"status\":{\"reported\":{\"devicemodel\":\"4000x\",\"lastDesiredStatus\":{\"code\":200}}},"
            + "\"spec\":{\"tags\":{\"building\":\"99\"}}}");
    assertThat(kubectl.ok("-n", "campus", "get", "edev", "b20-f1-lobby"))
        .containsPattern("b20-f1-lobby\\s+200\\s+");
    assertThat(
            kubectl.ok(
                "-n",
                "campus",
                "get",
                "edev",
                "b20-f1-lobby",
                "-o",
                "jsonpath={.spec.tags.building} {.metadata.generation}"))
        .isEqualTo("20 1");
    // a spec change through the main resource bumps the generation
    kubectl.ok(
        "-n",
        "campus",
        "patch",
        "edev",
        "b20-f1-lobby",
        "--type=merge",
        "-p",
        "{\"spec\":{\"tags\":{\"floor\":\"2\"}}}");
    assertThat(
            kubectl.ok(
                "-n",
                "campus",
                "get",
                "edev",
                "b20-f1-lobby",
                "-o",
                "jsonpath={.metadata.generation}"))
        .isEqualTo("2");
  }

  @Test
  @Order(6)
  void aBadEdgeDeploymentIsRejectedWithTheApiServersMessage() throws IOException {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(
        bad,
        Files.readString(Examples.file("deployments/prod-base.yaml"), StandardCharsets.UTF_8)
            .replace("name: prod-base", "name: bad-priority")
            .replace("priority: 10", "priority: -1"));
    Kubectl.Result r = kubectl.run("apply", "-f", bad.toString());
    assertThat(r.exit()).isNotZero();
    assertThat(r.err())
        .contains(
            "The EdgeDeployment \"bad-priority\" is invalid: spec.priority: Invalid value: -1:"
                + " spec.priority in body should be greater than or equal to 0");
    assertThat(kubectl.run("-n", "campus", "get", "edep", "bad-priority").err())
        .contains("edgedeployments.edgefleet.io \"bad-priority\" not found");

    Kubectl.Result patch =
        kubectl.run(
            "-n",
            "campus",
            "patch",
            "edep",
            "prod-base",
            "--type=merge",
            "-p",
            "{\"spec\":{\"routes\":{\"upstream\":{\"priority\":10}}}}");
    assertThat(patch.exit()).isNotZero();
    assertThat(patch.err())
        .contains("spec.routes.upstream.priority: Invalid value: 10")
        .contains("should be less than or equal to 9");

    Files.writeString(
        bad,
        Files.readString(Examples.file("deployments/lobby-signage.yaml"), StandardCharsets.UTF_8)
            .replace("priority: 5", "priority: 5\n  prioritty: 6"));
    Kubectl.Result strict = kubectl.run("apply", "-f", bad.toString());
    assertThat(strict.exit()).isNotZero();
    assertThat(strict.err()).contains("strict decoding error: unknown field \"spec.prioritty\"");
  }

  @Test
  @Order(7)
  void labelsSelectWithEqualityAndSetRequirements() {
    assertThat(kubectl.ok("-n", "campus", "label", "edep", "prod-base", "team=iot"))
        .contains("edgedeployment.edgefleet.io/prod-base labeled");
    assertThat(kubectl.ok("-n", "campus", "get", "edep", "-l", "team=iot", "-o", "name"))
        .isEqualTo("edgedeployment.edgefleet.io/prod-base\n");
    assertThat(kubectl.ok("-n", "campus", "get", "edep", "-l", "team in (iot,ops)", "-o", "name"))
        .isEqualTo("edgedeployment.edgefleet.io/prod-base\n");
    assertThat(kubectl.ok("-n", "campus", "get", "edep", "-l", "team notin (iot)", "-o", "name"))
        .doesNotContain("prod-base")
        .contains("test-base");
  }

  @Test
  @Order(8)
  void explainReadsTheCrdSchema() {
    assertThat(kubectl.ok("explain", "edgedeployment.spec.priority"))
        .contains("KIND:       EdgeDeployment")
        .contains("FIELD: priority <integer>");
    assertThat(kubectl.ok("explain", "edgedevices"))
        .contains("GROUP:      edgefleet.io")
        .contains("metadata\t<ObjectMeta>")
        .contains("spec\t<Object>");
  }

  @Test
  @Order(9)
  void imperativeCreatesOfBuiltInKinds() {
    assertThat(kubectl.ok("create", "namespace", "lab")).contains("namespace/lab created");
    assertThat(kubectl.ok("-n", "lab", "create", "configmap", "c", "--from-literal=k=v"))
        .contains("configmap/c created");
    assertThat(kubectl.ok("-n", "lab", "create", "secret", "generic", "s", "--from-literal=k=v"))
        .contains("secret/s created");
    assertThat(kubectl.ok("-n", "lab", "get", "cm", "c", "-o", "jsonpath={.data.k}"))
        .isEqualTo("v");
    Kubectl.Result missing = kubectl.run("-n", "nowhere", "create", "configmap", "c");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err()).contains("namespaces \"nowhere\" not found");
    assertThat(
            kubectl.ok("create", "-n", "lab", "configmap", "d", "--dry-run=server", "-o", "name"))
        .isEqualTo("configmap/d\n");
    assertThat(kubectl.run("-n", "lab", "get", "cm", "d").exit()).isNotZero();
  }

  @Test
  @Order(14)
  void rbacIsNotEnforcedSoEverythingIsAllowed() {
    assertThat(kubectl.ok("auth", "can-i", "create", "edgedeployments")).isEqualTo("yes\n");
  }

  @Test
  @Order(10)
  void getWatchStreamsChangesOverPlainHttp() throws Exception {
    Path out = tmp.resolve("watch.txt");
    Process watch = kubectl.start(out, "-n", "lab", "get", "configmaps", "--watch");
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(out).contains("NAME"));
      kubectl.ok("-n", "lab", "create", "configmap", "watched", "--from-literal=x=1");
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(Files.readString(out)).containsPattern("watched\\s+1"));
      // the list before the watch is not repeated by it
      assertThat(Files.readString(out).lines().filter(l -> l.startsWith("c ")).count())
          .isEqualTo(1);
    } finally {
      watch.destroy();
      watch.waitFor();
    }
  }

  @Test
  @Order(11)
  void deletingAnOwnerDeletesWhatItOwns() throws IOException {
    String uid =
        kubectl.ok("-n", "campus", "get", "edev", "b40-spare-01", "-o", "jsonpath={.metadata.uid}");
    Path owned = tmp.resolve("owned.yaml");
    Files.writeString(
        owned,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: owned-by-spare\n  namespace: campus\n"
            + "  ownerReferences:\n  - apiVersion: edgefleet.io/v1alpha1\n    kind: EdgeDevice\n"
            + "    name: b40-spare-01\n    uid: "
            + uid
            + "\ndata:\n  x: \"1\"\n");
    kubectl.ok("apply", "-f", owned.toString());
    assertThat(kubectl.ok("-n", "campus", "delete", "edgedevice", "b40-spare-01"))
        .contains("edgedevice.edgefleet.io \"b40-spare-01\" deleted");
    Kubectl.Result gone = kubectl.run("-n", "campus", "get", "edev", "b40-spare-01");
    assertThat(gone.exit()).isNotZero();
    assertThat(gone.err())
        .contains(
            "Error from server (NotFound): edgedevices.edgefleet.io \"b40-spare-01\" not found");
    server.awaitGarbageCollection(Duration.ofSeconds(10));
    assertThat(kubectl.run("-n", "campus", "get", "cm", "owned-by-spare").err())
        .contains("configmaps \"owned-by-spare\" not found");
  }

  @Test
  @Order(12)
  void whatTheSandboxDoesNotSupportFailsWithAClearMessage() {
    Kubectl.Result ssa = kubectl.run("apply", "--server-side", "-f", ex("namespace.yaml"));
    assertThat(ssa.exit()).isNotZero();
    assertThat(ssa.err()).contains("server-side apply is not supported by the EdgeFleet sandbox");
    Kubectl.Result pods = kubectl.run("get", "pods");
    assertThat(pods.exit()).isNotZero();
    assertThat(pods.err()).contains("the server doesn't have a resource type \"pods\"");
  }

  @Test
  @Order(13)
  void deletingANamespaceDeletesItsObjects() {
    assertThat(kubectl.ok("delete", "namespace", "lab")).contains("namespace \"lab\" deleted");
    server.awaitGarbageCollection(Duration.ofSeconds(10));
    assertThat(kubectl.ok("get", "configmaps", "-A", "-o", "name")).doesNotContain("configmap/c\n");
    assertThat(kubectl.ok("get", "namespaces", "-o", "name")).doesNotContain("namespace/lab");
  }

  private static String ex(String name) {
    return Examples.file(name).toString();
  }
}

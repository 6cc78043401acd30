package io.edgefleet.cli.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.agent.rbac.AgentRbac;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code edgefleet device enroll|revoke} against the mock API server. */
@EnableKubernetesMockClient(crud = true)
class DeviceCommandTest {

  static KubernetesMockServer server;
  static KubernetesClient client;

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(new DeviceCommand());
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(err));
    int code = line.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path adminKubeconfig() throws Exception {
    Path file = dir.resolve("admin.kubeconfig");
    Files.writeString(
        file,
        DeviceKubeconfig.yaml(
            client.getMasterUrl().toString(), null, true, "default", "admin", "admin", "admin"));
    return file;
  }

  private void expectToken(String ns, String account, String token) {
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + ns + "/serviceaccounts/" + account + "/token")
        .andReturn(
            201,
            "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\","
                + "\"spec\":{\"expirationSeconds\":31536000},\"status\":{\"token\":\""
                + token
                + "\",\"expirationTimestamp\":\"2027-12-02T00:00:00Z\"}}")
        .once();
  }

  @Test
  void enrollCreatesTheDeviceItsLeastPrivilegeAndAKubeconfigWithAToken() throws Exception {
    String account = AgentRbac.name("lobby");
    expectToken("campus", account, "token-1");
    Path out = dir.resolve("lobby.kubeconfig");
    Run run =
        run(
            "enroll",
            "lobby",
            "-n",
            "campus",
            "--tag",
            "building=20",
            "--tag",
            "location.floor=1",
            "--kubeconfig",
            adminKubeconfig().toString(),
            "--kubeconfig-out",
            out.toString(),
            "--server",
            "https://k8s.example.com:6443");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("edgedevice/lobby created in campus").contains(out.toString());

    EdgeDevice device =
        client.resources(EdgeDevice.class).inNamespace("campus").withName("lobby").get();
    assertThat(device.getSpec().getTags().get("building").asLong()).isEqualTo(20);
    assertThat(device.getSpec().getTags().get("location").get("floor").asLong()).isEqualTo(1);
    assertThat(client.serviceAccounts().inNamespace("campus").withName(account).get()).isNotNull();
    Role role = client.rbac().roles().inNamespace("campus").withName(account).get();
    assertThat(role.getRules()).isEqualTo(AgentRbac.rules("lobby"));
    RoleBinding binding =
        client.rbac().roleBindings().inNamespace("campus").withName(account).get();
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo(account));

    assertThat(Files.getPosixFilePermissions(out))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    Config config = Config.fromKubeconfig(Files.readString(out));
    assertThat(config.getMasterUrl()).startsWith("https://k8s.example.com:6443");
    assertThat(config.getAutoOAuthToken()).isEqualTo("token-1");
    assertThat(config.getNamespace()).isEqualTo("campus");
  }

  @Test
  void enrollingAgainRotatesTheTokenAndKeepsTheTagsWhenNoneAreGiven() throws Exception {
    String account = AgentRbac.name("office");
    expectToken("campus", account, "token-a");
    Path out = dir.resolve("office.kubeconfig");
    String admin = adminKubeconfig().toString();
    assertThat(
            run(
                    "enroll",
                    "office",
                    "-n",
                    "campus",
                    "--tag",
                    "env=prod",
                    "--kubeconfig",
                    admin,
                    "--kubeconfig-out",
                    out.toString())
                .code())
        .isZero();
    expectToken("campus", account, "token-b");
    Run again =
        run(
            "enroll",
            "office",
            "-n",
            "campus",
            "--kubeconfig",
            admin,
            "--kubeconfig-out",
            out.toString());
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("edgedevice/office updated");
    assertThat(Config.fromKubeconfig(Files.readString(out)).getAutoOAuthToken())
        .isEqualTo("token-b");
    EdgeDevice device =
        client.resources(EdgeDevice.class).inNamespace("campus").withName("office").get();
    assertThat(device.getSpec().getTags().get("env").asText()).isEqualTo("prod");
  }

  @Test
  void revokeRemovesTheAgentsAccessAndKeepsTheDevice() throws Exception {
    String account = AgentRbac.name("kitchen");
    expectToken("campus", account, "token-k");
    String admin = adminKubeconfig().toString();
    run(
        "enroll",
        "kitchen",
        "-n",
        "campus",
        "--kubeconfig",
        admin,
        "--kubeconfig-out",
        dir.resolve("k.kubeconfig").toString());
    Run revoke = run("revoke", "kitchen", "-n", "campus", "--kubeconfig", admin);
    assertThat(revoke.code()).as(revoke.err()).isZero();
    assertThat(client.serviceAccounts().inNamespace("campus").withName(account).get()).isNull();
    assertThat(client.rbac().roles().inNamespace("campus").withName(account).get()).isNull();
    assertThat(client.rbac().roleBindings().inNamespace("campus").withName(account).get()).isNull();
    assertThat(client.resources(EdgeDevice.class).inNamespace("campus").withName("kitchen").get())
        .isNotNull();
  }

  @Test
  void aTokenLifetimeIsCheckedBeforeAnythingIsWritten() {
    Run run =
        run(
            "enroll",
            "x",
            "-n",
            "campus",
            "--kubeconfig-out",
            dir.resolve("x").toString(),
            "--token-duration",
            "soon");
    assertThat(run.code()).isNotZero();
    assertThat(client.resources(EdgeDevice.class).inNamespace("campus").withName("x").get())
        .isNull();
  }
}

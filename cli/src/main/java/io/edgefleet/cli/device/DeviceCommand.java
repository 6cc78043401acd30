package io.edgefleet.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.agent.rbac.AgentRbac;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceSpec;
import io.edgefleet.cli.KubeconfigClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edgefleet device enroll|revoke}: what creating an IoT Edge device and its connection
 * string is on Azure. Enroll creates (or updates) the EdgeDevice, its agent's ServiceAccount, Role
 * and RoleBinding (what {@code agent-rbac} prints), asks the API server for a token of that
 * ServiceAccount (TokenRequest) and writes a kubeconfig for the device. Revoke deletes the
 * ServiceAccount, Role and RoleBinding: every token of the agent stops working at once.
 */
@Command(
    name = "device",
    mixinStandardHelpOptions = true,
    subcommands = {DeviceCommand.Enroll.class, DeviceCommand.Revoke.class},
    description =
        "Enrolls a device (its EdgeDevice, its agent's least privilege and credentials)"
            + " or revokes its agent's access.")
public final class DeviceCommand {

  /** Options every device command shares. */
  abstract static class Base implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The EdgeDevice's name.")
    String device;

    @Option(
        names = {"-n", "--namespace"},
        description = "The EdgeDevice's namespace (default: the kubeconfig's, or default).")
    String namespace;

    @Option(
        names = "--kubeconfig",
        paramLabel = "PATH",
        description = "Your kubeconfig (default: KUBECONFIG or ~/.kube/config).")
    Path kubeconfig;

    @Option(
        names = "--context",
        paramLabel = "NAME",
        description = "The kubeconfig context to use (default: its current context).")
    String context;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    KubernetesClient connect() {
      return KubeconfigClient.connect(kubeconfig, context, "edgefleet-device");
    }

    String namespace(KubernetesClient client) {
      return KubeconfigClient.namespace(namespace, client);
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  /** {@code edgefleet device enroll}. */
  @Command(
      name = "enroll",
      mixinStandardHelpOptions = true,
      description = {
        "Creates (or updates) the EdgeDevice NAME with its tags, its agent's ServiceAccount, Role"
            + " and RoleBinding (least privilege: its own ConfigMap, registry Secret and"
            + " EdgeDevice status), requests a token for that ServiceAccount and writes a"
            + " kubeconfig for the device.",
        "Copy the kubeconfig to the device (docs/device-setup.md). The token expires after"
            + " --token-duration; enroll again to rotate it."
      })
  static final class Enroll extends Base {

    @Option(
        names = "--tag",
        paramLabel = "KEY=VALUE",
        description =
            "A tag of the device, e.g. building=20 (repeatable; a.b=c nests; numbers and"
                + " true/false keep their type). Given tags replace the device's tags.")
    List<String> tags = List.of();

    @Option(
        names = "--kubeconfig-out",
        required = true,
        paramLabel = "FILE",
        description = "Where to write the device's kubeconfig (mode 600).")
    Path out;

    @Option(
        names = "--server",
        paramLabel = "URL",
        description = "The API server's address as the device reaches it (default: yours).")
    String server;

    @Option(
        names = "--token-duration",
        paramLabel = "DURATION",
        defaultValue = "8760h",
        description =
            "How long the token is valid (default ${DEFAULT-VALUE}, a year; the API server may"
                + " shorten it). Examples: 720h, 30d.")
    String tokenDuration;

    @Override
    public Integer call() throws IOException {
      Duration lifetime = DeviceDurations.parse(tokenDuration);
      try (KubernetesClient client = connect()) {
        String ns = namespace(client);
        EdgeDevice device = upsertDevice(client, ns);
        List<HasMetadata> rbac = AgentRbac.objects(ns, this.device);
        for (HasMetadata object : rbac) {
          client.resource(object).inNamespace(ns).createOr(existing -> existing.update());
        }
        String account = AgentRbac.name(this.device);
        TokenRequest answer =
            client
                .serviceAccounts()
                .inNamespace(ns)
                .withName(account)
                .tokenRequest(
                    new TokenRequestBuilder()
                        .withNewSpec()
                        .withExpirationSeconds(lifetime.toSeconds())
                        .endSpec()
                        .build());
        if (answer == null || answer.getStatus() == null || answer.getStatus().getToken() == null) {
          throw new IllegalStateException(
              "the API server gave no token for ServiceAccount " + ns + "/" + account);
        }
        Config config = client.getConfiguration();
        String text =
            DeviceKubeconfig.yaml(
                server != null ? server : config.getMasterUrl(),
                caData(config),
                config.isTrustCerts(),
                ns,
                this.device,
                account,
                answer.getStatus().getToken());
        write(out, text);
        out()
            .printf(
                "edgedevice/%s %s in %s; serviceaccount, role and rolebinding %s applied%n",
                this.device,
                device.getMetadata().getResourceVersion() == null ? "created" : "updated",
                ns,
                account);
        out()
            .printf(
                "kubeconfig for the device written to %s (token valid until %s)%n",
                out, answer.getStatus().getExpirationTimestamp());
        out()
            .printf(
                "on the device: edgefleet-agent agent --device %s --namespace %s --kubeconfig"
                    + " /etc/edgefleet/kubeconfig (docs/device-setup.md)%n",
                this.device, ns);
      }
      return 0;
    }

    private EdgeDevice upsertDevice(KubernetesClient client, String ns) {
      Map<String, JsonNode> tagValues = new LinkedHashMap<>();
      for (String tag : tags) {
        int eq = tag.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--tag " + tag + ": expected KEY=VALUE");
        }
        put(tagValues, tag.substring(0, eq), value(tag.substring(eq + 1)));
      }
      EdgeDevice existing =
          client.resources(EdgeDevice.class).inNamespace(ns).withName(device).get();
      if (existing == null) {
        EdgeDevice created = new EdgeDevice();
        created.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(device).build());
        EdgeDeviceSpec spec = new EdgeDeviceSpec();
        spec.setTags(tagValues);
        created.setSpec(spec);
        client.resource(created).create();
        return created;
      }
      if (!tags.isEmpty()) {
        if (existing.getSpec() == null) {
          existing.setSpec(new EdgeDeviceSpec());
        }
        existing.getSpec().setTags(tagValues);
        client.resource(existing).update();
      }
      return existing;
    }

    private static void put(Map<String, JsonNode> tags, String path, JsonNode value) {
      String[] parts = path.split("\\.");
      if (parts.length == 1) {
        tags.put(path, value);
        return;
      }
      JsonNode top = tags.get(parts[0]);
      ObjectNode node = top instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
      tags.put(parts[0], node);
      for (int i = 1; i < parts.length - 1; i++) {
        node = node.withObjectProperty(parts[i]);
      }
      node.set(parts[parts.length - 1], value);
    }

    private static JsonNode value(String text) {
      if (text.equals("true") || text.equals("false")) {
        return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(text));
      }
      if (text.matches("-?\\d{1,15}")) {
        return JsonNodeFactory.instance.numberNode(Long.parseLong(text));
      }
      if (text.matches("-?\\d+\\.\\d+")) {
        return JsonNodeFactory.instance.numberNode(new BigDecimal(text));
      }
      return JsonNodeFactory.instance.textNode(text);
    }

    private static String caData(Config config) throws IOException {
      if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) {
        return config.getCaCertData();
      }
      if (config.getCaCertFile() != null) {
        return Base64.getEncoder()
            .encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
      }
      return null;
    }

    private static void write(Path file, String text) throws IOException {
      Path absolute = file.toAbsolutePath();
      if (absolute.getParent() != null) {
        Files.createDirectories(absolute.getParent());
      }
      Files.deleteIfExists(absolute);
      try {
        Files.createFile(
            absolute,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(absolute);
      }
      Files.writeString(absolute, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
    }
  }

  /** {@code edgefleet device revoke}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = {
        "Removes the agent's access of device NAME: deletes its ServiceAccount, Role and"
            + " RoleBinding, so every token issued for it stops working. The EdgeDevice and its"
            + " configuration stay (delete the EdgeDevice to remove those too)."
      })
  static final class Revoke extends Base {
    @Override
    public Integer call() {
      try (KubernetesClient client = connect()) {
        String ns = namespace(client);
        List<HasMetadata> rbac = AgentRbac.objects(ns, device);
        // binding first: access ends at the first delete
        for (int i = rbac.size() - 1; i >= 0; i--) {
          client.resource(rbac.get(i)).inNamespace(ns).delete();
        }
        out()
            .printf(
                "rolebinding, role and serviceaccount %s deleted in %s: the agent of %s has no access"
                    + " any more%n",
                AgentRbac.name(device), ns, device);
      }
      return 0;
    }
  }
}

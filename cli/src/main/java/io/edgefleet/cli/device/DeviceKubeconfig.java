package io.edgefleet.cli.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The kubeconfig a device's agent uses: the cluster's address and CA, the agent's token, and the
 * device's namespace. Pure.
 */
final class DeviceKubeconfig {

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private DeviceKubeconfig() {}

  /**
   * @param server the API server's address, as the device reaches it
   * @param caData the API server's CA certificate(s), base64 of the PEM, or null to trust the
   *     device's system CAs
   * @param insecure whether to skip TLS verification (only when the admin's kubeconfig does)
   */
  static String yaml(
      String server,
      String caData,
      boolean insecure,
      String namespace,
      String device,
      String user,
      String token) {
    String name = "edgefleet-" + namespace + "-" + device;
    ObjectNode root = YAML.createObjectNode();
    root.put("apiVersion", "v1");
    root.put("kind", "Config");
    ObjectNode cluster = root.putArray("clusters").addObject();
    cluster.put("name", name);
    ObjectNode clusterSpec = cluster.putObject("cluster");
    clusterSpec.put("server", server);
    if (caData != null && !caData.isBlank()) {
      clusterSpec.put("certificate-authority-data", caData);
    } else if (insecure) {
      clusterSpec.put("insecure-skip-tls-verify", true);
    }
    ObjectNode userNode = root.putArray("users").addObject();
    userNode.put("name", user);
    userNode.putObject("user").put("token", token);
    ObjectNode context = root.putArray("contexts").addObject();
    context.put("name", name);
    ObjectNode contextSpec = context.putObject("context");
    contextSpec.put("cluster", name);
    contextSpec.put("user", user);
    contextSpec.put("namespace", namespace);
    root.put("current-context", name);
    try {
      return YAML.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.edgefleet.cli.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeFleetApi;
import io.edgefleet.cli.resolve.ManifestFiles;
import io.edgefleet.engine.azure.AzureExport;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What export reads: the objects of files and directories (as {@code edgefleet resolve} reads
 * them), or of a namespace of a cluster; and the Secrets the registry credentials name, from the
 * same place.
 */
final class ExportInputs {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<ManifestFiles.Document> documents;
  private final KubernetesClient client;

  private ExportInputs(List<ManifestFiles.Document> documents, KubernetesClient client) {
    this.documents = documents;
    this.client = client;
  }

  static ExportInputs files(List<Path> paths) throws IOException {
    return of(ManifestFiles.read(paths));
  }

  /** Objects already read. */
  static ExportInputs of(List<ManifestFiles.Document> documents) {
    return new ExportInputs(documents, null);
  }

  /** Every EdgeDeployment, EdgeDevice and ConfigMap of {@code namespace}, read once. */
  static ExportInputs cluster(KubernetesClient client, String namespace) {
    List<ManifestFiles.Document> documents = new ArrayList<>();
    Path source = Path.of("cluster:" + namespace);
    int index = 0;
    for (EdgeDeployment d :
        client.resources(EdgeDeployment.class).inNamespace(namespace).list().getItems()) {
      documents.add(new ManifestFiles.Document(source, ++index, tree(d, "EdgeDeployment")));
    }
    for (EdgeDevice d :
        client.resources(EdgeDevice.class).inNamespace(namespace).list().getItems()) {
      documents.add(new ManifestFiles.Document(source, ++index, tree(d, "EdgeDevice")));
    }
    for (var configMap : client.configMaps().inNamespace(namespace).list().getItems()) {
      JsonNode node = MAPPER.valueToTree(configMap);
      ((ObjectNode) node).put("apiVersion", "v1");
      ((ObjectNode) node).put("kind", "ConfigMap");
      documents.add(new ManifestFiles.Document(source, ++index, node));
    }
    return new ExportInputs(documents, client);
  }

  private static JsonNode tree(Object object, String kind) {
    var node = (ObjectNode) MAPPER.valueToTree(object);
    node.put("apiVersion", EdgeFleetApi.API_VERSION);
    node.put("kind", kind);
    return node;
  }

  List<ManifestFiles.Document> documents() {
    return documents;
  }

  /** Looks Secrets up among the files, or in the cluster. */
  AzureExport.SecretLookup secrets(String defaultNamespace) {
    return (namespace, name, usernameKey, passwordKey) -> {
      Secret secret =
          client != null
              ? clusterSecret(namespace, name)
              : fileSecret(namespace, name, defaultNamespace);
      if (secret == null) {
        return null;
      }
      String username = value(secret, usernameKey);
      String password = value(secret, passwordKey);
      return username == null || password == null
          ? null
          : new AzureExport.Credentials(username, password);
    };
  }

  private Secret clusterSecret(String namespace, String name) {
    return client.secrets().inNamespace(namespace).withName(name).get();
  }

  private Secret fileSecret(String namespace, String name, String defaultNamespace) {
    for (ManifestFiles.Document document : documents) {
      JsonNode object = document.object();
      if (!"v1".equals(object.path("apiVersion").asText())
          || !"Secret".equals(object.path("kind").asText())) {
        continue;
      }
      String secretNamespace = object.path("metadata").path("namespace").asText(defaultNamespace);
      if (name.equals(object.path("metadata").path("name").asText())
          && namespace.equals(secretNamespace)) {
        return MAPPER.convertValue(object, Secret.class);
      }
    }
    return null;
  }

  private static String value(Secret secret, String key) {
    Map<String, String> stringData = secret.getStringData();
    if (stringData != null && stringData.containsKey(key)) {
      return stringData.get(key);
    }
    Map<String, String> data = secret.getData();
    if (data != null && data.containsKey(key)) {
      return new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8);
    }
    return null;
  }
}

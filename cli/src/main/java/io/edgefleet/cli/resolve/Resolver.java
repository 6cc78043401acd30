package io.edgefleet.cli.resolve;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeFleetApi;
import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.resolve.NamespaceResolution;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.operator.fleet.DeviceInputs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code edgefleet resolve} does: reads objects from files, decides every namespace with the
 * engine exactly as the operator would, and prints the result.
 */
public final class Resolver {

  /** Exit code when a deployment is invalid. */
  public static final int INVALID = 1;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final String defaultNamespace;

  public Resolver(String defaultNamespace) {
    this.defaultNamespace = defaultNamespace;
  }

  /** Everything read from the files, by namespace. */
  public record Inputs(
      Map<String, List<DeploymentSource>> deployments,
      Map<String, List<DeviceSource>> devices,
      Map<String, JsonNode> currentManifests) {}

  /**
   * Reads, decides, prints.
   *
   * @return 0 when every deployment is valid, 1 otherwise
   */
  public int run(List<Path> paths, String device, String output, PrintStream out)
      throws IOException {
    if (!output.equals("table") && !output.equals("json")) {
      throw new IllegalArgumentException("--output must be table or json, not " + output);
    }
    Inputs inputs = read(ManifestFiles.read(paths));
    List<NamespaceResolution> resolutions = resolve(inputs);
    if (output.equals("json")) {
      out.println(ResolveJson.render(resolutions, inputs.currentManifests(), device));
    } else {
      out.print(ResolveTable.render(resolutions, device));
    }
    boolean invalid =
        resolutions.stream()
            .flatMap(r -> r.reports().stream())
            .anyMatch(r -> !r.validity().isValid());
    return invalid ? INVALID : 0;
  }

  /** Decides every namespace found in {@code inputs}. */
  public static List<NamespaceResolution> resolve(Inputs inputs) {
    TreeSet<String> namespaces = new TreeSet<>(inputs.deployments().keySet());
    namespaces.addAll(inputs.devices().keySet());
    List<NamespaceResolution> resolutions = new ArrayList<>();
    for (String namespace : namespaces) {
      resolutions.add(
          NamespaceResolution.resolve(
              namespace,
              inputs.deployments().getOrDefault(namespace, List.of()),
              inputs.devices().getOrDefault(namespace, List.of())));
    }
    return resolutions;
  }

  /** Sorts the documents into deployments, devices and generated ConfigMaps. */
  public Inputs read(List<ManifestFiles.Document> documents) throws IOException {
    Map<String, List<DeploymentSource>> deployments = new TreeMap<>();
    List<EdgeDevice> devices = new ArrayList<>();
    Map<String, ConfigMap> configMaps = new HashMap<>();
    Map<String, String> seen = new HashMap<>();
    for (ManifestFiles.Document document : documents) {
      JsonNode object = document.object();
      String kind = object.path("kind").asText();
      String apiVersion = object.path("apiVersion").asText();
      boolean ours = apiVersion.equals(EdgeFleetApi.API_VERSION);
      if (ours && kind.equals("EdgeDeployment")) {
        EdgeDeployment deployment = convert(document, EdgeDeployment.class);
        String namespace = namespaceOf(deployment.getMetadata());
        unique(seen, "EdgeDeployment", namespace, deployment.getMetadata().getName(), document);
        deployments
            .computeIfAbsent(namespace, n -> new ArrayList<>())
            .add(DeploymentCatalog.source(deployment));
      } else if (ours && kind.equals("EdgeDevice")) {
        EdgeDevice device = convert(document, EdgeDevice.class);
        namespaceOf(device.getMetadata());
        unique(
            seen,
            "EdgeDevice",
            device.getMetadata().getNamespace(),
            device.getMetadata().getName(),
            document);
        devices.add(device);
      } else if (apiVersion.equals("v1") && kind.equals("ConfigMap")) {
        ConfigMap configMap = convert(document, ConfigMap.class);
        String deviceName = generatedFor(configMap);
        if (deviceName != null) {
          configMaps.put(namespaceOf(configMap.getMetadata()) + "/" + deviceName, configMap);
        }
      }
    }
    Map<String, List<DeviceSource>> sources = new TreeMap<>();
    Map<String, JsonNode> manifests = new HashMap<>();
    for (EdgeDevice device : devices) {
      String key = device.getMetadata().getNamespace() + "/" + device.getMetadata().getName();
      ConfigMap configMap = configMaps.get(key);
      sources
          .computeIfAbsent(device.getMetadata().getNamespace(), n -> new ArrayList<>())
          .add(DeviceInputs.source(device, configMap));
      CurrentConfiguration current = DeviceInputs.current(configMap);
      if (current != null && configMap.getData() != null) {
        String manifest = configMap.getData().get(GeneratedObjects.MANIFEST_KEY);
        if (manifest != null) {
          manifests.put(key, MAPPER.readTree(manifest));
        }
      }
    }
    return new Inputs(deployments, sources, manifests);
  }

  private String namespaceOf(io.fabric8.kubernetes.api.model.ObjectMeta metadata) {
    if (metadata.getNamespace() == null || metadata.getNamespace().isBlank()) {
      metadata.setNamespace(defaultNamespace);
    }
    return metadata.getNamespace();
  }

  private static void unique(
      Map<String, String> seen,
      String kind,
      String namespace,
      String name,
      ManifestFiles.Document at)
      throws IOException {
    if (name == null || name.isBlank()) {
      throw new IOException(at.where() + ": " + kind + " without metadata.name");
    }
    String previous = seen.put(kind + "/" + namespace + "/" + name, at.where());
    if (previous != null) {
      throw new IOException(
          at.where()
              + ": "
              + kind
              + " "
              + namespace
              + "/"
              + name
              + " is also defined in "
              + previous);
    }
  }

  /** The device a generated ConfigMap belongs to (its EdgeDevice owner), or null. */
  private static String generatedFor(ConfigMap configMap) {
    var metadata = configMap.getMetadata();
    if (metadata == null || metadata.getOwnerReferences() == null) {
      return null;
    }
    return metadata.getOwnerReferences().stream()
        .filter(o -> "EdgeDevice".equals(o.getKind()))
        .map(o -> o.getName())
        .findFirst()
        .orElse(null);
  }

  private static <T> T convert(ManifestFiles.Document document, Class<T> type) throws IOException {
    try {
      return MAPPER.treeToValue(document.object(), type);
    } catch (IOException | IllegalArgumentException e) {
      String name = document.object().path("metadata").path("name").asText("?");
      String detail =
          e instanceof com.fasterxml.jackson.databind.JsonMappingException m
              ? m.getOriginalMessage() + " at " + path(m)
              : e.getMessage();
      throw new IOException(
          document.where() + ": " + type.getSimpleName() + " " + name + " is malformed: " + detail,
          e);
    }
  }

  private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (var reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}

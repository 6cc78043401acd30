package io.edgefleet.operator.device;

import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.engine.resolve.ResolvedConfiguration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Builds the ConfigMap a device's agent consumes. Pure. */
public final class DesiredConfigMap {

  /** The API server's limit on one object (etcd's request limit), in bytes. */
  public static final int MAX_OBJECT_BYTES = 1024 * 1024;

  /** Room left for metadata and encoding when checking the data against the limit. */
  static final int METADATA_ALLOWANCE = 16 * 1024;

  private DesiredConfigMap() {}

  /**
   * The ConfigMap for {@code device} holding {@code configuration}.
   *
   * @param registrySecret the device's registry Secret, or null when it has none
   */
  public static ConfigMap build(
      EdgeDevice device, ResolvedConfiguration configuration, String registrySecret) {
    String name = device.getMetadata().getName();
    Map<String, String> data = data(configuration, registrySecret);
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(GeneratedObjects.DESIRED_VERSION_ANNOTATION, configuration.desiredVersion());
    annotations.put(GeneratedObjects.BASE_ANNOTATION, configuration.base());
    annotations.put(GeneratedObjects.LAYERS_ANNOTATION, String.join(",", configuration.layers()));
    annotations.put(
        GeneratedObjects.CONTENT_HASH_ANNOTATION,
        GeneratedObjects.configurationHash(data, annotations));
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(GeneratedObjects.configMapName(name))
        .withNamespace(device.getMetadata().getNamespace())
        .withLabels(GeneratedObjects.labels(name, GeneratedObjects.CONFIGURATION_COMPONENT))
        .withAnnotations(annotations)
        .withOwnerReferences(ownerReference(device))
        .endMetadata()
        .withData(data)
        .build();
  }

  /** The data of a device's ConfigMap. */
  public static Map<String, String> data(
      ResolvedConfiguration configuration, String registrySecret) {
    Map<String, String> data = new TreeMap<>();
    data.put(GeneratedObjects.MANIFEST_KEY, configuration.manifestJson());
    data.put(GeneratedObjects.PROVENANCE_KEY, configuration.provenanceJson());
    data.put(GeneratedObjects.DESIRED_VERSION_KEY, configuration.desiredVersion());
    if (registrySecret != null) {
      data.put(GeneratedObjects.REGISTRY_SECRET_KEY, registrySecret);
    }
    return data;
  }

  /** The owner reference that ties a generated object to its device (deleted with it). */
  public static OwnerReference ownerReference(EdgeDevice device) {
    return new OwnerReferenceBuilder()
        .withApiVersion(device.getApiVersion())
        .withKind(device.getKind())
        .withName(device.getMetadata().getName())
        .withUid(device.getMetadata().getUid())
        .withController(true)
        .build();
  }

  /** The size of the data in bytes, as the API server will store it (UTF-8). */
  public static long dataBytes(ConfigMap configMap) {
    long bytes = 0;
    for (Map.Entry<String, String> entry : configMap.getData().entrySet()) {
      bytes += entry.getKey().getBytes(StandardCharsets.UTF_8).length;
      bytes += entry.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    return bytes;
  }

  /** Whether the ConfigMap fits the object size limit, with room for metadata. */
  public static boolean fits(ConfigMap configMap) {
    return dataBytes(configMap) + METADATA_ALLOWANCE <= MAX_OBJECT_BYTES;
  }
}

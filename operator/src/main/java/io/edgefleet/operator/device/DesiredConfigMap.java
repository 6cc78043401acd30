package io.edgefleet.operator.device;

import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.engine.resolve.ConfigMapData;
import io.edgefleet.engine.resolve.ResolvedConfiguration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;
import java.util.TreeMap;

/** Builds the ConfigMap a device's agent consumes. Pure. */
public final class DesiredConfigMap {

  private DesiredConfigMap() {}

  /**
   * The ConfigMap for {@code device} holding {@code configuration}.
   *
   * @param registrySecret the device's registry Secret, or null when it has none
   */
  public static ConfigMap build(
      EdgeDevice device, ResolvedConfiguration configuration, String registrySecret) {
    String name = device.getMetadata().getName();
    Map<String, String> data = ConfigMapData.of(configuration, registrySecret);
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
}

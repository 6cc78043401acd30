package io.edgefleet.engine.resolve;

import io.edgefleet.api.contract.GeneratedObjects;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data of the ConfigMap a device receives (docs/concepts.md, "6. What a device receives"), and
 * the one rule on its size: the operator refuses to write a configuration that does not fit ({@code
 * ConfigurationTooLarge}), and {@code edgefleet resolve} refuses it the same way.
 */
public final class ConfigMapData {

  /** The API server's limit on one object (etcd's request limit), in bytes. */
  public static final int MAX_OBJECT_BYTES = 1024 * 1024;

  /** Room left for metadata and encoding when checking the data against the limit. */
  public static final int METADATA_ALLOWANCE = 16 * 1024;

  private ConfigMapData() {}

  /**
   * The data of a device's ConfigMap.
   *
   * @param registrySecret the name of the device's registry Secret, or null when it has none
   */
  public static Map<String, String> of(ResolvedConfiguration configuration, String registrySecret) {
    Map<String, String> data = new TreeMap<>();
    data.put(GeneratedObjects.MANIFEST_KEY, configuration.manifestJson());
    data.put(GeneratedObjects.PROVENANCE_KEY, configuration.provenanceJson());
    data.put(GeneratedObjects.DESIRED_VERSION_KEY, configuration.desiredVersion());
    if (registrySecret != null) {
      data.put(GeneratedObjects.REGISTRY_SECRET_KEY, registrySecret);
    }
    return data;
  }

  /** The size of {@code data} in bytes, as the API server stores it (UTF-8 keys and values). */
  public static long bytes(Map<String, String> data) {
    long bytes = 0;
    for (Map.Entry<String, String> entry : data.entrySet()) {
      bytes += entry.getKey().getBytes(StandardCharsets.UTF_8).length;
      bytes += entry.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    return bytes;
  }

  /**
   * Why {@code data} cannot be written, or null when it fits in one object with room for metadata.
   */
  public static String tooLarge(Map<String, String> data) {
    long bytes = bytes(data);
    if (bytes + METADATA_ALLOWANCE <= MAX_OBJECT_BYTES) {
      return null;
    }
    return "the configuration is "
        + bytes
        + " bytes, more than a ConfigMap can hold ("
        + MAX_OBJECT_BYTES
        + " bytes with metadata); remove modules, module twin settings or routes";
  }
}

package io.edgefleet.operator.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.engine.model.CurrentConfiguration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a device's generated ConfigMap says it holds (desired version, base, layers), verified: the
 * provenance annotations are believed only when the ConfigMap's content hash, which covers its data
 * and those annotations, is the one it was written with. Otherwise (someone edited the data or an
 * annotation) the provenance comes from the data itself ({@code provenance.json} and {@code
 * desiredVersion}). Decisions never rest on an annotation someone could change undetected.
 */
public final class ConfigMapProvenance {

  /**
   * Annotation set only in the operator's lean cache, on a ConfigMap whose hash does not verify:
   * the provenance read from its data before the data was dropped (JSON).
   */
  public static final String OBSERVED_ANNOTATION = "edgefleet.io/observed-provenance";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigMapProvenance() {}

  /**
   * The hash of the data and provenance annotations the API server holds for a (possibly stripped)
   * ConfigMap.
   */
  public static String observedHash(ConfigMap configMap) {
    String observed = annotation(configMap, GeneratedObjects.OBSERVED_HASH_ANNOTATION);
    return observed != null
        ? observed
        : GeneratedObjects.configurationHash(
            configMap.getData(), configMap.getMetadata().getAnnotations());
  }

  /** Whether the ConfigMap's data and provenance annotations are as the operator wrote them. */
  public static boolean verified(ConfigMap configMap) {
    String written = annotation(configMap, GeneratedObjects.CONTENT_HASH_ANNOTATION);
    return written != null && written.equals(observedHash(configMap));
  }

  /** What a generated ConfigMap holds, or null when there is none (or it says nothing). */
  public static CurrentConfiguration current(ConfigMap configMap) {
    if (configMap == null) {
      return null;
    }
    if (verified(configMap)) {
      return fromAnnotations(configMap);
    }
    String fromData =
        configMap.getData() != null
            ? fromData(configMap.getData())
            : annotation(configMap, OBSERVED_ANNOTATION);
    return fromData == null ? unverifiable(configMap) : decode(fromData);
  }

  /**
   * The provenance a ConfigMap's data holds, encoded for {@link #OBSERVED_ANNOTATION}, or null when
   * the data does not say.
   */
  public static String fromData(Map<String, String> data) {
    if (data == null) {
      return null;
    }
    String version = data.get(GeneratedObjects.DESIRED_VERSION_KEY);
    String provenance = data.get(GeneratedObjects.PROVENANCE_KEY);
    if (version == null || version.isBlank() || provenance == null) {
      return null;
    }
    try {
      JsonNode tree = JSON.readTree(provenance);
      ObjectNode encoded = JSON.createObjectNode();
      encoded.put("desiredVersion", version.trim());
      if (tree.path("base").isTextual()) {
        encoded.put("base", tree.get("base").asText());
      }
      ArrayNode layers = encoded.putArray("layers");
      for (JsonNode layer : tree.path("layers")) {
        if (layer.isTextual()) {
          layers.add(layer.asText());
        }
      }
      return JSON.writeValueAsString(encoded);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The annotations with the provenance its data holds put back, when that makes the content hash
   * verify (only annotations were edited); null otherwise.
   */
  public static Map<String, String> repairedAnnotations(
      Map<String, String> data, Map<String, String> annotations) {
    CurrentConfiguration fromData = decode(fromData(data));
    if (fromData == null || annotations == null) {
      return null;
    }
    Map<String, String> repaired = new HashMap<>(annotations);
    repaired.put(GeneratedObjects.DESIRED_VERSION_ANNOTATION, fromData.desiredVersion());
    if (fromData.base() == null) {
      repaired.remove(GeneratedObjects.BASE_ANNOTATION);
    } else {
      repaired.put(GeneratedObjects.BASE_ANNOTATION, fromData.base());
    }
    repaired.put(GeneratedObjects.LAYERS_ANNOTATION, String.join(",", fromData.layers()));
    String written = annotations.get(GeneratedObjects.CONTENT_HASH_ANNOTATION);
    return written != null && written.equals(GeneratedObjects.configurationHash(data, repaired))
        ? repaired
        : null;
  }

  private static CurrentConfiguration decode(String encoded) {
    if (encoded == null) {
      return null;
    }
    try {
      JsonNode tree = JSON.readTree(encoded);
      List<String> layers = new ArrayList<>();
      tree.path("layers").forEach(l -> layers.add(l.asText()));
      return new CurrentConfiguration(
          tree.path("desiredVersion").asText(),
          tree.path("base").isTextual() ? tree.get("base").asText() : null,
          layers);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Neither the annotations nor the data can be believed: the device has a configuration, but where
   * it came from is unknown.
   */
  private static CurrentConfiguration unverifiable(ConfigMap configMap) {
    String version = annotation(configMap, GeneratedObjects.DESIRED_VERSION_ANNOTATION);
    return version == null ? null : new CurrentConfiguration(version, null, List.of());
  }

  private static CurrentConfiguration fromAnnotations(ConfigMap configMap) {
    Map<String, String> annotations = configMap.getMetadata().getAnnotations();
    String version = annotations.get(GeneratedObjects.DESIRED_VERSION_ANNOTATION);
    if (version == null) {
      return null;
    }
    String layers = annotations.getOrDefault(GeneratedObjects.LAYERS_ANNOTATION, "");
    return new CurrentConfiguration(
        version,
        annotations.get(GeneratedObjects.BASE_ANNOTATION),
        layers.isBlank() ? List.of() : Arrays.asList(layers.split(",")));
  }

  private static String annotation(ConfigMap configMap, String key) {
    Map<String, String> annotations = configMap.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}

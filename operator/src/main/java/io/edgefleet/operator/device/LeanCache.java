package io.edgefleet.operator.device;

import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.operator.fleet.ConfigMapProvenance;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the operator's caches of generated objects small: a cached ConfigMap or registry Secret
 * keeps its metadata and the hash of its data, not the data itself. Whether an object is current is
 * then a comparison of hashes. Also the content test that tells the operator's own writes (data
 * that matches the hash it was written with) from changes someone else made.
 */
public final class LeanCache {

  private LeanCache() {}

  /**
   * Drops a ConfigMap's data, keeping its hash (over data and provenance annotations) and, when
   * that hash is not the one it was written with, the provenance its data holds. Changes and
   * returns the given object.
   */
  public static ConfigMap strip(ConfigMap configMap) {
    if (configMap.getData() != null || configMap.getBinaryData() != null) {
      String hash = hash(configMap);
      observe(configMap, GeneratedObjects.OBSERVED_HASH_ANNOTATION, hash);
      if (!hash.equals(annotation(configMap, GeneratedObjects.CONTENT_HASH_ANNOTATION))) {
        String provenance = ConfigMapProvenance.fromData(configMap.getData());
        if (provenance != null) {
          observe(configMap, ConfigMapProvenance.OBSERVED_ANNOTATION, provenance);
        }
      }
      configMap.setData(null);
      configMap.setBinaryData(null);
    }
    return configMap;
  }

  /**
   * Drops the data of Secrets the operator does not need whole: its own registry Secrets (keeping
   * their hash) and Secrets not meant for registry credentials (which it never reads).
   */
  public static Secret strip(Secret secret) {
    boolean generated = isGenerated(secret);
    boolean credentialType = DesiredRegistrySecret.meantForRegistryCredentials(secret);
    if ((generated || !credentialType)
        && (secret.getData() != null || secret.getStringData() != null)) {
      if (generated) {
        observe(
            secret,
            GeneratedObjects.OBSERVED_HASH_ANNOTATION,
            GeneratedObjects.contentHash(secret.getData()));
      }
      secret.setData(null);
      secret.setStringData(null);
    }
    return secret;
  }

  /** Whether an object carries EdgeFleet's managed-by label. */
  public static boolean isGenerated(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels != null
        && GeneratedObjects.MANAGED_BY.equals(labels.get(GeneratedObjects.MANAGED_BY_LABEL));
  }

  /**
   * The hash of the data and provenance annotations the API server holds for a (possibly stripped)
   * ConfigMap.
   */
  public static String observedHash(ConfigMap configMap) {
    return ConfigMapProvenance.observedHash(configMap);
  }

  private static String hash(ConfigMap configMap) {
    return GeneratedObjects.configurationHash(
        configMap.getData(), configMap.getMetadata().getAnnotations());
  }

  /** The hash of the data the API server holds for a (possibly stripped) Secret. */
  public static String observedHash(Secret secret) {
    String observed = annotation(secret, GeneratedObjects.OBSERVED_HASH_ANNOTATION);
    return observed != null ? observed : GeneratedObjects.contentHash(secret.getData());
  }

  /**
   * Whether the object's data and provenance annotations are what the operator wrote with them:
   * true for the operator's own writes, false when someone changed either since.
   */
  public static boolean selfConsistent(ConfigMap configMap) {
    return ConfigMapProvenance.verified(configMap);
  }

  /** Same as {@link #selfConsistent(ConfigMap)} for a registry Secret. */
  public static boolean selfConsistent(Secret secret) {
    String written = annotation(secret, GeneratedObjects.CONTENT_HASH_ANNOTATION);
    return written != null && written.equals(observedHash(secret));
  }

  static String annotation(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  private static void observe(HasMetadata object, String key, String value) {
    Map<String, String> annotations =
        object.getMetadata().getAnnotations() == null
            ? new HashMap<>()
            : new HashMap<>(object.getMetadata().getAnnotations());
    annotations.put(key, value);
    object.getMetadata().setAnnotations(annotations);
  }
}

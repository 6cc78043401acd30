package io.edgefleet.api.contract;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Names, labels, annotations and data keys of the objects EdgeFleet generates for a device: its
 * ConfigMap (what the agent runs) and, when registry credentials apply, its registry Secret. This
 * is the contract with device agents; docs/operations.md describes it.
 */
public final class GeneratedObjects {

  /** Label on every generated object. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  /** Value of {@link #MANAGED_BY_LABEL}. */
  public static final String MANAGED_BY = "edgefleet";

  /** Label saying what a generated object is. */
  public static final String COMPONENT_LABEL = "app.kubernetes.io/component";

  /** {@link #COMPONENT_LABEL} of a device ConfigMap. */
  public static final String CONFIGURATION_COMPONENT = "device-configuration";

  /** {@link #COMPONENT_LABEL} of a device registry Secret. */
  public static final String CREDENTIALS_COMPONENT = "registry-credentials";

  /** Label naming the device (its name, or a hash when the name is no valid label value). */
  public static final String DEVICE_LABEL = "edgefleet.io/device";

  /** Selects the objects EdgeFleet generates. */
  public static final String MANAGED_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;

  /** Annotation: the content hash of the manifest (the desired version). */
  public static final String DESIRED_VERSION_ANNOTATION = "edgefleet.io/desired-version";

  /** Annotation: the base deployment. */
  public static final String BASE_ANNOTATION = "edgefleet.io/base-deployment";

  /** Annotation: the layered deployments, comma-separated, in applied order. */
  public static final String LAYERS_ANNOTATION = "edgefleet.io/layers";

  /**
   * Annotation: hash of every data entry as written and, on a ConfigMap, of its provenance
   * annotations ({@link #PROVENANCE_ANNOTATIONS}); tells whether the object is as written.
   */
  public static final String CONTENT_HASH_ANNOTATION = "edgefleet.io/content-hash";

  /**
   * Annotation set only in the operator's lean cache: the hash of the data the API server holds,
   * computed when the data was dropped from the cached copy.
   */
  public static final String OBSERVED_HASH_ANNOTATION = "edgefleet.io/observed-content-hash";

  /**
   * A ConfigMap's annotations that say where its content came from; its content hash covers them,
   * so an edit of one is detected like an edit of the data.
   */
  public static final List<String> PROVENANCE_ANNOTATIONS =
      List.of(DESIRED_VERSION_ANNOTATION, BASE_ANNOTATION, LAYERS_ANNOTATION);

  /** ConfigMap key: the IoT Edge deployment manifest (canonical JSON). */
  public static final String MANIFEST_KEY = "manifest.json";

  /** ConfigMap key: which deployment supplied each part (JSON). */
  public static final String PROVENANCE_KEY = "provenance.json";

  /** ConfigMap key: the desired version, as plain text. */
  public static final String DESIRED_VERSION_KEY = "desiredVersion";

  /** ConfigMap key: the name of the device's registry Secret, when it has one. */
  public static final String REGISTRY_SECRET_KEY = "registrySecret";

  private static final int MAX_NAME = 253;
  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  private GeneratedObjects() {}

  /** The name of a device's ConfigMap. */
  public static String configMapName(String device) {
    return bounded("edgefleet-" + device);
  }

  /** The name of a device's registry Secret. */
  public static String registrySecretName(String device) {
    return bounded("edgefleet-" + device + "-registry");
  }

  /** The value of {@link #DEVICE_LABEL} for a device. */
  public static String deviceLabelValue(String device) {
    if (device.length() <= 63 && LABEL_VALUE.matcher(device).matches()) {
      return device;
    }
    return "h-" + ContentHash.of(device);
  }

  /** The labels of a generated object. */
  public static Map<String, String> labels(String device, String component) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    labels.put(COMPONENT_LABEL, component);
    labels.put(DEVICE_LABEL, deviceLabelValue(device));
    return labels;
  }

  /** The hash of a set of data entries, independent of their order. */
  public static String contentHash(Map<String, String> data) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(data == null ? Map.of() : data)
        .forEach((k, v) -> text.append(k).append('\0').append(v).append('\0'));
    return ContentHash.of(text.toString());
  }

  /**
   * The content hash of a device ConfigMap: its data and its provenance annotations (absent and
   * empty differ). Data keys cannot start with {@code @}, so the two never mix.
   */
  public static String configurationHash(
      Map<String, String> data, Map<String, String> annotations) {
    Map<String, String> covered = new TreeMap<>(data == null ? Map.of() : data);
    for (String key : PROVENANCE_ANNOTATIONS) {
      String value = annotations == null ? null : annotations.get(key);
      covered.put("@" + key, value == null ? "-" : "=" + value);
    }
    return contentHash(covered);
  }

  private static String bounded(String name) {
    if (name.length() <= MAX_NAME) {
      return name;
    }
    String hash = ContentHash.of(name);
    return name.substring(0, MAX_NAME - hash.length() - 1) + "-" + hash;
  }
}

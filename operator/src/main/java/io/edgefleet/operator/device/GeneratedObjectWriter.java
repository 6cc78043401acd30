package io.edgefleet.operator.device;

import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.engine.resolve.ConfigMapData;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.Outcome;
import io.edgefleet.engine.resolve.ResolvedConfiguration;
import io.edgefleet.operator.fleet.ConfigMapProvenance;
import io.edgefleet.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes a device's generated ConfigMap and registry Secret when, and only when, they differ from
 * what the decision says. Refuses (writes nothing) when the configuration would be too large, a
 * referenced Secret is missing, or the generated name is taken by someone else's object.
 */
public final class GeneratedObjectWriter {

  private final KubernetesClient client;
  private final GeneratedObjectCache<ConfigMap> configMaps;
  private final GeneratedObjectCache<Secret> secrets;
  private final OperatorMetrics metrics;

  public GeneratedObjectWriter(
      KubernetesClient client,
      GeneratedObjectCache<ConfigMap> configMaps,
      GeneratedObjectCache<Secret> secrets,
      OperatorMetrics metrics) {
    this.client = client;
    this.configMaps = configMaps;
    this.secrets = secrets;
    this.metrics = metrics;
  }

  /**
   * The cached ConfigMap with the device's generated name (data stripped), or null. It may belong
   * to someone else: see {@link Ownership}.
   */
  public ConfigMap cachedConfigMap(EdgeDevice device) {
    return configMaps.get(id(GeneratedObjects.configMapName(name(device)), device)).orElse(null);
  }

  /** Writes what {@code decision} needs. */
  public ApplyResult apply(EdgeDevice device, DeviceDecision decision, ConfigMap cachedConfigMap) {
    Secret cachedSecret =
        secrets.get(id(GeneratedObjects.registrySecretName(name(device)), device)).orElse(null);
    // someone else's ConfigMap may have the generated name (and our labels): never touch it
    boolean foreign = cachedConfigMap != null && !Ownership.ownedBy(cachedConfigMap, device);
    if (decision.outcome() != Outcome.APPLY) {
      if (cachedConfigMap != null && !foreign && !ConfigMapProvenance.verified(cachedConfigMap)) {
        repairProvenance(device, cachedConfigMap);
      }
      return new ApplyResult(
          ApplyResult.Kind.KEPT,
          foreign ? null : nameOf(cachedConfigMap),
          ownedName(cachedSecret, device),
          null);
    }
    if (foreign) {
      return nameConflict(cachedConfigMap, null, ownedOrNull(cachedSecret, device));
    }
    ResolvedConfiguration configuration = decision.configuration();
    Secret desiredSecret = null;
    if (!configuration.registryCredentials().isEmpty()) {
      DesiredRegistrySecret.Result secret =
          DesiredRegistrySecret.build(device, configuration, userSecrets(device));
      if (secret.problem() != null) {
        return refused(
            secret.problem() == DesiredRegistrySecret.Problem.REFUSED
                ? ApplyResult.Kind.SECRET_REFUSED
                : ApplyResult.Kind.SECRET_MISSING,
            secret.message(),
            cachedConfigMap,
            ownedOrNull(cachedSecret, device));
      }
      desiredSecret = secret.secret();
    }
    ConfigMap desired = DesiredConfigMap.build(device, configuration, nameOf(desiredSecret));
    String tooLarge = ConfigMapData.tooLarge(desired.getData());
    if (tooLarge != null) {
      return refused(ApplyResult.Kind.TOO_LARGE, tooLarge, cachedConfigMap, cachedSecret);
    }
    if (desiredSecret != null && cachedSecret != null && !Ownership.ownedBy(cachedSecret, device)) {
      // the Secret cache holds every Secret of the namespace: never take over someone else's
      return nameConflict(cachedSecret, cachedConfigMap, null);
    }
    boolean wrote = false;
    if (desiredSecret != null && !isCurrent(cachedSecret, desiredSecret)) {
      if (!write(device, desiredSecret, cachedSecret, secrets)) {
        return nameConflict(desiredSecret, cachedConfigMap, cachedSecret);
      }
      wrote = true;
    }
    if (!isCurrent(cachedConfigMap, desired)) {
      if (!write(device, desired, cachedConfigMap, configMaps)) {
        return nameConflict(desired, cachedConfigMap, cachedSecret);
      }
      wrote = true;
    }
    if (desiredSecret == null && cachedSecret != null && Ownership.ownedBy(cachedSecret, device)) {
      // no credentials apply any more: the ConfigMap no longer names the Secret
      client.resource(cachedSecret).delete();
      metrics.apiWrite("Secret", "delete");
      wrote = true;
    }
    return new ApplyResult(
        wrote ? ApplyResult.Kind.WRITTEN : ApplyResult.Kind.UNCHANGED,
        nameOf(desired),
        nameOf(desiredSecret),
        null);
  }

  /**
   * A kept configuration whose provenance annotations someone edited: puts back what its data says
   * when the data is as written (its content hash then verifies again). Data someone changed is
   * left alone here: only a new decision replaces it.
   */
  private void repairProvenance(EdgeDevice device, ConfigMap cached) {
    ConfigMap live =
        client
            .configMaps()
            .inNamespace(device.getMetadata().getNamespace())
            .withName(cached.getMetadata().getName())
            .get();
    if (live == null || !Ownership.ownedBy(live, device)) {
      return;
    }
    Map<String, String> annotations =
        ConfigMapProvenance.repairedAnnotations(
            live.getData(), live.getMetadata().getAnnotations());
    if (annotations == null) {
      return;
    }
    live.getMetadata().setAnnotations(annotations);
    ConfigMap updated = client.resource(live).update();
    metrics.apiWrite("ConfigMap", "update");
    configMaps.updated(ResourceID.fromResource(device), updated, cached);
  }

  private Secret userSecret(String namespace, String name) {
    return secrets.get(new ResourceID(name, namespace)).orElse(null);
  }

  private static ApplyResult refused(
      ApplyResult.Kind kind, String message, ConfigMap cachedConfigMap, Secret cachedSecret) {
    return new ApplyResult(kind, nameOf(cachedConfigMap), nameOf(cachedSecret), message);
  }

  /**
   * A refusal because an object with the generated name of {@code taken} exists and is someone
   * else's; the device's own objects, as cached, are reported.
   */
  private static ApplyResult nameConflict(
      HasMetadata taken, ConfigMap cachedConfigMap, Secret cachedSecret) {
    String kind = taken instanceof Secret ? "Secret" : "ConfigMap";
    return refused(
        ApplyResult.Kind.NAME_CONFLICT,
        kind + " " + nameOf(taken) + " exists and is not owned by this EdgeDevice",
        cachedConfigMap,
        cachedSecret);
  }

  /** Whether the cached object holds the desired data, labels and owner. */
  static boolean isCurrent(HasMetadata cached, HasMetadata desired) {
    if (cached == null) {
      return false;
    }
    String wanted = LeanCache.annotation(desired, GeneratedObjects.CONTENT_HASH_ANNOTATION);
    String observed =
        cached instanceof ConfigMap cm
            ? LeanCache.observedHash(cm)
            : LeanCache.observedHash((Secret) cached);
    ObjectMeta meta = cached.getMetadata();
    return Objects.equals(
            wanted, LeanCache.annotation(cached, GeneratedObjects.CONTENT_HASH_ANNOTATION))
        && Objects.equals(wanted, observed)
        && containsAll(meta.getLabels(), desired.getMetadata().getLabels())
        && containsAll(meta.getAnnotations(), desired.getMetadata().getAnnotations())
        && meta.getOwnerReferences() != null
        && meta.getOwnerReferences().containsAll(desired.getMetadata().getOwnerReferences());
  }

  /**
   * Creates or updates {@code desired}; false when the name belongs to an object EdgeFleet does not
   * manage. A stale cached copy makes the update fail with a conflict, which is retried.
   */
  private <R extends HasMetadata> boolean write(
      EdgeDevice device, R desired, R cached, GeneratedObjectCache<R> source) {
    ResourceID owner = ResourceID.fromResource(device);
    String kind = desired.getKind();
    if (cached == null) {
      try {
        R created = client.resource(desired).create();
        metrics.apiWrite(kind, "create");
        source.created(owner, created);
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || desired instanceof Secret) {
          // the Secret cache holds every Secret, so a conflict means it is behind: retry later
          throw e;
        }
        R existing = client.resource(desired).get();
        if (existing == null) {
          throw e;
        }
        if (!Ownership.ownedBy(existing, device)) {
          return false;
        }
        // ours, but not in the cache (its labels were removed): adopt it, labels repaired below
        cached = existing;
      }
    } else if (!Ownership.ownedBy(cached, device)) {
      return false;
    }
    keepForeignMetadata(desired, cached);
    desired.getMetadata().setResourceVersion(cached.getMetadata().getResourceVersion());
    R updated = client.resource(desired).update();
    metrics.apiWrite(kind, "update");
    source.updated(owner, updated, cached);
    return true;
  }

  /** Keeps labels and annotations others put on the object (the cache's own marker excepted). */
  private static void keepForeignMetadata(HasMetadata desired, HasMetadata cached) {
    ObjectMeta meta = desired.getMetadata();
    Map<String, String> labels = new HashMap<>();
    if (cached.getMetadata().getLabels() != null) {
      labels.putAll(cached.getMetadata().getLabels());
    }
    labels.putAll(meta.getLabels());
    meta.setLabels(labels);
    Map<String, String> annotations = new HashMap<>();
    if (cached.getMetadata().getAnnotations() != null) {
      annotations.putAll(cached.getMetadata().getAnnotations());
    }
    annotations.remove(GeneratedObjects.OBSERVED_HASH_ANNOTATION);
    annotations.putAll(meta.getAnnotations());
    meta.setAnnotations(annotations);
  }

  private static boolean containsAll(Map<String, String> actual, Map<String, String> wanted) {
    if (wanted == null || wanted.isEmpty()) {
      return true;
    }
    return actual != null && actual.entrySet().containsAll(wanted.entrySet());
  }

  private static ResourceID id(String name, EdgeDevice device) {
    return new ResourceID(name, device.getMetadata().getNamespace());
  }

  private static String name(EdgeDevice device) {
    return device.getMetadata().getName();
  }

  /** The object when it is the device's own, otherwise null. */
  private static <R extends HasMetadata> R ownedOrNull(R object, EdgeDevice device) {
    return Ownership.ownedBy(object, device) ? object : null;
  }

  /** The name of the device's own object, or null for none or for someone else's. */
  private static String ownedName(HasMetadata object, EdgeDevice device) {
    return Ownership.ownedBy(object, device) ? nameOf(object) : null;
  }

  private static String nameOf(HasMetadata object) {
    return object == null ? null : object.getMetadata().getName();
  }

  /** A lookup of users' Secrets by name in the device's namespace. */
  Function<String, Secret> userSecrets(EdgeDevice device) {
    return name -> userSecret(device.getMetadata().getNamespace(), name);
  }
}

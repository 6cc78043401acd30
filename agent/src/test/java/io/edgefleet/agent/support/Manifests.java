package io.edgefleet.agent.support;

import io.edgefleet.api.contract.ContentHash;
import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.engine.resolve.ConfigurationMerger;
import io.edgefleet.engine.resolve.PreparedDeployment;
import io.edgefleet.engine.resolve.ResolvedConfiguration;
import io.edgefleet.operator.device.DesiredConfigMap;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.testfixtures.Fixtures;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Manifests and ConfigMaps exactly as the operator writes them (through the real engine). */
public final class Manifests {

  private Manifests() {}

  /** The configuration the engine resolves for a standard deployment alone. */
  public static ResolvedConfiguration resolve(EdgeDeployment deployment) {
    PreparedDeployment prepared = PreparedDeployment.prepare(DeploymentCatalog.source(deployment));
    if (!prepared.valid()) {
      throw new IllegalArgumentException("invalid test deployment: " + prepared.validity());
    }
    return ConfigurationMerger.merge(prepared, List.of());
  }

  /** The ConfigMap the operator writes for {@code device} running {@code deployment}. */
  public static ConfigMap configMap(String namespace, String device, EdgeDeployment deployment) {
    ResolvedConfiguration resolved = resolve(deployment);
    EdgeDevice owner = Fixtures.device(namespace, device);
    owner.getMetadata().setUid("uid-" + device);
    String secret =
        resolved.registryCredentials().isEmpty()
            ? null
            : GeneratedObjects.registrySecretName(device);
    return DesiredConfigMap.build(owner, resolved, secret);
  }

  /** A device ConfigMap with hand-written manifest text, whose desired version is its hash. */
  public static ConfigMap configMap(String namespace, String device, String manifest) {
    return configMap(namespace, device, manifest, ContentHash.of(manifest));
  }

  /** A device ConfigMap with hand-written manifest text and desired version. */
  public static ConfigMap configMap(
      String namespace, String device, String manifest, String version) {
    Map<String, String> data = new LinkedHashMap<>();
    if (manifest != null) {
      data.put(GeneratedObjects.MANIFEST_KEY, manifest);
    }
    data.put(GeneratedObjects.DESIRED_VERSION_KEY, version);
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(GeneratedObjects.configMapName(device))
        .withLabels(GeneratedObjects.labels(device, GeneratedObjects.CONFIGURATION_COMPONENT))
        .endMetadata()
        .withData(data)
        .build();
  }

  /** A device's registry Secret with one credential. */
  public static Secret registrySecret(
      String namespace, String device, String credential, String user, String password) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(GeneratedObjects.registrySecretName(device))
        .withLabels(GeneratedObjects.labels(device, GeneratedObjects.CREDENTIALS_COMPONENT))
        .endMetadata()
        .withData(
            Map.of(
                credential + ".username", encode(user),
                credential + ".password", encode(password)))
        .build();
  }

  private static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}

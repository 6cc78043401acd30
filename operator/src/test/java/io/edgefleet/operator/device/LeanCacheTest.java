package io.edgefleet.operator.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.api.contract.GeneratedObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lean caches drop data the operator does not need and keep what tells its own writes from
 * anyone else's: one row per kind of change to a generated object.
 */
class LeanCacheTest {

  /** A device ConfigMap as the operator writes it: data, provenance, the hash over both. */
  private static ConfigMap written() {
    Map<String, String> annotations = new HashMap<>();
    annotations.put(GeneratedObjects.DESIRED_VERSION_ANNOTATION, "v1");
    annotations.put(GeneratedObjects.BASE_ANNOTATION, "base");
    annotations.put(GeneratedObjects.LAYERS_ANNOTATION, "");
    Map<String, String> data = new HashMap<>(Map.of(GeneratedObjects.MANIFEST_KEY, "{\"a\":1}"));
    annotations.put(
        GeneratedObjects.CONTENT_HASH_ANNOTATION,
        GeneratedObjects.configurationHash(data, annotations));
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("edgefleet-d1")
        .withNamespace("ns")
        .withLabels(Map.of(GeneratedObjects.MANAGED_BY_LABEL, GeneratedObjects.MANAGED_BY))
        .withAnnotations(annotations)
        .endMetadata()
        .withData(data)
        .build();
  }

  static Stream<Arguments> configMapChanges() {
    return Stream.<Arguments>of(
        Arguments.of("as written", (Consumer<ConfigMap>) cm -> {}, true),
        Arguments.of(
            "data edited",
            (Consumer<ConfigMap>)
                cm -> cm.getData().put(GeneratedObjects.MANIFEST_KEY, "{\"a\":2}"),
            false),
        Arguments.of(
            "a data key added", (Consumer<ConfigMap>) cm -> cm.getData().put("extra", "x"), false),
        Arguments.of(
            "the base annotation edited",
            (Consumer<ConfigMap>)
                cm ->
                    cm.getMetadata()
                        .getAnnotations()
                        .put(GeneratedObjects.BASE_ANNOTATION, "ghost"),
            false),
        Arguments.of(
            "the content hash edited",
            (Consumer<ConfigMap>)
                cm ->
                    cm.getMetadata()
                        .getAnnotations()
                        .put(GeneratedObjects.CONTENT_HASH_ANNOTATION, "0000"),
            false),
        Arguments.of(
            "a label removed (ownership is by owner reference, not labels)",
            (Consumer<ConfigMap>) cm -> cm.getMetadata().setLabels(null),
            true));
  }

  @ParameterizedTest(name = "{0}: self-consistent {2}")
  @MethodSource("configMapChanges")
  void aStrippedConfigMapStillTellsTheOperatorsWriteFromAnEdit(
      String change, Consumer<ConfigMap> edit, boolean consistent) {
    ConfigMap full = written();
    edit.accept(full);
    String hashBefore = LeanCache.observedHash(full);
    boolean consistentBefore = LeanCache.selfConsistent(full);

    ConfigMap stripped = LeanCache.strip(written(edit));
    assertThat(stripped.getData()).as("data dropped").isNull();
    assertThat(LeanCache.observedHash(stripped)).as("hash kept").isEqualTo(hashBefore);
    assertThat(LeanCache.selfConsistent(stripped)).as(change).isEqualTo(consistent);
    assertThat(consistentBefore).as(change + ", before stripping").isEqualTo(consistent);
  }

  private static ConfigMap written(Consumer<ConfigMap> edit) {
    ConfigMap configMap = written();
    edit.accept(configMap);
    return configMap;
  }

  private static Secret secret(String type, Map<String, String> labels) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("s")
        .withNamespace("ns")
        .withLabels(labels)
        .endMetadata()
        .withType(type)
        .withData(Map.of("password", "c2VjcmV0"))
        .build();
  }

  static Stream<Arguments> secrets() {
    return Stream.of(
        Arguments.of(
            "a basic-auth Secret (may hold credentials)",
            "kubernetes.io/basic-auth",
            Map.of(),
            true),
        Arguments.of("a dockerconfigjson Secret", "kubernetes.io/dockerconfigjson", Map.of(), true),
        Arguments.of(
            "an Opaque Secret labelled for registry credentials",
            "Opaque",
            Map.of("edgefleet.io/registry-credential", "true"),
            true),
        Arguments.of("an Opaque Secret (never read: data dropped)", "Opaque", Map.of(), false),
        Arguments.of(
            "the operator's own registry Secret (hash kept, data dropped)",
            "Opaque",
            Map.of(GeneratedObjects.MANAGED_BY_LABEL, GeneratedObjects.MANAGED_BY),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secrets")
  void secretsKeepTheirDataOnlyWhenTheOperatorMayReadCredentialsFromThem(
      String kind, String type, Map<String, String> labels, boolean keepsData) {
    Secret secret = secret(type, labels);
    String hash = GeneratedObjects.contentHash(secret.getData());
    Secret stripped = LeanCache.strip(secret);
    assertThat(stripped.getData() != null).as(kind).isEqualTo(keepsData);
    if (LeanCache.isGenerated(stripped)) {
      assertThat(LeanCache.observedHash(stripped)).isEqualTo(hash);
    }
  }
}

package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * One resource type the sandbox serves, as discovery describes it.
 *
 * @param group the API group, empty for the core group
 * @param version the version, e.g. {@code v1}
 * @param plural the resource name in paths, e.g. {@code configmaps}
 * @param singular the singular name, e.g. {@code configmap}
 * @param kind the kind, e.g. {@code ConfigMap}
 * @param namespaced whether objects live in a namespace
 * @param verbs the verbs discovery lists
 * @param shortNames short names kubectl accepts, e.g. {@code cm}
 * @param categories categories, e.g. {@code edgefleet}
 * @param subresources subresources, e.g. {@code status}
 * @param custom whether a CustomResourceDefinition defines it
 */
record ApiResource(
    String group,
    String version,
    String plural,
    String singular,
    String kind,
    boolean namespaced,
    List<String> verbs,
    List<String> shortNames,
    List<String> categories,
    Set<String> subresources,
    boolean custom) {

  static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  ApiResource {
    verbs = List.copyOf(verbs);
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
    subresources = Set.copyOf(subresources);
  }

  /** {@code v1} or {@code group/version}. */
  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code configmaps} or {@code edgedevices.edgefleet.io}, as in the API server's messages. */
  String qualifiedPlural() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** {@code ConfigMap} or {@code EdgeDevice.edgefleet.io}. */
  String qualifiedKind() {
    return group.isEmpty() ? kind : kind + "." + group;
  }

  /** {@code /api/v1} or {@code /apis/group/version}. */
  String groupVersionPath() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }

  /** The path of the collection in {@code namespace} (ignored for cluster-scoped resources). */
  String collectionPath(String namespace) {
    if (namespaced && namespace != null && !namespace.isEmpty()) {
      return groupVersionPath() + "/namespaces/" + namespace + "/" + plural;
    }
    return groupVersionPath() + "/" + plural;
  }

  /** The path of one object. */
  String objectPath(String namespace, String name) {
    return collectionPath(namespace) + "/" + name;
  }

  /**
   * Whether the API server keeps {@code metadata.generation} for this kind (custom resources and
   * CRDs do; ConfigMaps, Secrets, Namespaces and the other built-in kinds served here do not).
   */
  boolean hasGeneration() {
    return custom || plural.equals("customresourcedefinitions");
  }

  /** The object as the API server shows it (the store keeps a generation for every kind). */
  <T extends JsonNode> T present(T object) {
    if (!hasGeneration() && object.path("metadata") instanceof ObjectNode m) {
      m.remove("generation");
    }
    return object;
  }

  boolean hasStatus() {
    return subresources.contains("status");
  }

  /** Whether the resource stores objects (reviews are answered, not stored). */
  boolean stored() {
    return verbs.contains("get");
  }
}

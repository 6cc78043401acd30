package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every resource type the sandbox serves: a fixed set of built-in kinds, and the types defined by
 * the CustomResourceDefinitions stored in it (registered when a CRD is created or updated).
 */
final class ResourceCatalog {

  private static final List<String> REVIEW_VERBS = List.of("create");

  private final List<ApiResource> builtins;
  private final Map<String, CustomResourceType> customByCrdName = new LinkedHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  ResourceCatalog() {
    List<ApiResource> b = new ArrayList<>();
    b.add(builtin("", "v1", "namespaces", "Namespace", false, List.of("ns"), Set.of("status")));
    b.add(builtin("", "v1", "configmaps", "ConfigMap", true, List.of("cm"), Set.of()));
    b.add(builtin("", "v1", "secrets", "Secret", true, List.of(), Set.of()));
    b.add(builtin("", "v1", "events", "Event", true, List.of("ev"), Set.of()));
    b.add(builtin("", "v1", "serviceaccounts", "ServiceAccount", true, List.of("sa"), Set.of()));
    b.add(builtin("coordination.k8s.io", "v1", "leases", "Lease", true, List.of(), Set.of()));
    b.add(
        builtin(
            "apps", "v1", "controllerrevisions", "ControllerRevision", true, List.of(), Set.of()));
    b.add(builtin("events.k8s.io", "v1", "events", "Event", true, List.of("ev"), Set.of()));
    String rbac = "rbac.authorization.k8s.io";
    b.add(builtin(rbac, "v1", "roles", "Role", true, List.of(), Set.of()));
    b.add(builtin(rbac, "v1", "rolebindings", "RoleBinding", true, List.of(), Set.of()));
    b.add(builtin(rbac, "v1", "clusterroles", "ClusterRole", false, List.of(), Set.of()));
    b.add(
        builtin(
            rbac, "v1", "clusterrolebindings", "ClusterRoleBinding", false, List.of(), Set.of()));
    b.add(
        builtin(
            "apiextensions.k8s.io",
            "v1",
            "customresourcedefinitions",
            "CustomResourceDefinition",
            false,
            List.of("crd", "crds"),
            Set.of("status")));
    String authz = "authorization.k8s.io";
    b.add(review(authz, "selfsubjectrulesreviews", "SelfSubjectRulesReview", false));
    b.add(review(authz, "selfsubjectaccessreviews", "SelfSubjectAccessReview", false));
    b.add(review(authz, "subjectaccessreviews", "SubjectAccessReview", false));
    b.add(review(authz, "localsubjectaccessreviews", "LocalSubjectAccessReview", true));
    this.builtins = List.copyOf(b);
  }

  /** Registers (or replaces) the types a CRD defines. */
  synchronized void register(CustomResourceType type) {
    customByCrdName.put(type.crdName(), type);
    generation.incrementAndGet();
  }

  /** Removes the types of a CRD; returns what was registered. */
  synchronized Optional<CustomResourceType> unregister(String crdName) {
    CustomResourceType removed = customByCrdName.remove(crdName);
    generation.incrementAndGet();
    return Optional.ofNullable(removed);
  }

  /** Changes whenever a CRD is registered or removed (to invalidate derived documents). */
  long generation() {
    return generation.get();
  }

  /** The resource at {@code group/version/plural}. */
  synchronized Optional<ApiResource> find(String group, String version, String plural) {
    for (ApiResource r : all()) {
      if (r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The resource whose objects have this apiVersion and kind. */
  synchronized Optional<ApiResource> byKind(String apiVersion, String kind) {
    for (ApiResource r : all()) {
      if (r.apiVersion().equals(apiVersion) && r.kind().equals(kind) && r.stored()) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The custom type serving {@code group/plural}, when a CRD defines it. */
  synchronized Optional<CustomResourceType> custom(String group, String plural) {
    for (CustomResourceType t : customByCrdName.values()) {
      if (t.group().equals(group) && t.plural().equals(plural)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  synchronized List<CustomResourceType> customTypes() {
    return List.copyOf(customByCrdName.values());
  }

  /** Every resource, built-in first. */
  synchronized List<ApiResource> all() {
    List<ApiResource> all = new ArrayList<>(builtins);
    for (CustomResourceType t : customByCrdName.values()) {
      for (CustomResourceType.Version v : t.versions().values()) {
        all.add(v.resource());
      }
    }
    return all;
  }

  /** The resources of one group version, or empty when the sandbox does not serve it. */
  synchronized List<ApiResource> groupVersion(String group, String version) {
    List<ApiResource> resources = new ArrayList<>();
    for (ApiResource r : all()) {
      if (r.group().equals(group) && r.version().equals(version)) {
        resources.add(r);
      }
    }
    return resources;
  }

  /** Named groups (not the core group) with their versions, in a stable order. */
  synchronized Map<String, List<String>> groups() {
    Map<String, List<String>> groups = new TreeMap<>();
    for (ApiResource r : all()) {
      if (r.group().isEmpty()) {
        continue;
      }
      List<String> versions = groups.computeIfAbsent(r.group(), g -> new ArrayList<>());
      if (!versions.contains(r.version())) {
        versions.add(r.version());
      }
    }
    return groups;
  }

  /** The CRD name of a custom type's JSON, e.g. {@code edgedevices.edgefleet.io}. */
  static String crdName(JsonNode crd) {
    return crd.path("metadata").path("name").asText();
  }

  private static ApiResource builtin(
      String group,
      String version,
      String plural,
      String kind,
      boolean namespaced,
      List<String> shortNames,
      Set<String> subresources) {
    return new ApiResource(
        group,
        version,
        plural,
        kind.toLowerCase(Locale.ROOT),
        kind,
        namespaced,
        ApiResource.ALL_VERBS,
        shortNames,
        List.of(),
        subresources,
        false);
  }

  private static ApiResource review(String group, String plural, String kind, boolean namespaced) {
    return new ApiResource(
        group,
        "v1",
        plural,
        "",
        kind,
        namespaced,
        REVIEW_VERBS,
        List.of(),
        List.of(),
        Set.of(),
        false);
  }
}

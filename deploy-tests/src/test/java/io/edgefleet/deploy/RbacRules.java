package io.edgefleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * RBAC rules flattened to "apiGroup resource verb" permissions, so that two rule lists compare by
 * what they grant, whatever their grouping. The expected sets are the operator's API calls from the
 * contract.
 */
final class RbacRules {

  /**
   * What the operator needs in every watched namespace: exactly what it calls (checked against its
   * real requests by {@link RbacMatchesOperatorCallsTest}).
   */
  static final Set<String> OPERATOR =
      union(
          grants(
              "edgefleet.io", List.of("edgedevices", "edgedeployments"), List.of("list", "watch")),
          grants(
              "edgefleet.io",
              List.of("edgedevices/status", "edgedeployments/status"),
              List.of("patch")),
          grants("", List.of("configmaps"), List.of("get", "list", "watch", "create", "update")),
          grants("", List.of("secrets"), List.of("list", "watch", "create", "update", "delete")),
          grants("", List.of("events"), List.of("create")),
          grants(
              "apps",
              List.of("controllerrevisions"),
              List.of("list", "create", "patch", "delete")));

  /**
   * What leader election needs in the Lease namespace: fabric8's elector gets, creates and patches
   * the Lease; java-operator-sdk checks get, create and update before it starts.
   */
  static final Set<String> LEADER_ELECTION =
      Set.copyOf(
          grants(
              "coordination.k8s.io",
              List.of("leases"),
              List.of("get", "create", "update", "patch")));

  private RbacRules() {}

  /**
   * The permissions a Role or ClusterRole grants; rules with resourceNames or wildcards are
   * rejected.
   */
  static Set<String> of(JsonNode role) {
    Set<String> granted = new TreeSet<>();
    for (JsonNode rule : role.path("rules")) {
      if (rule.has("resourceNames") || rule.has("nonResourceURLs")) {
        throw new AssertionError("unexpected rule shape: " + rule);
      }
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          for (JsonNode verb : rule.path("verbs")) {
            String permission = group.asText() + " " + resource.asText() + " " + verb.asText();
            if (permission.contains("*")) {
              throw new AssertionError("wildcard in RBAC rule: " + rule);
            }
            granted.add(permission);
          }
        }
      }
    }
    return granted;
  }

  private static Set<String> grants(String group, List<String> resources, List<String> verbs) {
    Set<String> granted = new TreeSet<>();
    for (String resource : resources) {
      for (String verb : verbs) {
        granted.add(group + " " + resource + " " + verb);
      }
    }
    return granted;
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new TreeSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return Set.copyOf(all);
  }
}

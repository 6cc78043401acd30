package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents kubectl and client libraries read to map kinds to paths: {@code /api},
 * {@code /apis}, {@code /apis/<group>} and the resource list of each group version. These are the
 * unaggregated documents; a client asking for aggregated discovery ({@code
 * as=APIGroupDiscoveryList}) also accepts plain {@code application/json} and falls back to them.
 */
final class Discovery {

  private final ResourceCatalog catalog;

  Discovery(ResourceCatalog catalog) {
    this.catalog = catalog;
  }

  /** {@code GET /api}. */
  ObjectNode coreVersions(String serverAddress) {
    ObjectNode doc = Json.NODES.objectNode();
    doc.put("kind", "APIVersions");
    doc.putArray("versions").add("v1");
    ObjectNode cidr = doc.putArray("serverAddressByClientCIDRs").addObject();
    cidr.put("clientCIDR", "0.0.0.0/0");
    cidr.put("serverAddress", serverAddress);
    return doc;
  }

  /** {@code GET /apis}. */
  ObjectNode groupList() {
    ObjectNode doc = Json.NODES.objectNode();
    doc.put("kind", "APIGroupList");
    doc.put("apiVersion", "v1");
    ArrayNode groups = doc.putArray("groups");
    for (Map.Entry<String, List<String>> g : catalog.groups().entrySet()) {
      groups.add(group(g.getKey(), g.getValue()));
    }
    return doc;
  }

  /** {@code GET /apis/<group>}, or empty when the group is not served. */
  Optional<ObjectNode> group(String name) {
    List<String> versions = catalog.groups().get(name);
    if (versions == null) {
      return Optional.empty();
    }
    ObjectNode doc = group(name, versions);
    doc.put("kind", "APIGroup");
    doc.put("apiVersion", "v1");
    return Optional.of(doc);
  }

  /** {@code GET /api/v1} or {@code /apis/<group>/<version>}, or empty when not served. */
  Optional<ObjectNode> resourceList(String group, String version) {
    List<ApiResource> resources = catalog.groupVersion(group, version);
    if (resources.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode doc = Json.NODES.objectNode();
    doc.put("kind", "APIResourceList");
    doc.put("apiVersion", "v1");
    doc.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode list = doc.putArray("resources");
    for (ApiResource r : resources) {
      ObjectNode e = list.addObject();
      e.put("name", r.plural());
      e.put("singularName", r.singular());
      e.put("namespaced", r.namespaced());
      e.put("kind", r.kind());
      ArrayNode verbs = e.putArray("verbs");
      r.verbs().forEach(verbs::add);
      if (!r.shortNames().isEmpty()) {
        ArrayNode shortNames = e.putArray("shortNames");
        r.shortNames().forEach(shortNames::add);
      }
      if (!r.categories().isEmpty()) {
        ArrayNode categories = e.putArray("categories");
        r.categories().forEach(categories::add);
      }
      for (String sub : r.subresources().stream().sorted().toList()) {
        ObjectNode s = list.addObject();
        s.put("name", r.plural() + "/" + sub);
        s.put("singularName", "");
        s.put("namespaced", r.namespaced());
        s.put("kind", r.kind());
        ArrayNode subVerbs = s.putArray("verbs");
        List.of("get", "patch", "update").forEach(subVerbs::add);
      }
    }
    return Optional.of(doc);
  }

  private static ObjectNode group(String name, List<String> versions) {
    ObjectNode g = Json.NODES.objectNode();
    g.put("name", name);
    ArrayNode vs = g.putArray("versions");
    for (String v : versions) {
      ObjectNode e = vs.addObject();
      e.put("groupVersion", name + "/" + v);
      e.put("version", v);
    }
    ObjectNode preferred = g.putObject("preferredVersion");
    preferred.put("groupVersion", name + "/" + versions.get(0));
    preferred.put("version", versions.get(0));
    return g;
  }
}

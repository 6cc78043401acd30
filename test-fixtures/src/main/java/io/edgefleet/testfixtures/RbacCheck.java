package io.edgefleet.testfixtures;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What kube-apiserver's RBAC authorizer decides for a request, for the parts EdgeFleet uses: the
 * request's attributes are derived from its method, path and query as the API server does
 * (including taking the name of a list or watch from a {@code metadata.name} field selector), then
 * matched against a Role's rules.
 */
public final class RbacCheck {

  private RbacCheck() {}

  /**
   * A request's authorization attributes.
   *
   * @param name the object's name; for list and watch, from a metadata.name field selector
   */
  public record Attributes(
      String verb,
      String group,
      String resource,
      String subresource,
      String namespace,
      String name) {}

  /**
   * Attributes of a resource request such as {@code GET /api/v1/namespaces/ns/configmaps?watch=1}.
   */
  public static Attributes attributes(String method, String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    Map<String, String> query = query(q < 0 ? "" : pathAndQuery.substring(q + 1));
    List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    String group;
    int rest;
    if (parts.size() >= 2 && parts.get(0).equals("api")) {
      group = "";
      rest = 2;
    } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      rest = 3;
    } else {
      throw new IllegalArgumentException("not a resource request: " + pathAndQuery);
    }
    List<String> tail = parts.subList(rest, parts.size());
    String namespace = null;
    if (tail.size() >= 3 && tail.get(0).equals("namespaces")) {
      namespace = tail.get(1);
      tail = tail.subList(2, tail.size());
    }
    String resource = tail.isEmpty() ? null : tail.get(0);
    String name = tail.size() >= 2 ? tail.get(1) : null;
    String subresource = tail.size() >= 3 ? tail.get(2) : null;
    boolean watch = "true".equals(query.get("watch")) || "1".equals(query.get("watch"));
    String verb =
        switch (method) {
          case "GET", "HEAD" -> name != null ? "get" : watch ? "watch" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> name != null ? "delete" : "deletecollection";
          default -> method.toLowerCase();
        };
    if (name == null && (verb.equals("list") || verb.equals("watch"))) {
      name = nameFromFieldSelector(query.get("fieldSelector"));
    }
    return new Attributes(verb, group, resource, subresource, namespace, name);
  }

  /** Whether {@code rules} allow a request with {@code attributes}. */
  public static boolean allowed(List<PolicyRule> rules, Attributes a) {
    String resource = a.subresource() == null ? a.resource() : a.resource() + "/" + a.subresource();
    return rules.stream()
        .anyMatch(
            rule ->
                matches(rule.getApiGroups(), a.group())
                    && matches(rule.getResources(), resource)
                    && matches(rule.getVerbs(), a.verb())
                    && (rule.getResourceNames() == null
                        || rule.getResourceNames().isEmpty()
                        || (a.name() != null && rule.getResourceNames().contains(a.name()))));
  }

  private static boolean matches(List<String> allowed, String value) {
    return allowed != null && (allowed.contains("*") || allowed.contains(value));
  }

  private static String nameFromFieldSelector(String selector) {
    if (selector == null) {
      return null;
    }
    for (String requirement : selector.split(",")) {
      String r = requirement.trim();
      for (String op : new String[] {"==", "="}) {
        if (r.startsWith("metadata.name" + op)) {
          return r.substring(("metadata.name" + op).length());
        }
      }
    }
    return null;
  }

  private static Map<String, String> query(String text) {
    Map<String, String> values = new HashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      values.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }
}

package io.edgefleet.deploy;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the HTTP requests an API server received into the RBAC permissions they need ("apiGroup
 * resource verb"), the way the API server's authorizer does.
 */
final class OperatorCalls {

  private static final Pattern PATH =
      Pattern.compile(
          "^/(?:api/(?<core>v1)|apis/(?<group>[^/]+)/[^/]+)(?:/namespaces/(?<ns>[^/]+))?"
              + "/(?<resource>[a-z.]+)(?:/(?<name>[^/?]+))?(?:/(?<sub>[a-z]+))?/?(?:\\?(?<query>.*))?$");

  private final Set<String> permissions = new TreeSet<>();

  /** Records one request. */
  void add(RecordedRequest request) {
    String path = request.getPath();
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      throw new AssertionError("unexpected request path: " + request.getMethod() + " " + path);
    }
    String group = m.group("core") != null ? "" : m.group("group");
    String resource = m.group("resource") + (m.group("sub") == null ? "" : "/" + m.group("sub"));
    boolean named = m.group("name") != null;
    String query = m.group("query") == null ? "" : m.group("query");
    String verb =
        switch (request.getMethod()) {
          case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> named ? "delete" : "deletecollection";
          default -> throw new AssertionError("unexpected method " + request.getMethod());
        };
    permissions.add(group + " " + resource + " " + verb);
  }

  /** The permissions the recorded requests needed. */
  Set<String> permissions() {
    return permissions;
  }
}

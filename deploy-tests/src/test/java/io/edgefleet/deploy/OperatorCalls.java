package io.edgefleet.deploy;

import io.edgefleet.testfixtures.RbacCheck;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the HTTP requests an API server received into the RBAC permissions they need ("apiGroup
 * resource verb"), the way the API server's authorizer does.
 */
final class OperatorCalls {

  private final Set<String> permissions = new TreeSet<>();

  /** Records one request. */
  void add(RecordedRequest request) {
    RbacCheck.Attributes a;
    try {
      a = RbacCheck.attributes(request.getMethod(), request.getPath());
    } catch (IllegalArgumentException e) {
      throw new AssertionError(
          "unexpected request: " + request.getMethod() + " " + request.getPath(), e);
    }
    String resource = a.subresource() == null ? a.resource() : a.resource() + "/" + a.subresource();
    permissions.add(a.group() + " " + resource + " " + a.verb());
  }

  /** The permissions the recorded requests needed. */
  Set<String> permissions() {
    return permissions;
  }
}

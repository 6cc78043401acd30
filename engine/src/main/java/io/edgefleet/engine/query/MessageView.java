package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;

/** What a route condition reads from one edgeHub message. */
public interface MessageView {

  /** An application property (a bare name in a route condition), or null when absent. */
  String applicationProperty(String name);

  /**
   * A system property ({@code $name} in a route condition), looked up by its name without the
   * {@code $}, e.g. {@code connectionModuleId}; null when absent.
   */
  String systemProperty(String name);

  /** The message body as JSON ({@code $body.*}); null when the body is not JSON. */
  JsonNode body();
}

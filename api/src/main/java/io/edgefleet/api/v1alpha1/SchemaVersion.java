package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The deployment-manifest schema version of edgeAgent and edgeHub. */
public enum SchemaVersion {
  /** For devices running IoT Edge 1.0.9 or earlier: no startupOrder, routes as plain strings. */
  @JsonProperty("1.0")
  V1_0("1.0"),
  /** The current schema: startupOrder and route priority / time to live. */
  @JsonProperty("1.1")
  V1_1("1.1");

  private final String text;

  SchemaVersion(String text) {
    this.text = text;
  }

  /** The version as written in manifests, e.g. {@code 1.1}. */
  public String text() {
    return text;
  }
}

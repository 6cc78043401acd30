package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** When the edge agent pulls a module's image. */
public enum ImagePullPolicy {
  @JsonProperty("on-create")
  ON_CREATE,
  @JsonProperty("never")
  NEVER
}

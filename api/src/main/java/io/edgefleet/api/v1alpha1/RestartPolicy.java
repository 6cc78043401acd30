package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** When the edge agent restarts a module. */
public enum RestartPolicy {
  @JsonProperty("never")
  NEVER,
  @JsonProperty("on-failure")
  ON_FAILURE,
  @JsonProperty("on-unhealthy")
  ON_UNHEALTHY,
  @JsonProperty("always")
  ALWAYS
}

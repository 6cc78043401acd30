package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The state the edge agent keeps a module in. */
public enum ModuleStatus {
  @JsonProperty("running")
  RUNNING,
  @JsonProperty("stopped")
  STOPPED
}

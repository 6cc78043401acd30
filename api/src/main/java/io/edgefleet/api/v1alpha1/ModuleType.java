package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The module runtime type. IoT Edge knows only docker. */
public enum ModuleType {
  @JsonProperty("docker")
  DOCKER
}

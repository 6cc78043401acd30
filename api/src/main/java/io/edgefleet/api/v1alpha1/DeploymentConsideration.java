package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** How one deployment was considered for a device: applied, or skipped and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeploymentConsideration {

  @Required
  @JsonPropertyDescription("The EdgeDeployment's name.")
  private String name;

  @JsonPropertyDescription("Whether it is a layered deployment.")
  private Boolean layered;

  @Min(0)
  @Max(EdgeFleetApi.MAX_INT32)
  @JsonPropertyDescription("Its priority.")
  private Integer priority;

  @JsonPropertyDescription("Whether its target condition matches the device.")
  private Boolean targeted;

  @JsonPropertyDescription("Whether it is part of the device's configuration (as base or layer).")
  private Boolean applied;

  @JsonPropertyDescription(
      "Why: 'base', 'layer', 'lower priority than base X', 'layered at or below base priority',"
          + " 'no base deployment', 'deployment invalid: ...'.")
  private String reason;

  @JsonPropertyDescription(
      "Set when a placeholder of this deployment has no usable value on the device: the"
          + " placeholder, the field that holds it and what is wrong. The device keeps its"
          + " configuration and does not count as applied for this deployment.")
  private String parameterError;

  public DeploymentConsideration() {}

  public DeploymentConsideration(
      String name,
      Boolean layered,
      Integer priority,
      Boolean targeted,
      Boolean applied,
      String reason) {
    this.name = name;
    this.layered = layered;
    this.priority = priority;
    this.targeted = targeted;
    this.applied = applied;
    this.reason = reason;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Boolean getLayered() {
    return layered;
  }

  public void setLayered(Boolean layered) {
    this.layered = layered;
  }

  public Integer getPriority() {
    return priority;
  }

  public void setPriority(Integer priority) {
    this.priority = priority;
  }

  public Boolean getTargeted() {
    return targeted;
  }

  public void setTargeted(Boolean targeted) {
    this.targeted = targeted;
  }

  public Boolean getApplied() {
    return applied;
  }

  public void setApplied(Boolean applied) {
    this.applied = applied;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getParameterError() {
    return parameterError;
  }

  public void setParameterError(String parameterError) {
    this.parameterError = parameterError;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeploymentConsideration d
        && Objects.equals(name, d.name)
        && Objects.equals(layered, d.layered)
        && Objects.equals(priority, d.priority)
        && Objects.equals(targeted, d.targeted)
        && Objects.equals(applied, d.applied)
        && Objects.equals(reason, d.reason)
        && Objects.equals(parameterError, d.parameterError);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, layered, priority, targeted, applied, reason, parameterError);
  }
}

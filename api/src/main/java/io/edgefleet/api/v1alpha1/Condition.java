package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** A status condition in the Kubernetes convention (type, status, reason, message). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {

  /** Condition status value. */
  public static final String TRUE = "True";

  /** Condition status value. */
  public static final String FALSE = "False";

  /** Condition status value. */
  public static final String UNKNOWN = "Unknown";

  @Required
  @JsonPropertyDescription("Condition type, e.g. Ready.")
  private String type;

  @Required
  @JsonPropertyDescription("True, False or Unknown.")
  @Pattern("^(True|False|Unknown)$")
  private String status;

  @JsonPropertyDescription("CamelCase reason for the last transition, e.g. InvalidTargetCondition.")
  private String reason;

  @JsonPropertyDescription("What happened, in words a person can act on.")
  private String message;

  @JsonPropertyDescription("When status last changed (RFC 3339).")
  private String lastTransitionTime;

  @Min(0)
  @Max(EdgeFleetApi.MAX_COUNT)
  @JsonPropertyDescription("The metadata.generation this condition was computed from.")
  private Long observedGeneration;

  public Condition() {}

  public Condition(
      String type,
      String status,
      String reason,
      String message,
      String lastTransitionTime,
      Long observedGeneration) {
    this.type = type;
    this.status = status;
    this.reason = reason;
    this.message = message;
    this.lastTransitionTime = lastTransitionTime;
    this.observedGeneration = observedGeneration;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(String lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Condition c
        && Objects.equals(type, c.type)
        && Objects.equals(status, c.status)
        && Objects.equals(reason, c.reason)
        && Objects.equals(message, c.message)
        && Objects.equals(lastTransitionTime, c.lastTransitionTime)
        && Objects.equals(observedGeneration, c.observedGeneration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, status, reason, message, lastTransitionTime, observedGeneration);
  }

  @Override
  public String toString() {
    return type + "=" + status + " (" + reason + "): " + message;
  }
}

package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** A device that does not run what a deployment gives it yet, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeviceBehind {

  @Required
  @JsonPropertyDescription("The EdgeDevice's name.")
  private String name;

  @JsonPropertyDescription(
      "Pending (its agent has not reported the desired version yet) or Failed (its agent reports"
          + " the desired version with a code other than 200).")
  private String syncState;

  @JsonPropertyDescription("What the agent reports, e.g. the older version it still runs.")
  private String message;

  public DeviceBehind() {}

  public DeviceBehind(String name, String syncState, String message) {
    this.name = name;
    this.syncState = syncState;
    this.message = message;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getSyncState() {
    return syncState;
  }

  public void setSyncState(String syncState) {
    this.syncState = syncState;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceBehind d
        && Objects.equals(name, d.name)
        && Objects.equals(syncState, d.syncState)
        && Objects.equals(message, d.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, syncState, message);
  }
}

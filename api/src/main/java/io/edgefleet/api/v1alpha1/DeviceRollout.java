package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A device's part in rollouts: whether it waits, and since when it is healthy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeviceRollout {

  @JsonPropertyDescription(
      "The deployment whose rollout has not admitted this device yet; the device keeps its"
          + " current configuration meanwhile.")
  private String waitingFor;

  @JsonPropertyDescription("The device's place in that rollout's line (1 is next).")
  private Long placeInLine;

  @JsonPropertyDescription("The desired version the agent reports success for (code 200).")
  private String healthyVersion;

  @JsonPropertyDescription(
      "When the operator first saw the agent report success for healthyVersion (RFC 3339).")
  private String healthySince;

  public String getWaitingFor() {
    return waitingFor;
  }

  public void setWaitingFor(String waitingFor) {
    this.waitingFor = waitingFor;
  }

  public Long getPlaceInLine() {
    return placeInLine;
  }

  public void setPlaceInLine(Long placeInLine) {
    this.placeInLine = placeInLine;
  }

  public String getHealthyVersion() {
    return healthyVersion;
  }

  public void setHealthyVersion(String healthyVersion) {
    this.healthyVersion = healthyVersion;
  }

  public String getHealthySince() {
    return healthySince;
  }

  public void setHealthySince(String healthySince) {
    this.healthySince = healthySince;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceRollout r
        && Objects.equals(waitingFor, r.waitingFor)
        && Objects.equals(placeInLine, r.placeInLine)
        && Objects.equals(healthyVersion, r.healthyVersion)
        && Objects.equals(healthySince, r.healthySince);
  }

  @Override
  public int hashCode() {
    return Objects.hash(waitingFor, placeInLine, healthyVersion, healthySince);
  }
}

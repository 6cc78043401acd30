package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** One wave of a rollout: the devices a target condition matches, admitted before later groups. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutGroup {

  @Required
  @Pattern("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")
  @JsonPropertyDescription("The group's name, e.g. canary.")
  private String name;

  @Required
  @Size(min = 1, max = 8192)
  @JsonPropertyDescription(
      "Which of the affected devices belong to this group, in the IoT Hub query dialect, e.g."
          + " tags.ring='canary'. A device belongs to the first group it matches; devices in no"
          + " group come last.")
  private String targetCondition;

  public RolloutGroup() {}

  public RolloutGroup(String name, String targetCondition) {
    this.name = name;
    this.targetCondition = targetCondition;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getTargetCondition() {
    return targetCondition;
  }

  public void setTargetCondition(String targetCondition) {
    this.targetCondition = targetCondition;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RolloutGroup g
        && Objects.equals(name, g.name)
        && Objects.equals(targetCondition, g.targetCondition);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, targetCondition);
  }
}

package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/** What people (or GitOps) say about a device. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EdgeDeviceSpec {

  @JsonPropertyDescription(
      "Free-form device twin tags (nested objects allowed), used by target conditions, e.g."
          + " {building: '20', floor: '2', roomtype: conference, environment: prod}. Keys are"
          + " case-sensitive.")
  private Map<String, JsonNode> tags;

  public Map<String, JsonNode> getTags() {
    return tags;
  }

  public void setTags(Map<String, JsonNode> tags) {
    this.tags = tags;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EdgeDeviceSpec other && Objects.equals(tags, other.tags);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(tags);
  }
}

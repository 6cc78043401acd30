package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** An edgeHub route: where messages from modules go. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RouteSpec {

  @Required
  @Size(min = 1, max = 8192)
  @JsonPropertyDescription(
      "The route: [SELECT *] FROM <path> [WHERE <condition>] INTO <sink>, e.g. FROM"
          + " /messages/modules/sensor/outputs/* INTO"
          + " BrokeredEndpoint(\"/modules/filter/inputs/input1\") or FROM /messages/* INTO"
          + " $upstream.")
  private String route;

  @Min(0)
  @Max(9)
  @JsonPropertyDescription("0 (highest) to 9 (lowest); default 0. Needs schema 1.1.")
  private Integer priority;

  @Min(0)
  @Max(EdgeFleetApi.MAX_INT32)
  @JsonPropertyDescription(
      "Seconds messages on this route are kept before they expire; default: the store-and-forward"
          + " time to live. Needs schema 1.1.")
  private Long timeToLiveSecs;

  public RouteSpec() {}

  public RouteSpec(String route, Integer priority, Long timeToLiveSecs) {
    this.route = route;
    this.priority = priority;
    this.timeToLiveSecs = timeToLiveSecs;
  }

  public String getRoute() {
    return route;
  }

  public void setRoute(String route) {
    this.route = route;
  }

  public Integer getPriority() {
    return priority;
  }

  public void setPriority(Integer priority) {
    this.priority = priority;
  }

  public Long getTimeToLiveSecs() {
    return timeToLiveSecs;
  }

  public void setTimeToLiveSecs(Long timeToLiveSecs) {
    this.timeToLiveSecs = timeToLiveSecs;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RouteSpec r
        && Objects.equals(route, r.route)
        && Objects.equals(priority, r.priority)
        && Objects.equals(timeToLiveSecs, r.timeToLiveSecs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(route, priority, timeToLiveSecs);
  }
}

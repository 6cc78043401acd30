package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** How many devices run one revision of a deployment's content. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RevisionDevices {

  @JsonPropertyDescription("The ControllerRevision's name: <deployment>-<content hash>.")
  private String name;

  @JsonPropertyDescription("The revision number (1 for the first content, growing by one).")
  private Long revision;

  @JsonPropertyDescription("Devices whose configuration holds this revision of the content.")
  private Long devices;

  public RevisionDevices() {}

  public RevisionDevices(String name, Long revision, Long devices) {
    this.name = name;
    this.revision = revision;
    this.devices = devices;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Long getRevision() {
    return revision;
  }

  public void setRevision(Long revision) {
    this.revision = revision;
  }

  public Long getDevices() {
    return devices;
  }

  public void setDevices(Long devices) {
    this.devices = devices;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RevisionDevices r
        && Objects.equals(name, r.name)
        && Objects.equals(revision, r.revision)
        && Objects.equals(devices, r.devices);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, revision, devices);
  }
}

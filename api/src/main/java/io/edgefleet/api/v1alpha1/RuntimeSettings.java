package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;
import java.util.Objects;

/** The IoT Edge runtime of a standard deployment: schema version and the two system modules. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.schemaVersion) || self.schemaVersion != '1.0' || !has(self.edgeHub)"
            + " || !has(self.edgeHub.startupOrder)",
    message = "edgeHub.startupOrder needs runtime.schemaVersion '1.1'")
@ValidationRule(
    value =
        "!has(self.edgeAgent) || (!has(self.edgeAgent.status) &&"
            + " !has(self.edgeAgent.restartPolicy) && !has(self.edgeAgent.startupOrder))",
    message = "edgeAgent always runs: status, restartPolicy and startupOrder apply to edgeHub only")
public class RuntimeSettings {

  @JsonPropertyDescription(
      "Manifest schema version: '1.1' (default) or '1.0' for devices on IoT Edge 1.0.9 or"
          + " earlier.")
  private SchemaVersion schemaVersion;

  @Size(max = 64)
  @JsonPropertyDescription("Minimum Docker version the device needs, e.g. v1.25.")
  private String minDockerVersion;

  @Size(max = 4096)
  @JsonPropertyDescription("Docker logging options, as IoT Edge passes them to the runtime.")
  private String loggingOptions;

  @JsonPropertyDescription("edgeAgent system module settings.")
  private SystemModule edgeAgent;

  @JsonPropertyDescription("edgeHub system module settings.")
  private SystemModule edgeHub;

  @Min(0)
  @Max(EdgeFleetApi.MAX_INT32)
  @JsonPropertyDescription(
      "edgeHub store-and-forward: seconds messages are kept while offline; default 7200.")
  private Long storeAndForwardTimeToLiveSecs;

  @JsonPropertyDescription(
      "edgeHub's MQTT broker settings (authorizations, bridges), as IoT Edge's $edgeHub schema 1.2"
          + " has them: an object handed to edgeHub unchanged in $edgeHub's desired properties,"
          + " whose schemaVersion is then 1.2.")
  private Map<String, JsonNode> mqttBroker;

  public SchemaVersion getSchemaVersion() {
    return schemaVersion;
  }

  public void setSchemaVersion(SchemaVersion schemaVersion) {
    this.schemaVersion = schemaVersion;
  }

  public String getMinDockerVersion() {
    return minDockerVersion;
  }

  public void setMinDockerVersion(String minDockerVersion) {
    this.minDockerVersion = minDockerVersion;
  }

  public String getLoggingOptions() {
    return loggingOptions;
  }

  public void setLoggingOptions(String loggingOptions) {
    this.loggingOptions = loggingOptions;
  }

  public SystemModule getEdgeAgent() {
    return edgeAgent;
  }

  public void setEdgeAgent(SystemModule edgeAgent) {
    this.edgeAgent = edgeAgent;
  }

  public SystemModule getEdgeHub() {
    return edgeHub;
  }

  public void setEdgeHub(SystemModule edgeHub) {
    this.edgeHub = edgeHub;
  }

  public Long getStoreAndForwardTimeToLiveSecs() {
    return storeAndForwardTimeToLiveSecs;
  }

  public void setStoreAndForwardTimeToLiveSecs(Long storeAndForwardTimeToLiveSecs) {
    this.storeAndForwardTimeToLiveSecs = storeAndForwardTimeToLiveSecs;
  }

  public Map<String, JsonNode> getMqttBroker() {
    return mqttBroker;
  }

  public void setMqttBroker(Map<String, JsonNode> mqttBroker) {
    this.mqttBroker = mqttBroker;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RuntimeSettings r
        && schemaVersion == r.schemaVersion
        && Objects.equals(minDockerVersion, r.minDockerVersion)
        && Objects.equals(loggingOptions, r.loggingOptions)
        && Objects.equals(edgeAgent, r.edgeAgent)
        && Objects.equals(edgeHub, r.edgeHub)
        && Objects.equals(storeAndForwardTimeToLiveSecs, r.storeAndForwardTimeToLiveSecs)
        && Objects.equals(mqttBroker, r.mqttBroker);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        schemaVersion,
        minDockerVersion,
        loggingOptions,
        edgeAgent,
        edgeHub,
        storeAndForwardTimeToLiveSecs,
        mqttBroker);
  }
}

package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The device's status. {@code reported} belongs to the device's agent; every other field belongs to
 * the operator. Each side patches only its own fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EdgeDeviceStatus {

  @JsonPropertyDescription(
      "Reported properties, written only by the device's agent (never by the operator), e.g."
          + " lastDesiredVersion, lastDesiredStatus {code, description}, modules {name:"
          + " {runtimeStatus}}, devicemodel. Target conditions read them as"
          + " properties.reported.*.")
  private Map<String, JsonNode> reported;

  @JsonPropertyDescription(
      "Whether a deployment currently decides this device's configuration. False when no valid"
          + " standard deployment targets it: the device then keeps its last configuration"
          + " unchanged.")
  private Boolean managed;

  @JsonPropertyDescription("The standard (base) deployment in the device's configuration.")
  private String baseDeployment;

  @JsonPropertyDescription("Layered deployments in the device's configuration, in applied order.")
  private List<String> layers;

  @JsonPropertyDescription("Name of the ConfigMap holding the device's resolved configuration.")
  private String configMapName;

  @JsonPropertyDescription(
      "Name of the Secret holding the device's registry credentials, when any apply.")
  private String registrySecretName;

  @JsonPropertyDescription(
      "Content hash of the configuration the device should run; the agent reports it back as"
          + " status.reported.lastDesiredVersion once applied.")
  private String desiredVersion;

  @JsonPropertyDescription(
      "Deployment -> content hash of the revision of that deployment the device's configuration"
          + " holds (for rollouts).")
  private Map<String, String> revisions;

  @JsonPropertyDescription(
      "The device's part in rollouts: the rollout it waits for and its place in line, and since"
          + " when it reports success for its desired version.")
  private DeviceRollout rollout;

  @JsonPropertyDescription(
      "The deployments that target this device (and any that supplied its current"
          + " configuration): applied, or skipped and why.")
  private List<DeploymentConsideration> deployments;

  @JsonPropertyDescription(
      "Whether the device runs what it should: InSync (its agent reports the desired version with"
          + " status 200), Pending (written, not reported yet), Failed (its agent reports another"
          + " code, or the configuration could not be delivered), Frozen (its deployment is"
          + " invalid), Waiting (held back by a rollout), NotManaged (no deployment targets it)."
          + " The InSync condition says why.")
  private String syncState;

  @Min(0)
  @Max(EdgeFleetApi.MAX_COUNT)
  @JsonPropertyDescription("The metadata.generation the operator last acted on.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Ready: the device's ConfigMap holds the configuration decided for it (written). InSync: its"
          + " agent reports that configuration's version with status 200 (running).")
  private List<Condition> conditions;

  public Map<String, JsonNode> getReported() {
    return reported;
  }

  public void setReported(Map<String, JsonNode> reported) {
    this.reported = reported;
  }

  public Boolean getManaged() {
    return managed;
  }

  public void setManaged(Boolean managed) {
    this.managed = managed;
  }

  public String getBaseDeployment() {
    return baseDeployment;
  }

  public void setBaseDeployment(String baseDeployment) {
    this.baseDeployment = baseDeployment;
  }

  public List<String> getLayers() {
    return layers;
  }

  public void setLayers(List<String> layers) {
    this.layers = layers;
  }

  public String getConfigMapName() {
    return configMapName;
  }

  public void setConfigMapName(String configMapName) {
    this.configMapName = configMapName;
  }

  public String getRegistrySecretName() {
    return registrySecretName;
  }

  public void setRegistrySecretName(String registrySecretName) {
    this.registrySecretName = registrySecretName;
  }

  public String getDesiredVersion() {
    return desiredVersion;
  }

  public void setDesiredVersion(String desiredVersion) {
    this.desiredVersion = desiredVersion;
  }

  public Map<String, String> getRevisions() {
    return revisions;
  }

  public void setRevisions(Map<String, String> revisions) {
    this.revisions = revisions;
  }

  public DeviceRollout getRollout() {
    return rollout;
  }

  public void setRollout(DeviceRollout rollout) {
    this.rollout = rollout;
  }

  public List<DeploymentConsideration> getDeployments() {
    return deployments;
  }

  public void setDeployments(List<DeploymentConsideration> deployments) {
    this.deployments = deployments;
  }

  public String getSyncState() {
    return syncState;
  }

  public void setSyncState(String syncState) {
    this.syncState = syncState;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EdgeDeviceStatus s
        && Objects.equals(reported, s.reported)
        && Objects.equals(managed, s.managed)
        && Objects.equals(baseDeployment, s.baseDeployment)
        && Objects.equals(layers, s.layers)
        && Objects.equals(configMapName, s.configMapName)
        && Objects.equals(registrySecretName, s.registrySecretName)
        && Objects.equals(desiredVersion, s.desiredVersion)
        && Objects.equals(revisions, s.revisions)
        && Objects.equals(rollout, s.rollout)
        && Objects.equals(deployments, s.deployments)
        && Objects.equals(syncState, s.syncState)
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        reported,
        managed,
        baseDeployment,
        layers,
        configMapName,
        registrySecretName,
        desiredVersion,
        revisions,
        rollout,
        deployments,
        syncState,
        observedGeneration,
        conditions);
  }
}

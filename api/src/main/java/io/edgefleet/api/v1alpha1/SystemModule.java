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

/**
 * Settings of a system module (edgeAgent or edgeHub). status, restartPolicy and startupOrder apply
 * to edgeHub only; the agent always runs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SystemModule {

  @Size(min = 1, max = 1024)
  @JsonPropertyDescription(
      "Container image; defaults to mcr.microsoft.com/azureiotedge-agent:1.5 or"
          + " mcr.microsoft.com/azureiotedge-hub:1.5.")
  private String image;

  @JsonPropertyDescription("Docker container create options as a JSON object.")
  private Map<String, JsonNode> createOptions;

  @ValidationRule(
      value = "self.all(k, k.matches('^[^=\\\\x00]+$'))",
      message =
          "environment variable names must not be empty and must not contain '=' or NUL (as"
              + " Docker requires; ':' as in .NET's Logging:LogLevel:Default is fine)")
  @Size(max = 100)
  @JsonPropertyDescription("Environment variables: name -> value, at most 100.")
  private Map<String, String> env;

  @JsonPropertyDescription("edgeHub only: running (default) or stopped.")
  private ModuleStatus status;

  @JsonPropertyDescription("edgeHub only: restart policy, default always.")
  private RestartPolicy restartPolicy;

  @Min(0)
  @Max(4294967295.0)
  @JsonPropertyDescription("edgeHub only: start order (schema 1.1), default 0.")
  private Long startupOrder;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Map<String, JsonNode> getCreateOptions() {
    return createOptions;
  }

  public void setCreateOptions(Map<String, JsonNode> createOptions) {
    this.createOptions = createOptions;
  }

  public Map<String, String> getEnv() {
    return env;
  }

  public void setEnv(Map<String, String> env) {
    this.env = env;
  }

  public ModuleStatus getStatus() {
    return status;
  }

  public void setStatus(ModuleStatus status) {
    this.status = status;
  }

  public RestartPolicy getRestartPolicy() {
    return restartPolicy;
  }

  public void setRestartPolicy(RestartPolicy restartPolicy) {
    this.restartPolicy = restartPolicy;
  }

  public Long getStartupOrder() {
    return startupOrder;
  }

  public void setStartupOrder(Long startupOrder) {
    this.startupOrder = startupOrder;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SystemModule m
        && Objects.equals(image, m.image)
        && Objects.equals(createOptions, m.createOptions)
        && Objects.equals(env, m.env)
        && status == m.status
        && restartPolicy == m.restartPolicy
        && Objects.equals(startupOrder, m.startupOrder);
  }

  @Override
  public int hashCode() {
    return Objects.hash(image, createOptions, env, status, restartPolicy, startupOrder);
  }
}

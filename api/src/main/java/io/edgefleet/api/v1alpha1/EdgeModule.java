package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;
import java.util.Objects;

/** A custom module: a container the edge agent runs on the device. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EdgeModule {

  @Required
  @Size(min = 1, max = 1024)
  @JsonPropertyDescription(
      "Container image URI, e.g. mcr.microsoft.com/azureiotedge-simulated-temperature-sensor:1.5.")
  private String image;

  @Size(max = 256)
  @JsonPropertyDescription("Free-form module version, reported back by the agent.")
  private String version;

  @JsonPropertyDescription("Module type; only 'docker'. Default docker.")
  private ModuleType type;

  @JsonPropertyDescription("running (default) or stopped.")
  private ModuleStatus status;

  @JsonPropertyDescription("never, on-failure, on-unhealthy or always (default).")
  private RestartPolicy restartPolicy;

  @JsonPropertyDescription(
      "on-create (default): pull when the module is created; never: use a" + " local image only.")
  private ImagePullPolicy imagePullPolicy;

  @Min(0)
  @Max(4294967295.0)
  @JsonPropertyDescription(
      "Start order, 0 to 4294967295; lower starts first, equal values start together. Needs"
          + " runtime schemaVersion 1.1.")
  private Long startupOrder;

  @JsonPropertyDescription(
      "Docker container create options as a JSON object (not a string), e.g. {HostConfig:"
          + " {PortBindings: ...}}.")
  private Map<String, JsonNode> createOptions;

  @ValidationRule(
      value = "self.all(k, k.matches('^[^=\\\\x00]+$'))",
      message =
          "environment variable names must not be empty and must not contain '=' or NUL (as"
              + " Docker requires; ':' as in .NET's Logging:LogLevel:Default is fine)")
  @Size(max = 100)
  @JsonPropertyDescription("Environment variables: name -> value, at most 100.")
  private Map<String, String> env;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public ModuleType getType() {
    return type;
  }

  public void setType(ModuleType type) {
    this.type = type;
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

  public ImagePullPolicy getImagePullPolicy() {
    return imagePullPolicy;
  }

  public void setImagePullPolicy(ImagePullPolicy imagePullPolicy) {
    this.imagePullPolicy = imagePullPolicy;
  }

  public Long getStartupOrder() {
    return startupOrder;
  }

  public void setStartupOrder(Long startupOrder) {
    this.startupOrder = startupOrder;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof EdgeModule m
        && Objects.equals(image, m.image)
        && Objects.equals(version, m.version)
        && type == m.type
        && status == m.status
        && restartPolicy == m.restartPolicy
        && imagePullPolicy == m.imagePullPolicy
        && Objects.equals(startupOrder, m.startupOrder)
        && Objects.equals(createOptions, m.createOptions)
        && Objects.equals(env, m.env);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        image,
        version,
        type,
        status,
        restartPolicy,
        imagePullPolicy,
        startupOrder,
        createOptions,
        env);
  }
}

package io.edgefleet.agent.runtime;

import io.edgefleet.api.v1alpha1.ImagePullPolicy;
import io.edgefleet.api.v1alpha1.ModuleStatus;
import io.edgefleet.api.v1alpha1.RestartPolicy;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a module's container is made from, as the deployment manifest says: the input of {@link
 * ModuleRuntime#create}.
 *
 * @param name the module name (the container's name on a Docker host)
 * @param image the image reference, e.g. {@code contoso.azurecr.io/filter:1.2}
 * @param version the module's version label, or null
 * @param createOptions the Docker create options as JSON text (IoT Edge's {@code createOptions}),
 *     or null
 * @param env environment variables
 * @param restartPolicy when the runtime restarts the module after it exits
 * @param desiredStatus whether it should run
 * @param imagePullPolicy whether to pull the image when the module is created
 * @param startupOrder lower starts first; equal orders start together (0 when not given)
 * @param system whether it is a system module (edgeHub)
 */
public record ModuleSpec(
    String name,
    String image,
    String version,
    String createOptions,
    Map<String, String> env,
    RestartPolicy restartPolicy,
    ModuleStatus desiredStatus,
    ImagePullPolicy imagePullPolicy,
    long startupOrder,
    boolean system) {

  public ModuleSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    env = env == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(env));
    restartPolicy = restartPolicy == null ? RestartPolicy.ALWAYS : restartPolicy;
    desiredStatus = desiredStatus == null ? ModuleStatus.RUNNING : desiredStatus;
    imagePullPolicy = imagePullPolicy == null ? ImagePullPolicy.ON_CREATE : imagePullPolicy;
  }

  /** A running custom module with defaults, from an image; for tests and examples. */
  public static ModuleSpec of(String name, String image) {
    return new ModuleSpec(name, image, null, null, Map.of(), null, null, null, 0, false);
  }

  /** A copy with another startup order. */
  public ModuleSpec withStartupOrder(long order) {
    return new ModuleSpec(
        name,
        image,
        version,
        createOptions,
        env,
        restartPolicy,
        desiredStatus,
        imagePullPolicy,
        order,
        system);
  }

  /** A copy with another restart policy. */
  public ModuleSpec withRestartPolicy(RestartPolicy policy) {
    return new ModuleSpec(
        name,
        image,
        version,
        createOptions,
        env,
        policy,
        desiredStatus,
        imagePullPolicy,
        startupOrder,
        system);
  }

  /** A copy with another desired status. */
  public ModuleSpec withDesiredStatus(ModuleStatus status) {
    return new ModuleSpec(
        name,
        image,
        version,
        createOptions,
        env,
        restartPolicy,
        status,
        imagePullPolicy,
        startupOrder,
        system);
  }

  /**
   * Whether the container must be re-created to go from {@code this} to {@code other}: anything but
   * the desired status and startup order differs (those two change what the agent does, not the
   * container).
   */
  public boolean needsRecreate(ModuleSpec other) {
    return !Objects.equals(name, other.name)
        || !Objects.equals(image, other.image)
        || !Objects.equals(version, other.version)
        || !Objects.equals(createOptions, other.createOptions)
        || !Objects.equals(env, other.env)
        || restartPolicy != other.restartPolicy
        || imagePullPolicy != other.imagePullPolicy
        || system != other.system;
  }
}

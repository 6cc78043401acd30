package io.edgefleet.engine.model;

import java.util.List;
import java.util.Objects;

/**
 * What a device's generated ConfigMap holds today, as far as decisions need it.
 *
 * @param desiredVersion the content hash of the configuration the device was given
 * @param base the standard deployment it came from, or null when unknown
 * @param layers the layered deployments applied on top, in applied order
 */
public record CurrentConfiguration(String desiredVersion, String base, List<String> layers) {

  public CurrentConfiguration {
    Objects.requireNonNull(desiredVersion, "desiredVersion");
    layers = layers == null ? List.of() : List.copyOf(layers);
  }

  /** Whether {@code deployment} supplied part of this configuration (as base or layer). */
  public boolean includes(String deployment) {
    return deployment.equals(base) || layers.contains(deployment);
  }
}

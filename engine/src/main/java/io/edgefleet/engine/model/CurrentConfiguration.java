package io.edgefleet.engine.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a device's generated ConfigMap holds today, as far as decisions need it.
 *
 * @param desiredVersion the content hash of the configuration the device was given
 * @param base the standard deployment it came from, or null when unknown
 * @param layers the layered deployments applied on top, in applied order
 * @param revisions deployment -> revision (content hash) of it that the configuration holds; empty
 *     when not recorded
 */
public record CurrentConfiguration(
    String desiredVersion, String base, List<String> layers, Map<String, String> revisions) {

  public CurrentConfiguration {
    Objects.requireNonNull(desiredVersion, "desiredVersion");
    layers = layers == null ? List.of() : List.copyOf(layers);
    revisions = revisions == null ? Map.of() : Map.copyOf(revisions);
  }

  /** A configuration that records no revisions. */
  public CurrentConfiguration(String desiredVersion, String base, List<String> layers) {
    this(desiredVersion, base, layers, Map.of());
  }

  /** Whether {@code deployment} supplied part of this configuration (as base or layer). */
  public boolean includes(String deployment) {
    return deployment.equals(base) || layers.contains(deployment);
  }
}

package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A device's configuration, resolved from a base and its layers: the manifest the agent runs, its
 * content hash, where every part came from, and the registry credentials it needs. Shared by every
 * device with the same base and layers (and, when it holds placeholders, the same values for them);
 * never modify the JSON nodes.
 *
 * <p>A configuration with per-device values computes its JSON trees and texts when they are first
 * asked for (deciding a fleet needs only the content hash; writing a ConfigMap needs the text), and
 * keeps them; the result is the same as computing them at once.
 */
public final class ResolvedConfiguration {

  private final String base;
  private final List<String> layers;
  private final String desiredVersion;
  private final Map<String, CredentialSource> registryCredentials;
  private final List<ConfigurationWarning> warnings;
  private final List<ParameterUse> parameters;
  private final Lazy<ObjectNode> manifest;
  private final Lazy<String> manifestJson;
  private final Lazy<ObjectNode> provenance;
  private final Lazy<String> provenanceJson;

  /**
   * @param base the standard deployment
   * @param layers the layered deployments, in applied order
   * @param manifest the IoT Edge deployment manifest ({@code modulesContent})
   * @param manifestJson the manifest's canonical text, as written to the ConfigMap
   * @param desiredVersion the content hash of {@code manifestJson}
   * @param provenance which deployment supplied each runtime, module, route, credential and twin
   *     path
   * @param provenanceJson the provenance's canonical text
   * @param registryCredentials credentials by name; secret values are never part of a configuration
   * @param warnings problems that do not stop the configuration being applied
   * @param parameters the placeholders filled in for this device, by field (empty when none)
   */
  public ResolvedConfiguration(
      String base,
      List<String> layers,
      ObjectNode manifest,
      String manifestJson,
      String desiredVersion,
      ObjectNode provenance,
      String provenanceJson,
      Map<String, CredentialSource> registryCredentials,
      List<ConfigurationWarning> warnings,
      List<ParameterUse> parameters) {
    this(
        base,
        layers,
        () -> manifest,
        () -> manifestJson,
        desiredVersion,
        () -> provenance,
        () -> provenanceJson,
        registryCredentials,
        warnings,
        parameters);
  }

  /** Like the public constructor, with the trees and texts made when first asked for. */
  ResolvedConfiguration(
      String base,
      List<String> layers,
      Supplier<ObjectNode> manifest,
      Supplier<String> manifestJson,
      String desiredVersion,
      Supplier<ObjectNode> provenance,
      Supplier<String> provenanceJson,
      Map<String, CredentialSource> registryCredentials,
      List<ConfigurationWarning> warnings,
      List<ParameterUse> parameters) {
    this.base = base;
    this.layers = List.copyOf(layers);
    this.manifest = new Lazy<>(manifest);
    this.manifestJson = new Lazy<>(manifestJson);
    this.desiredVersion = desiredVersion;
    this.provenance = new Lazy<>(provenance);
    this.provenanceJson = new Lazy<>(provenanceJson);
    this.registryCredentials = Map.copyOf(registryCredentials);
    this.warnings = List.copyOf(warnings);
    this.parameters = List.copyOf(parameters);
  }

  /** The standard deployment. */
  public String base() {
    return base;
  }

  /** The layered deployments, in applied order. */
  public List<String> layers() {
    return layers;
  }

  /** The IoT Edge deployment manifest ({@code modulesContent}). */
  public ObjectNode manifest() {
    return manifest.get();
  }

  /** The manifest's canonical text, as written to the ConfigMap. */
  public String manifestJson() {
    return manifestJson.get();
  }

  /** The content hash of {@link #manifestJson()}. */
  public String desiredVersion() {
    return desiredVersion;
  }

  /** Which deployment supplied each runtime, module, route, credential and twin path. */
  public ObjectNode provenance() {
    return provenance.get();
  }

  /** The provenance's canonical text. */
  public String provenanceJson() {
    return provenanceJson.get();
  }

  /** Credentials by name; secret values are never part of a configuration. */
  public Map<String, CredentialSource> registryCredentials() {
    return registryCredentials;
  }

  /** Problems that do not stop the configuration being applied. */
  public List<ConfigurationWarning> warnings() {
    return warnings;
  }

  /** The placeholders filled in for this device, by field (empty when none). */
  public List<ParameterUse> parameters() {
    return parameters;
  }

  /** Whether {@code deployment} is the base or one of the layers. */
  public boolean includes(String deployment) {
    return deployment.equals(base) || layers.contains(deployment);
  }

  /** Equal when every part is: the same manifest text and hash, provenance, credentials, ... */
  @Override
  public boolean equals(Object o) {
    return o instanceof ResolvedConfiguration c
        && base.equals(c.base)
        && layers.equals(c.layers)
        && desiredVersion.equals(c.desiredVersion)
        && manifestJson().equals(c.manifestJson())
        && provenanceJson().equals(c.provenanceJson())
        && registryCredentials.equals(c.registryCredentials)
        && warnings.equals(c.warnings)
        && parameters.equals(c.parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(base, layers, desiredVersion);
  }

  @Override
  public String toString() {
    return "ResolvedConfiguration[" + base + " + " + layers + ", " + desiredVersion + "]";
  }

  /** A value made once, on first use; a race makes it twice, with the same result. */
  private static final class Lazy<T> {
    private final Supplier<T> supplier;
    private volatile T value;

    Lazy(Supplier<T> supplier) {
      this.supplier = supplier;
    }

    T get() {
      T made = value;
      if (made == null) {
        made = supplier.get();
        value = made;
      }
      return made;
    }
  }
}

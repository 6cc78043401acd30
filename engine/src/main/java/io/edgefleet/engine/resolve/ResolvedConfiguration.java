package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.engine.manifest.CanonicalJson;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A device's configuration, resolved from a base and its layers: the manifest the agent runs, its
 * desired version, where every part came from, and the registry credentials it needs. Shared by
 * every device with the same base and layers (and, when it holds placeholders, the same values for
 * them); never modify the JSON nodes.
 *
 * <p>A configuration with per-device values computes its JSON trees and texts when they are first
 * asked for (deciding a fleet needs only the desired version; writing a ConfigMap needs the text),
 * and keeps them; the result is the same as computing them at once.
 */
public final class ResolvedConfiguration {

  /**
   * Where a configuration's trees, texts, desired version and parameters come from, each asked for
   * at most once (a race may ask twice; the answer is the same).
   */
  interface Content {
    ObjectNode manifest();

    String manifestJson();

    String desiredVersion();

    ObjectNode provenance();

    String provenanceJson();

    List<ParameterUse> parameters();
  }

  private final String base;
  private final List<String> layers;
  private final Map<String, CredentialSource> registryCredentials;
  private final List<ConfigurationWarning> warnings;
  private final Content content;
  // made from content when first asked for, then kept
  private volatile ObjectNode manifest;
  private volatile String manifestJson;
  private volatile String desiredVersion;
  private volatile ObjectNode provenance;
  private volatile String provenanceJson;
  private volatile List<ParameterUse> parameters;

  /**
   * @param base the standard deployment
   * @param layers the layered deployments, in applied order
   * @param manifest the IoT Edge deployment manifest ({@code modulesContent})
   * @param manifestJson the manifest's canonical text, as written to the ConfigMap
   * @param desiredVersion the content hash of {@code manifestJson} (with per-device parameters, its
   *     parts hash: docs/agent.md, "The desired version")
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
        new Made(manifest, manifestJson, desiredVersion, provenance, provenanceJson, parameters),
        registryCredentials,
        warnings);
  }

  /** Like the public constructor, with the rest made from {@code content} when first asked for. */
  ResolvedConfiguration(
      String base,
      List<String> layers,
      Content content,
      Map<String, CredentialSource> registryCredentials,
      List<ConfigurationWarning> warnings) {
    this.base = base;
    this.layers = List.copyOf(layers);
    this.content = content;
    this.registryCredentials = Map.copyOf(registryCredentials);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * This configuration's base, layers, credentials and warnings with other content (a device's own
   * values filled in): nothing is copied again, as they are immutable already.
   */
  ResolvedConfiguration withContent(Content content) {
    return new ResolvedConfiguration(this, content);
  }

  private ResolvedConfiguration(ResolvedConfiguration shared, Content content) {
    this.base = shared.base;
    this.layers = shared.layers;
    this.content = content;
    this.registryCredentials = shared.registryCredentials;
    this.warnings = shared.warnings;
  }

  /** Content made already. */
  record Made(
      ObjectNode manifest,
      String manifestJson,
      String desiredVersion,
      ObjectNode provenance,
      String provenanceJson,
      List<ParameterUse> parameters)
      implements Content {}

  /**
   * A configuration whose manifest lists its keys in sorted order at every level; its texts,
   * content hash and provenance are made when first asked for.
   */
  static ResolvedConfiguration ofSortedTrees(
      String base,
      List<String> layers,
      ObjectNode manifest,
      Supplier<ObjectNode> sortedProvenance,
      Map<String, CredentialSource> registryCredentials,
      List<ConfigurationWarning> warnings) {
    return new ResolvedConfiguration(
        base, layers, new SortedTrees(manifest, sortedProvenance), registryCredentials, warnings);
  }

  /** A merged configuration's content: its texts written from trees that are sorted already. */
  private static final class SortedTrees implements Content {
    private final ObjectNode manifest;
    private final Supplier<ObjectNode> sortedProvenance;
    private volatile String manifestJson;
    private volatile ObjectNode provenance;

    SortedTrees(ObjectNode manifest, Supplier<ObjectNode> sortedProvenance) {
      this.manifest = manifest;
      this.sortedProvenance = sortedProvenance;
    }

    @Override
    public ObjectNode manifest() {
      return manifest;
    }

    @Override
    public String manifestJson() {
      String text = manifestJson;
      if (text == null) {
        text = CanonicalJson.writeSorted(manifest);
        manifestJson = text;
      }
      return text;
    }

    @Override
    public String desiredVersion() {
      return CanonicalJson.hash(manifestJson());
    }

    @Override
    public ObjectNode provenance() {
      ObjectNode made = provenance;
      if (made == null) {
        made = sortedProvenance.get();
        provenance = made;
      }
      return made;
    }

    @Override
    public String provenanceJson() {
      return CanonicalJson.writeSorted(provenance());
    }

    @Override
    public List<ParameterUse> parameters() {
      return List.of();
    }
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
    ObjectNode made = manifest;
    if (made == null) {
      made = content.manifest();
      manifest = made;
    }
    return made;
  }

  /** The manifest's canonical text, as written to the ConfigMap. */
  public String manifestJson() {
    String made = manifestJson;
    if (made == null) {
      made = content.manifestJson();
      manifestJson = made;
    }
    return made;
  }

  /**
   * The desired version: the content hash of {@link #manifestJson()}, or for a configuration with
   * per-device parameters its parts hash (docs/agent.md, "The desired version").
   */
  public String desiredVersion() {
    String made = desiredVersion;
    if (made == null) {
      made = content.desiredVersion();
      desiredVersion = made;
    }
    return made;
  }

  /** Which deployment supplied each runtime, module, route, credential and twin path. */
  public ObjectNode provenance() {
    ObjectNode made = provenance;
    if (made == null) {
      made = content.provenance();
      provenance = made;
    }
    return made;
  }

  /** The provenance's canonical text. */
  public String provenanceJson() {
    String made = provenanceJson;
    if (made == null) {
      made = content.provenanceJson();
      provenanceJson = made;
    }
    return made;
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
    List<ParameterUse> made = parameters;
    if (made == null) {
      made = List.copyOf(content.parameters());
      parameters = made;
    }
    return made;
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
        && desiredVersion().equals(c.desiredVersion())
        && manifestJson().equals(c.manifestJson())
        && provenanceJson().equals(c.provenanceJson())
        && registryCredentials.equals(c.registryCredentials)
        && warnings.equals(c.warnings)
        && parameters().equals(c.parameters());
  }

  @Override
  public int hashCode() {
    return Objects.hash(base, layers, desiredVersion());
  }

  @Override
  public String toString() {
    return "ResolvedConfiguration[" + base + " + " + layers + ", " + desiredVersion() + "]";
  }
}

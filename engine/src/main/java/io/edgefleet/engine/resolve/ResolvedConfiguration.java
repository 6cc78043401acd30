package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A device's configuration, resolved from a base and its layers: the manifest the agent runs, its
 * content hash, where every part came from, and the registry credentials it needs. Shared by every
 * device with the same base and layers (and, when it holds placeholders, the same values for them);
 * never modify the JSON nodes.
 *
 * @param base the standard deployment
 * @param layers the layered deployments, in applied order
 * @param manifest the IoT Edge deployment manifest ({@code modulesContent})
 * @param manifestJson the manifest's canonical text, as written to the ConfigMap
 * @param desiredVersion the content hash of {@code manifestJson}
 * @param provenance which deployment supplied each runtime, module, route, credential and twin path
 * @param provenanceJson the provenance's canonical text
 * @param registryCredentials credentials by name; secret values are never part of a configuration
 * @param warnings problems that do not stop the configuration being applied
 * @param parameters the placeholders filled in for this device, by field (empty when none)
 */
public record ResolvedConfiguration(
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

  public ResolvedConfiguration {
    parameters = List.copyOf(parameters);
    layers = List.copyOf(layers);
    registryCredentials = Map.copyOf(registryCredentials);
    warnings = List.copyOf(warnings);
  }

  /** Whether {@code deployment} is the base or one of the layers. */
  public boolean includes(String deployment) {
    return deployment.equals(base) || layers.contains(deployment);
  }
}

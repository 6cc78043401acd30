package io.edgefleet.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.agent.runtime.ModuleSpec;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A validated deployment manifest: what the device should run.
 *
 * @param version the desired version (the manifest's content hash)
 * @param schemaVersion {@code 1.0} or {@code 1.1}
 * @param edgeHub the edgeHub system module, or null when the agent does not run it
 * @param modules the custom modules by name
 * @param registries the registry credentials the manifest names, by name
 * @param twins each module's desired twin properties ({@code properties.desired}), by module
 * @param edgeHubDesired {@code $edgeHub}'s desired properties (routes, store and forward), or null
 */
public record DeviceManifest(
    String version,
    String schemaVersion,
    ModuleSpec edgeHub,
    Map<String, ModuleSpec> modules,
    Map<String, Registry> registries,
    Map<String, JsonNode> twins,
    JsonNode edgeHubDesired) {

  /** A manifest without {@code $edgeHub}'s desired properties. */
  public DeviceManifest(
      String version,
      String schemaVersion,
      ModuleSpec edgeHub,
      Map<String, ModuleSpec> modules,
      Map<String, Registry> registries,
      Map<String, JsonNode> twins) {
    this(version, schemaVersion, edgeHub, modules, registries, twins, null);
  }

  /**
   * The same manifest without the edgeHub module, for an agent that does not run edgeHub (most
   * fleets bring no IoT Hub for it to talk to).
   */
  public DeviceManifest withoutEdgeHub() {
    return new DeviceManifest(
        version, schemaVersion, null, modules, registries, twins, edgeHubDesired);
  }

  /**
   * The twins to deliver: every module's, and edgeHub's desired properties under {@code edgeHub}
   * when the manifest runs edgeHub.
   */
  public Map<String, JsonNode> twinsToDeliver() {
    Map<String, JsonNode> all = new TreeMap<>(twins);
    if (edgeHub != null && edgeHubDesired != null) {
      all.put(edgeHub.name(), edgeHubDesired);
    }
    return all;
  }

  public DeviceManifest {
    // sorted by name, so that plans and reports come out in the same order every time
    modules = Collections.unmodifiableMap(new TreeMap<>(modules));
    registries = Collections.unmodifiableMap(new TreeMap<>(registries));
    twins = Collections.unmodifiableMap(new TreeMap<>(twins));
  }

  /**
   * A registry the manifest pulls from, and where its credentials are in the registry Secret.
   *
   * @param name the credential's name
   * @param address the registry address
   * @param usernameKey the Secret key holding the user name
   * @param passwordKey the Secret key holding the password
   */
  public record Registry(String name, String address, String usernameKey, String passwordKey) {}
}

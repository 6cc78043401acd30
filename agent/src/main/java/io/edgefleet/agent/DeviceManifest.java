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
 * @param edgeHub the edgeHub system module
 * @param modules the custom modules by name
 * @param registries the registry credentials the manifest names, by name
 * @param twins each module's desired twin properties ({@code properties.desired}), by module
 */
public record DeviceManifest(
    String version,
    String schemaVersion,
    ModuleSpec edgeHub,
    Map<String, ModuleSpec> modules,
    Map<String, Registry> registries,
    Map<String, JsonNode> twins) {

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

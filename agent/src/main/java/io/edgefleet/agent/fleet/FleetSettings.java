package io.edgefleet.agent.fleet;

import io.edgefleet.agent.AgentOptions;
import io.edgefleet.agent.runtime.SimulationSettings;

/**
 * What a simulated fleet is.
 *
 * @param namespace the namespace of its EdgeDevices
 * @param devices how many devices to create (ignored with {@code existing})
 * @param existing run agents for the EdgeDevices the namespace has instead of creating any
 * @param prefix the name prefix of created devices ({@code sim-} gives {@code sim-00001})
 * @param tags the tag distributions of created devices (values are strings, as in IoT Hub twins)
 * @param reported the static reported properties of each agent (values typed as on the agent's
 *     command line)
 * @param simulation how modules behave
 * @param agent how agents behave
 * @param seed the seed of every random draw (tags, reported values, failures)
 * @param requestThreads threads for device creation and status patches
 */
public record FleetSettings(
    String namespace,
    int devices,
    boolean existing,
    String prefix,
    Distributions tags,
    Distributions reported,
    SimulationSettings simulation,
    AgentOptions agent,
    long seed,
    int requestThreads) {

  public FleetSettings {
    if (devices < 0 || (!existing && devices == 0)) {
      throw new IllegalArgumentException("the fleet needs at least one device");
    }
    if (requestThreads < 1) {
      throw new IllegalArgumentException("request threads must be at least 1");
    }
  }

  /** The name of device {@code index} (1-based), e.g. {@code sim-00042}. */
  public String deviceName(int index) {
    return prefix + String.format("%05d", index);
  }
}

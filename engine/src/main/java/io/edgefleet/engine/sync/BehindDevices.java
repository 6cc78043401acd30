package io.edgefleet.engine.sync;

import java.util.List;
import java.util.TreeMap;

/**
 * Collects the devices behind a deployment, keeping the first {@code limit} by name and counting
 * all of them, so that a status stays small on any fleet. Not thread-safe.
 */
public final class BehindDevices {

  private final int limit;
  private final TreeMap<String, BehindDevice> first = new TreeMap<>();
  private long total;

  public BehindDevices(int limit) {
    this.limit = limit;
  }

  /**
   * Records a device applied with {@code desiredVersion} when it is behind (does nothing when its
   * agent reports that version with 200).
   */
  public void offer(String device, String desiredVersion, AgentReport report) {
    if (report.succeeded(desiredVersion)) {
      return;
    }
    total++;
    if (first.size() >= limit && device.compareTo(first.lastKey()) >= 0) {
      return; // the message is built only for devices that are kept
    }
    Sync sync = Sync.ofDelivered(desiredVersion, report);
    first.put(device, new BehindDevice(device, sync.state(), sync.message()));
    if (first.size() > limit) {
      first.pollLastEntry();
    }
  }

  /** Adds {@code other}'s devices (collected with the same limit); returns this. */
  public BehindDevices plus(BehindDevices other) {
    total += other.total;
    for (BehindDevice device : other.first.values()) {
      first.put(device.name(), device);
    }
    while (first.size() > limit) {
      first.pollLastEntry();
    }
    return this;
  }

  /** How many devices are behind. */
  public long total() {
    return total;
  }

  /** The first devices behind, by name. */
  public List<BehindDevice> first() {
    return List.copyOf(first.values());
  }
}

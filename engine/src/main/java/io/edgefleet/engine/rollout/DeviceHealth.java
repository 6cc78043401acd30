package io.edgefleet.engine.rollout;

import java.time.Instant;

/**
 * Since when a device's agent reports success for a desired version, as its status records it.
 *
 * @param version the desired version reported with code 200
 * @param since when the operator first saw that report
 */
public record DeviceHealth(String version, Instant since) {}

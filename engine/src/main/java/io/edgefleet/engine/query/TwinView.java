package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a target condition or metric query reads from one device twin. Implementations should return
 * the stored objects as they are (no copying): conditions are evaluated for every device on every
 * change.
 */
public interface TwinView {

  /** The device id ({@code deviceId} in a condition); null makes {@code deviceId} undefined. */
  String deviceId();

  /** The device's tags object; null or a missing node makes every {@code tags.*} undefined. */
  JsonNode tags();

  /** The reported properties ({@code status.reported}); null makes them all undefined. */
  JsonNode reported();

  /**
   * The status of a deployment on this device ({@code configurations.[[name]].status}): {@code
   * "Targeted"}, {@code "Applied"}, or null when the deployment does not concern the device.
   */
  String configurationStatus(String deploymentName);
}

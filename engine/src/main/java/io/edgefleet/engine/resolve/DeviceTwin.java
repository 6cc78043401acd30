package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.query.TwinView;

/**
 * A device as target conditions read it. {@code configurations.[[d]].status} is {@code Applied}
 * when the device's current configuration includes d, {@code Targeted} when d targeted it at the
 * last decision, and undefined otherwise.
 */
public final class DeviceTwin implements TwinView {

  private final DeviceSource device;

  public DeviceTwin(DeviceSource device) {
    this.device = device;
  }

  @Override
  public String deviceId() {
    return device.name();
  }

  @Override
  public JsonNode tags() {
    return device.tags();
  }

  @Override
  public JsonNode reported() {
    return device.reported();
  }

  @Override
  public String configurationStatus(String deploymentName) {
    CurrentConfiguration current = device.current();
    if (current != null && current.includes(deploymentName)) {
      return "Applied";
    }
    return device.targetedBy().contains(deploymentName) ? "Targeted" : null;
  }
}

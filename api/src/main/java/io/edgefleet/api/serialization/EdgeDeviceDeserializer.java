package io.edgefleet.api.serialization;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceSpec;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an EdgeDevice tolerantly. An unreadable status keeps the agent's {@code reported}
 * properties when they are a JSON object; the operator's fields are dropped (the operator writes
 * them again).
 */
public final class EdgeDeviceDeserializer
    extends TolerantResourceDeserializer<EdgeDeviceSpec, EdgeDeviceStatus, EdgeDevice> {

  public EdgeDeviceDeserializer() {
    super(EdgeDevice.class, EdgeDevice::new, EdgeDeviceSpec.class, EdgeDeviceStatus.class);
  }

  @Override
  protected EdgeDeviceStatus salvageStatus(JsonNode status, ObjectCodec codec) {
    EdgeDeviceStatus salvaged = new EdgeDeviceStatus();
    JsonNode reported = status.get("reported");
    if (reported != null && reported.isObject()) {
      Map<String, JsonNode> properties = new LinkedHashMap<>();
      reported
          .properties()
          .iterator()
          .forEachRemaining(e -> properties.put(e.getKey(), e.getValue()));
      salvaged.setReported(properties);
    }
    return salvaged;
  }
}

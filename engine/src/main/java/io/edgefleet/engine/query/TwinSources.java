package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** The sources of target conditions: the parts of a {@link TwinView}. */
final class TwinSources {

  private TwinSources() {}

  static Source<TwinView> of(Operand.Property property) {
    String[] segments = JsonPaths.segments(property.segments());
    return switch (property.scope()) {
      case DEVICE_ID -> new DeviceId();
      case TAGS -> new Tags(segments);
      case REPORTED -> new Reported(segments);
      case CONFIGURATION_STATUS -> new ConfigurationStatus(segments[0]);
      default -> throw new IllegalArgumentException("not a twin property: " + property);
    };
  }

  /** {@code tags.a.b}. */
  static final class Tags implements Source<TwinView> {
    private final String[] segments;

    Tags(String[] segments) {
      this.segments = segments;
    }

    @Override
    public JsonNode node(TwinView twin) {
      return JsonPaths.walk(twin.tags(), segments);
    }
  }

  /** {@code properties.reported.a.b}. */
  static final class Reported implements Source<TwinView> {
    private final String[] segments;

    Reported(String[] segments) {
      this.segments = segments;
    }

    @Override
    public JsonNode node(TwinView twin) {
      return JsonPaths.walk(twin.reported(), segments);
    }
  }

  /** {@code deviceId}. */
  static final class DeviceId implements Source<TwinView> {
    @Override
    public JsonNode node(TwinView twin) {
      String id = twin.deviceId();
      return id == null ? null : TextNode.valueOf(id);
    }

    @Override
    public String text(TwinView twin) {
      return twin.deviceId();
    }

    @Override
    public boolean textOnly() {
      return true;
    }
  }

  /** {@code configurations.[[name]].status}. */
  static final class ConfigurationStatus implements Source<TwinView> {
    private final String deployment;

    ConfigurationStatus(String deployment) {
      this.deployment = deployment;
    }

    @Override
    public JsonNode node(TwinView twin) {
      String status = text(twin);
      return status == null ? null : TextNode.valueOf(status);
    }

    @Override
    public String text(TwinView twin) {
      return twin.configurationStatus(deployment);
    }

    @Override
    public boolean textOnly() {
      return true;
    }
  }
}

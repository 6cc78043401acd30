package io.edgefleet.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A device as the engine sees it: its twin (tags and reported properties) and what it has now.
 *
 * @param namespace the namespace
 * @param name the device id
 * @param tags {@code spec.tags}, never null
 * @param reported {@code status.reported}, never null
 * @param current what the device's generated ConfigMap holds, or null when it has none
 * @param targetedBy deployments that targeted the device at the last decision (from its status);
 *     read by {@code configurations.[[name]].status = 'Targeted'}
 */
public record DeviceSource(
    String namespace,
    String name,
    ObjectNode tags,
    ObjectNode reported,
    CurrentConfiguration current,
    Set<String> targetedBy) {

  public DeviceSource {
    Objects.requireNonNull(name, "name");
    namespace = namespace == null ? "" : namespace;
    tags = tags == null ? JsonNodeFactory.instance.objectNode() : tags;
    reported = reported == null ? JsonNodeFactory.instance.objectNode() : reported;
    targetedBy = targetedBy == null ? Set.of() : Set.copyOf(targetedBy);
  }

  /**
   * A device from the maps the API types hold. The maps are wrapped, not copied: do not change them
   * while the device is in use.
   */
  public static DeviceSource of(
      String namespace,
      String name,
      Map<String, JsonNode> tags,
      Map<String, JsonNode> reported,
      CurrentConfiguration current,
      Set<String> targetedBy) {
    return new DeviceSource(namespace, name, wrap(tags), wrap(reported), current, targetedBy);
  }

  private static ObjectNode wrap(Map<String, JsonNode> values) {
    return values == null ? null : new ObjectNode(JsonNodeFactory.instance, values);
  }

  /** A copy with other reported properties. */
  public DeviceSource withReported(ObjectNode newReported) {
    return new DeviceSource(namespace, name, tags, newReported, current, targetedBy);
  }

  /** A copy with another current configuration. */
  public DeviceSource withCurrent(CurrentConfiguration newCurrent) {
    return new DeviceSource(namespace, name, tags, reported, newCurrent, targetedBy);
  }
}

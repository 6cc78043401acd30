package io.edgefleet.agent.runtime.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgefleet.agent.runtime.ModuleSpec;
import io.edgefleet.api.contract.ContentHash;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels that make a container the agent's: the device (namespace and name), the module, the
 * spec it was created from and that spec's hash. The agent never stops, removes or changes a
 * container without them, and after a restart it rebuilds what runs from them. Pure.
 */
final class ContainerLabels {

  static final String NAMESPACE = "io.edgefleet.namespace";
  static final String DEVICE = "io.edgefleet.device";
  static final String MODULE = "io.edgefleet.module";
  static final String SPEC = "io.edgefleet.spec";
  static final String SPEC_HASH = "io.edgefleet.spec-hash";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ContainerLabels() {}

  /** The labels that select every container of a device. */
  static Map<String, String> ofDevice(String namespace, String device) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAMESPACE, namespace);
    labels.put(DEVICE, device);
    return labels;
  }

  /** Every label of a module's container. */
  static Map<String, String> of(String namespace, String device, ModuleSpec spec) {
    Map<String, String> labels = ofDevice(namespace, device);
    String json = specJson(spec);
    labels.put(MODULE, spec.name());
    labels.put(SPEC, json);
    labels.put(SPEC_HASH, ContentHash.of(json));
    return labels;
  }

  /**
   * The spec a container was created from, or null when its labels do not make it one of this
   * device's modules (no labels, another device, a spec that does not read back).
   */
  static ModuleSpec specOf(Map<String, String> labels, String namespace, String device) {
    if (labels == null
        || !namespace.equals(labels.get(NAMESPACE))
        || !device.equals(labels.get(DEVICE))
        || labels.get(SPEC) == null) {
      return null;
    }
    try {
      ModuleSpec spec = JSON.readValue(labels.get(SPEC), ModuleSpec.class);
      return spec.name().equals(labels.get(MODULE)) ? spec : null;
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }

  static String specJson(ModuleSpec spec) {
    try {
      return JSON.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a module spec as JSON", e);
    }
  }
}

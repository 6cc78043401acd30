package io.edgefleet.engine.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.engine.manifest.CanonicalJson;
import java.util.List;

/**
 * A deployment's content, the part of its spec that a revision records and undo restores: what it
 * puts on devices (runtime, registry credentials, modules, module twins, routes). Targeting (target
 * condition, priority, layered), metrics and the rollout settings are not content.
 */
public final class Revisions {

  /** The spec fields that are content. */
  public static final List<String> CONTENT_FIELDS =
      List.of("runtime", "registryCredentials", "modules", "moduleTwins", "routes");

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private Revisions() {}

  /** The content of {@code spec} as a JSON object (absent fields left out). */
  public static ObjectNode content(EdgeDeploymentSpec spec) {
    ObjectNode all = MAPPER.valueToTree(spec == null ? new EdgeDeploymentSpec() : spec);
    ObjectNode content = MAPPER.createObjectNode();
    for (String field : CONTENT_FIELDS) {
      JsonNode value = all.get(field);
      if (value != null && !value.isNull()) {
        content.set(field, value);
      }
    }
    return content;
  }

  /** The content hash of {@code spec}'s content: the revision's identity. */
  public static String hash(EdgeDeploymentSpec spec) {
    return CanonicalJson.hash(content(spec));
  }

  /** The content hash of a content object as {@link #content} gives it. */
  public static String hashOfContent(JsonNode content) {
    return CanonicalJson.hash(content);
  }

  /** {@code spec} with its content replaced by {@code content} (as {@link #content} gives it). */
  public static EdgeDeploymentSpec withContent(EdgeDeploymentSpec spec, JsonNode content) {
    ObjectNode all = MAPPER.valueToTree(spec == null ? new EdgeDeploymentSpec() : spec);
    CONTENT_FIELDS.forEach(all::remove);
    content.properties().iterator().forEachRemaining(e -> all.set(e.getKey(), e.getValue()));
    try {
      return MAPPER.treeToValue(all, EdgeDeploymentSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a deployment's content: " + e.getOriginalMessage());
    }
  }
}

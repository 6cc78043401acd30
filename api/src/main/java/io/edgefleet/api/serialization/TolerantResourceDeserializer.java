package io.edgefleet.api.serialization;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a custom resource part by part, so that one field a Java type cannot hold (a number out of
 * range, a wrong type an older schema allowed) never makes the whole object unreadable: an informer
 * that meets such an object would stop for every object of its kind. The metadata must be readable
 * (the API server guarantees it); a spec or status that is not is left out and marked (see {@link
 * Unreadable}), and {@link #salvageStatus} may keep what is still usable of a status.
 */
public abstract class TolerantResourceDeserializer<S, T, R extends CustomResource<S, T>>
    extends StdDeserializer<R> {

  private final Supplier<R> factory;
  private final Class<S> specType;
  private final Class<T> statusType;

  protected TolerantResourceDeserializer(
      Class<R> type, Supplier<R> factory, Class<S> specType, Class<T> statusType) {
    super(type);
    this.factory = factory;
    this.specType = specType;
    this.statusType = statusType;
  }

  @Override
  public R deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    JsonNode tree = context.readTree(parser);
    if (!tree.isObject()) {
      return context.reportInputMismatch(
          this, "expected a JSON object for %s", handledType().getSimpleName());
    }
    ObjectCodec codec = parser.getCodec();
    R resource = factory.get();
    if (tree.path("apiVersion").isTextual()) {
      resource.setApiVersion(tree.get("apiVersion").asText());
    }
    if (tree.path("kind").isTextual()) {
      resource.setKind(tree.get("kind").asText());
    }
    JsonNode metadata = tree.get("metadata");
    resource.setMetadata(
        metadata == null || metadata.isNull()
            ? new ObjectMeta()
            : codec.treeToValue(metadata, ObjectMeta.class));
    Map<String, String> problems = new HashMap<>();
    resource.setSpec(null);
    resource.setStatus(null);
    JsonNode spec = tree.get("spec");
    if (spec != null && !spec.isNull()) {
      try {
        resource.setSpec(codec.treeToValue(spec, specType));
      } catch (IOException e) {
        problems.put(Unreadable.SPEC_ANNOTATION, describe("spec", e));
      }
    }
    JsonNode status = tree.get("status");
    if (status != null && !status.isNull()) {
      try {
        resource.setStatus(codec.treeToValue(status, statusType));
      } catch (IOException e) {
        problems.put(Unreadable.STATUS_ANNOTATION, describe("status", e));
        resource.setStatus(salvageStatus(status, codec));
      }
    }
    if (!problems.isEmpty()) {
      Map<String, String> annotations =
          resource.getMetadata().getAnnotations() == null
              ? new HashMap<>()
              : new HashMap<>(resource.getMetadata().getAnnotations());
      annotations.putAll(problems);
      resource.getMetadata().setAnnotations(annotations);
    }
    return resource;
  }

  /**
   * What can be kept of a status that could not be read whole (never null: an unreadable status
   * still exists on the server, and its owner repairs it field by field).
   */
  protected abstract T salvageStatus(JsonNode status, ObjectCodec codec);

  /** A short account of the failure: the field's path and the first line of the reason. */
  static String describe(String part, IOException e) {
    StringBuilder path = new StringBuilder(part);
    if (e instanceof JsonMappingException mapping) {
      for (JsonMappingException.Reference reference : mapping.getPath()) {
        if (reference.getFieldName() != null) {
          path.append('.').append(reference.getFieldName());
        } else if (reference.getIndex() >= 0) {
          path.append('[').append(reference.getIndex()).append(']');
        }
      }
    }
    String reason =
        e instanceof JsonMappingException mapping ? mapping.getOriginalMessage() : e.getMessage();
    reason = reason == null ? e.getClass().getSimpleName() : reason.lines().findFirst().orElse("");
    if (reason.length() > 300) {
      reason = reason.substring(0, 300) + "...";
    }
    return path + ": " + reason;
  }
}

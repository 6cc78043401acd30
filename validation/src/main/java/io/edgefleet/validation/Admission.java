package io.edgefleet.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the API server would do with a write: the object it would store (pruned, defaulted, status
 * handled as the status subresource requires), the errors that make it answer 422 Invalid, and the
 * unknown fields it dropped (which {@code kubectl --validate=strict} turns into an error).
 *
 * @param object the object as it would be stored; meaningful only when {@link #allowed()}
 * @param errors the validation errors; empty when the write is allowed
 * @param unknownFields paths of the fields that were pruned, e.g. {@code spec.modules[sensor].imag}
 */
public record Admission(JsonNode object, List<FieldError> errors, List<String> unknownFields) {

  public Admission {
    errors = List.copyOf(errors);
    unknownFields = List.copyOf(unknownFields);
  }

  /** Whether the API server would accept the write. */
  public boolean allowed() {
    return errors.isEmpty();
  }
}

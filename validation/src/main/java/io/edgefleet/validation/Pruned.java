package io.edgefleet.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An object after pruning, and what was pruned.
 *
 * @param object a copy of the object without the fields the schema does not declare (and without
 *     nulls where the schema does not allow them)
 * @param unknownFields paths of the dropped fields, as the API server's strict field validation
 *     names them, e.g. {@code spec.modules[sensor].imag}
 */
public record Pruned(JsonNode object, List<String> unknownFields) {

  public Pruned {
    unknownFields = List.copyOf(unknownFields);
  }
}

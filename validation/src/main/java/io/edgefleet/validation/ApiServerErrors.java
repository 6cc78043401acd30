package io.edgefleet.validation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The API server's answers to an invalid write: the message, and the whole Status body. */
public final class ApiServerErrors {

  private ApiServerErrors() {}

  /**
   * The Status message of a 422 Invalid answer, e.g. {@code EdgeDeployment.edgefleet.io "prod-base"
   * is invalid: [spec.priority: Invalid value: -1: spec.priority in body should be greater than or
   * equal to 0, ...]}: one error without brackets, several in brackets, duplicates once.
   */
  public static String invalidMessage(
      String kind, String group, String name, List<FieldError> errors) {
    String qualified = group == null || group.isEmpty() ? kind : kind + "." + group;
    String head = qualified + " " + GoFormat.quote(name) + " is invalid";
    Set<String> distinct = new LinkedHashSet<>();
    for (FieldError e : errors) {
      distinct.add(e.toString());
    }
    if (distinct.isEmpty()) {
      return head;
    }
    if (distinct.size() == 1) {
      return head + ": " + distinct.iterator().next();
    }
    return head + ": [" + String.join(", ", distinct) + "]";
  }

  /**
   * The JSON body of the 422 answer: {@code kind: Status}, {@code status: Failure}, {@code reason:
   * Invalid}, {@code code: 422}, and {@code details} with the group, kind, name and one cause
   * (reason, message, field) per error.
   */
  public static ObjectNode invalidStatus(
      String kind, String group, String name, List<FieldError> errors) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode status = f.objectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", invalidMessage(kind, group, name, errors));
    status.put("reason", "Invalid");
    ObjectNode details = status.putObject("details");
    details.put("name", name);
    details.put("group", group);
    details.put("kind", kind);
    ArrayNode causes = details.putArray("causes");
    for (FieldError e : errors) {
      ObjectNode c = causes.addObject();
      c.put("reason", e.type().reason());
      c.put("message", e.body());
      c.put("field", e.field());
    }
    status.put("code", 422);
    return status;
  }

  /**
   * The message of the 400 answer to a write with unknown fields under strict field validation
   * ({@code kubectl apply --validate=strict}), or null when there are none.
   */
  public static String strictDecodingMessage(
      String kind, String version, List<String> unknownFields) {
    if (unknownFields.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (String u : unknownFields) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append("unknown field ").append(GoFormat.quote(u));
    }
    return kind
        + " in version "
        + GoFormat.quote(version)
        + " cannot be handled as a "
        + kind
        + ": strict decoding error: "
        + b;
  }
}

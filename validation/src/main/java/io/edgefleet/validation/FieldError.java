package io.edgefleet.validation;

import java.util.Objects;

/**
 * One validation failure, as kube-apiserver reports it in a 422 Invalid response.
 *
 * @param field the field path, e.g. {@code spec.modules.sensor.image} (schema errors) or {@code
 *     spec.modules[sensor].env} (CEL rules on map values, as the API server writes them); {@code
 *     <nil>} for rules on the object's root
 * @param type what kind of failure
 * @param value the offending value as the API server prints it ({@code -1}, {@code "object"},
 *     {@code "paused"}), or {@code null} when this type of error prints no value
 * @param detail what is wrong, e.g. the {@code message} of the failing x-kubernetes-validations
 *     rule; may be empty
 */
public record FieldError(String field, Type type, String value, String detail) {

  /** Error types, with the text and the {@code StatusCause.reason} the API server uses. */
  public enum Type {
    REQUIRED("Required value", "FieldValueRequired", false),
    INVALID("Invalid value", "FieldValueInvalid", true),
    /** A value of the wrong JSON type; prints like {@link #INVALID}. */
    TYPE_INVALID("Invalid value", "FieldValueTypeInvalid", true),
    NOT_SUPPORTED("Unsupported value", "FieldValueNotSupported", true),
    TOO_LONG("Too long", "FieldValueTooLong", false),
    TOO_MANY("Too many", "FieldValueTooMany", true),
    DUPLICATE("Duplicate value", "FieldValueDuplicate", true),
    FORBIDDEN("Forbidden", "FieldValueForbidden", false),
    INTERNAL("Internal error", "InternalError", false);

    private final String text;
    private final String reason;
    private final boolean printsValue;

    Type(String text, String reason, boolean printsValue) {
      this.text = text;
      this.reason = reason;
      this.printsValue = printsValue;
    }

    /** The text the API server prints, e.g. {@code Invalid value}. */
    public String text() {
      return text;
    }

    /** The cause type in a Status body, e.g. {@code FieldValueInvalid}. */
    public String reason() {
      return reason;
    }

    /**
     * Whether the API server stops evaluating x-kubernetes-validations rules when a schema error of
     * this type exists (required, enum, type, maxLength, maxItems/maxProperties).
     */
    boolean blocksCelRules() {
      return this == REQUIRED
          || this == NOT_SUPPORTED
          || this == TOO_LONG
          || this == TOO_MANY
          || this == TYPE_INVALID;
    }
  }

  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(type, "type");
    detail = detail == null ? "" : detail;
  }

  /**
   * The message without the field, as in a Status cause, e.g. {@code Invalid value: -1:
   * spec.priority in body should be greater than or equal to 0}.
   */
  public String body() {
    StringBuilder s = new StringBuilder(type.text);
    if (type.printsValue && value != null) {
      s.append(": ").append(value);
    }
    if (!detail.isEmpty()) {
      s.append(": ").append(detail);
    }
    return s.toString();
  }

  /** {@code field: body}, exactly as the API server joins it into its message. */
  @Override
  public String toString() {
    return field + ": " + body();
  }
}

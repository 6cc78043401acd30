package io.edgefleet.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The API server's checks of a custom resource's {@code metadata} name and namespace. */
final class Metadata {

  private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_SUBDOMAIN = DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*";
  private static final Pattern SUBDOMAIN = Pattern.compile("^" + DNS1123_SUBDOMAIN + "$");
  private static final Pattern LABEL = Pattern.compile("^" + DNS1123_LABEL + "$");

  private static final String SUBDOMAIN_MESSAGE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
          + " regex used for validation is '"
          + DNS1123_SUBDOMAIN
          + "')";
  private static final String LABEL_MESSAGE =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
          + " regex used for validation is '"
          + DNS1123_LABEL
          + "')";

  private Metadata() {}

  static List<FieldError> validate(JsonNode metadata) {
    List<FieldError> errors = new ArrayList<>();
    String name = metadata.path("name").asText("");
    String generateName = metadata.path("generateName").asText("");
    if (name.isEmpty() && generateName.isEmpty()) {
      errors.add(
          new FieldError(
              "metadata.name", FieldError.Type.REQUIRED, null, "name or generateName is required"));
    }
    if (!generateName.isEmpty()) {
      // a generated name appends five characters; the prefix must make a valid name with them
      String prefix = generateName.endsWith("-") ? generateName + "a" : generateName;
      subdomain("metadata.generateName", generateName, prefix, errors);
    }
    if (!name.isEmpty()) {
      subdomain("metadata.name", name, name, errors);
    }
    String namespace = metadata.path("namespace").asText("");
    if (!namespace.isEmpty()) {
      if (namespace.length() > 63) {
        errors.add(
            new FieldError(
                "metadata.namespace",
                FieldError.Type.INVALID,
                GoFormat.quote(namespace),
                "must be no more than 63 characters"));
      }
      if (!LABEL.matcher(namespace).matches()) {
        errors.add(
            new FieldError(
                "metadata.namespace",
                FieldError.Type.INVALID,
                GoFormat.quote(namespace),
                LABEL_MESSAGE));
      }
    }
    return errors;
  }

  private static void subdomain(String field, String value, String checked, List<FieldError> out) {
    if (checked.length() > 253) {
      out.add(
          new FieldError(
              field,
              FieldError.Type.INVALID,
              GoFormat.quote(value),
              "must be no more than 253 characters"));
    }
    if (!SUBDOMAIN.matcher(checked).matches()) {
      out.add(
          new FieldError(field, FieldError.Type.INVALID, GoFormat.quote(value), SUBDOMAIN_MESSAGE));
    }
  }
}

package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.validation.ApiServerErrors;
import io.edgefleet.validation.FieldError;
import java.util.List;

/**
 * A request the API server refuses, with the {@code Status} body it answers: the same reasons,
 * codes and message wording as kube-apiserver, so that kubectl prints what it prints against a real
 * cluster (e.g. {@code Error from server (NotFound): configmaps "x" not found}).
 */
final class ApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ObjectNode status;
  private final int code;

  private ApiError(int code, ObjectNode status) {
    super(status.path("message").asText());
    this.code = code;
    this.status = status;
  }

  int code() {
    return code;
  }

  ObjectNode status() {
    return status;
  }

  static ApiError notFound(ApiResource r, String name) {
    return of(404, "NotFound", r.qualifiedPlural() + " " + quote(name) + " not found", r, name);
  }

  static ApiError namespaceNotFound(String namespace) {
    ObjectNode s = status(404, "NotFound", "namespaces " + quote(namespace) + " not found");
    ObjectNode d = s.putObject("details");
    d.put("name", namespace);
    d.put("kind", "namespaces");
    return new ApiError(404, s);
  }

  static ApiError namespaceTerminating(String namespace) {
    return new ApiError(
        403,
        status(
            403,
            "Forbidden",
            "unable to create new content in namespace "
                + namespace
                + " because it is being terminated"));
  }

  /** A path that names nothing the server serves. */
  static ApiError pathNotFound() {
    ObjectNode s = status(404, "NotFound", "the server could not find the requested resource");
    ObjectNode cause = s.putObject("details").putArray("causes").addObject();
    cause.put("reason", "UnexpectedServerResponse");
    cause.put("message", "404 page not found");
    return new ApiError(404, s);
  }

  static ApiError alreadyExists(ApiResource r, String name) {
    return of(
        409, "AlreadyExists", r.qualifiedPlural() + " " + quote(name) + " already exists", r, name);
  }

  static ApiError conflict(ApiResource r, String name) {
    return of(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + r.qualifiedPlural()
            + " "
            + quote(name)
            + ": the object has been modified; please apply your changes to the latest version and"
            + " try again",
        r,
        name);
  }

  static ApiError preconditionFailed(ApiResource r, String name, String detail) {
    return of(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + r.qualifiedPlural()
            + " "
            + quote(name)
            + ": "
            + detail,
        r,
        name);
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, status(400, "BadRequest", message));
  }

  static ApiError methodNotAllowed() {
    return new ApiError(
        405,
        status(
            405,
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource"));
  }

  static ApiError unsupportedMediaType(String message) {
    return new ApiError(415, status(415, "UnsupportedMediaType", message));
  }

  /** 422 Invalid, with one cause per error, exactly as the validation module words it. */
  static ApiError invalid(ApiResource r, String name, List<FieldError> errors) {
    return new ApiError(422, ApiServerErrors.invalidStatus(r.kind(), r.group(), name, errors));
  }

  /** Any other failure. */
  static ApiError failure(int code, String reason, String message) {
    return new ApiError(code, status(code, reason, message));
  }

  static ApiError internal(String message) {
    return new ApiError(500, status(500, "InternalError", message));
  }

  /** Go's {@code %q} for the plain names that appear in these messages. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static ApiError of(int code, String reason, String message, ApiResource r, String name) {
    ObjectNode s = status(code, reason, message);
    ObjectNode d = s.putObject("details");
    d.put("name", name);
    if (!r.group().isEmpty()) {
      d.put("group", r.group());
    }
    d.put("kind", r.plural());
    s.set("code", s.remove("code"));
    return new ApiError(code, s);
  }

  static ObjectNode status(int code, String reason, String message) {
    ObjectNode s = Json.NODES.objectNode();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure");
    s.put("message", message);
    s.put("reason", reason);
    s.put("code", code);
    return s;
  }
}

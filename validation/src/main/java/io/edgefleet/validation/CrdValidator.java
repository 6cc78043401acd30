package io.edgefleet.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates custom resources against one CRD the way kube-apiserver does, offline.
 *
 * <p>For each write it does what the API server does before storing: prune fields the schema does
 * not declare (outside {@code x-kubernetes-preserve-unknown-fields}) and nulls it does not allow,
 * apply defaults, check {@code metadata.name}, the OpenAPI v3 schema (type, required, enum,
 * minimum/maximum, lengths, pattern, item and property counts, list-type sets and maps), then every
 * {@code x-kubernetes-validations} rule at its node with {@code self} bound to that node's value.
 * Rules are skipped, as on the API server, when a required, enum, type, maxLength or maxItems /
 * maxProperties error exists. On update, unchanged values are not re-validated (ratcheting) and
 * transition rules ({@code oldSelf}) run where an old value exists.
 *
 * <p>Every rule is compiled once, when the CRD is loaded; a validator is immutable and safe to use
 * from many threads.
 *
 * <pre>{@code
 * CrdValidator v = CrdValidator.load(Files.readString(crdFile));
 * List<FieldError> errors = v.validate(object);
 * String message = ApiServerErrors.invalidMessage(v.kind(), v.group(), name, errors);
 * }</pre>
 */
public final class CrdValidator {

  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String group;
  private final String kind;
  private final String plural;
  private final boolean namespaced;
  private final Map<String, VersionValidator> versions;

  private CrdValidator(CrdModel model) {
    this.group = model.group;
    this.kind = model.kind;
    this.plural = model.plural;
    this.namespaced = model.namespaced;
    this.versions = Map.copyOf(model.served);
  }

  /**
   * Loads a CRD (all its served versions).
   *
   * @throws InvalidCrdException when the API server would reject the CRD itself: a non-structural
   *     schema, or a rule that does not compile (the exception lists every problem)
   */
  public static CrdValidator load(JsonNode crd) {
    CrdModel model = CrdModel.read(crd);
    if (!model.problems.isEmpty()) {
      throw new InvalidCrdException(crd.path("metadata").path("name").asText("?"), model.problems);
    }
    return new CrdValidator(model);
  }

  /** Loads a CRD given as YAML or JSON text. */
  public static CrdValidator load(String crdYamlOrJson) {
    return load(Json.read(crdYamlOrJson));
  }

  public String group() {
    return group;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  public boolean namespaced() {
    return namespaced;
  }

  /** The served versions, e.g. {@code [v1alpha1]}. */
  public Set<String> servedVersions() {
    return versions.keySet();
  }

  /** Whether the object's version has a status subresource (status is then written separately). */
  public boolean hasStatusSubresource(JsonNode object) {
    VersionValidator v = versions.get(version(object));
    return v != null && v.statusSubresource;
  }

  /**
   * Validates an object as a create would, after pruning and defaulting it; the object is not
   * changed. Its status is validated too (use {@link #admitCreate} for the API server's whole
   * create, which drops status when there is a status subresource).
   *
   * @return the errors, empty when valid
   */
  public List<FieldError> validate(JsonNode object) {
    return check(object, null).errors();
  }

  /**
   * Validates an update: like {@link #validate} plus transition rules ({@code oldSelf}) where the
   * old object has a corresponding value, and ratcheting: values equal to the old ones are not
   * re-validated (the API server's CRDValidationRatcheting, on by default since Kubernetes 1.30).
   */
  public List<FieldError> validateUpdate(JsonNode newObject, JsonNode oldObject) {
    return check(newObject, oldObject).errors();
  }

  /**
   * An object as the API server holds it, status included (e.g. read back from a {@code kubectl get
   * -o yaml} dump): pruned, defaulted and validated whole, as {@link #validate} does.
   */
  public Admission admit(JsonNode object) {
    return check(object, null);
  }

  /** The object without unknown fields, and which fields were dropped. */
  public Pruned prune(JsonNode object) {
    VersionValidator v = versions.get(version(object));
    if (v == null) {
      return new Pruned(object.deepCopy(), List.of());
    }
    return v.prune(object);
  }

  /**
   * The fields the API server would silently drop, which {@code kubectl apply --validate=strict}
   * (server-side field validation {@code Strict}) rejects, e.g. {@code spec.modules[sensor].imag}.
   */
  public List<String> unknownFields(JsonNode object) {
    return prune(object).unknownFields();
  }

  /**
   * A create, as the API server handles it: generate the name from {@code generateName} if needed,
   * drop {@code status} when the status subresource is enabled, prune, default, validate.
   */
  public Admission admitCreate(JsonNode object) {
    ObjectNode copy = object.deepCopy();
    ObjectNode meta = metadata(copy);
    if (meta.path("name").asText("").isEmpty() && !meta.path("generateName").asText("").isEmpty()) {
      meta.put("name", meta.get("generateName").asText() + randomSuffix());
    }
    if (hasStatusSubresource(copy)) {
      copy.remove("status");
    }
    return check(copy, null);
  }

  /**
   * An update of the main resource: with a status subresource, the status stays what it was; then
   * as {@link #validateUpdate}.
   */
  public Admission admitUpdate(JsonNode newObject, JsonNode oldObject) {
    ObjectNode copy = newObject.deepCopy();
    if (hasStatusSubresource(copy)) {
      copy.remove("status");
      if (oldObject.has("status")) {
        copy.set("status", oldObject.get("status").deepCopy());
      }
    }
    return check(copy, oldObject);
  }

  /**
   * An update of the {@code /status} subresource: only status changes; spec and metadata (except
   * labels, annotations, finalizers and owner references, which the API server lets through too)
   * stay as they were.
   */
  public Admission admitStatusUpdate(JsonNode newObject, JsonNode oldObject) {
    ObjectNode copy = oldObject.deepCopy();
    if (newObject.has("status")) {
      copy.set("status", newObject.get("status").deepCopy());
    } else {
      copy.remove("status");
    }
    return check(copy, oldObject);
  }

  private Admission check(JsonNode object, JsonNode old) {
    List<FieldError> typeErrors = typeMeta(object);
    if (!typeErrors.isEmpty()) {
      return new Admission(object, typeErrors, List.of());
    }
    VersionValidator v = versions.get(version(object));
    Pruned pruned = v.prune(object);
    JsonNode stored = pruned.object();
    v.applyDefaults(stored, v.root);
    JsonNode validated = stored;
    if (stored.path("metadata").path("name").asText("").isEmpty()
        && !stored.path("metadata").path("generateName").asText("").isEmpty()) {
      // the API server names the object before validating it
      ObjectNode named = stored.deepCopy();
      metadata(named).put("name", named.path("metadata").path("generateName").asText() + "xxxxx");
      validated = named;
    }
    JsonNode oldStored = null;
    if (old != null && versions.containsKey(version(old))) {
      oldStored = v.prune(old).object();
      v.applyDefaults(oldStored, v.root);
    }
    return new Admission(stored, v.validate(validated, oldStored), pruned.unknownFields());
  }

  private List<FieldError> typeMeta(JsonNode object) {
    List<FieldError> errors = new ArrayList<>();
    if (!object.isObject()) {
      errors.add(
          new FieldError(
              "<nil>", FieldError.Type.INVALID, GoFormat.value(object), "must be a JSON object"));
      return errors;
    }
    String apiVersion = object.path("apiVersion").asText("");
    if (!versions.containsKey(version(object))) {
      List<String> supported = new ArrayList<>();
      versions.keySet().stream()
          .sorted()
          .forEach(ver -> supported.add(GoFormat.quote(group + "/" + ver)));
      errors.add(
          new FieldError(
              "apiVersion",
              FieldError.Type.NOT_SUPPORTED,
              GoFormat.quote(apiVersion),
              "supported values: " + String.join(", ", supported)));
    }
    String k = object.path("kind").asText("");
    if (!k.equals(kind)) {
      errors.add(
          new FieldError(
              "kind",
              FieldError.Type.NOT_SUPPORTED,
              GoFormat.quote(k),
              "supported values: " + GoFormat.quote(kind)));
    }
    return errors;
  }

  private String version(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText("");
    String prefix = group + "/";
    return apiVersion.startsWith(prefix) ? apiVersion.substring(prefix.length()) : "";
  }

  private static ObjectNode metadata(ObjectNode object) {
    JsonNode m = object.get("metadata");
    if (m instanceof ObjectNode o) {
      return o;
    }
    return object.putObject("metadata");
  }

  private static String randomSuffix() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      b.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
    }
    return b.toString();
  }
}

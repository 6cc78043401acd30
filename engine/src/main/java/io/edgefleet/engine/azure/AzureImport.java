package io.edgefleet.engine.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.contract.CreateOptionsChunks;
import io.edgefleet.api.v1alpha1.EdgeFleetApi;
import io.edgefleet.engine.query.QueryException;
import io.edgefleet.engine.query.QueryParser;
import io.edgefleet.engine.route.Route;
import io.edgefleet.engine.route.RouteParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns an Azure IoT Edge deployment into an EdgeDeployment: a configuration object ({@code id},
 * {@code content.modulesContent}, {@code targetCondition}, {@code priority}, {@code labels}, {@code
 * metrics.queries}) as {@code az iot edge deployment} and the portal use, or a bare manifest
 * ({@code modulesContent}, or {@code content.modulesContent}), standard or layered. Registry
 * passwords become {@link RegistrySecret}s, never part of the deployment. Anything EdgeFleet cannot
 * represent is an {@link AzureFormatException} naming its JSON path; nothing is dropped silently
 * (the read-only fields IoT Hub adds to a configuration it returns are listed in {@link
 * Result#notes()}). Pure: JSON in, JSON out (docs/migrating-from-azure.md).
 */
public final class AzureImport {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Fields IoT Hub adds to a configuration it returns; they describe it, not what it does. */
  private static final Set<String> READ_ONLY =
      Set.of(
          "etag",
          "createdTimeUtc",
          "lastUpdatedTimeUtc",
          "systemMetrics",
          "contentType",
          "schemaVersion");

  private static final Set<String> CONFIGURATION_FIELDS =
      Set.of("id", "labels", "content", "targetCondition", "priority", "metrics");

  private static final Pattern NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern CREDENTIAL_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern LABEL_NAME = LABEL_VALUE;
  private static final Pattern LABEL_PREFIX = NAME;

  /**
   * What the command line supplies: each non-null value overrides the configuration object's.
   *
   * @param namespace metadata.namespace, or null for none
   * @param name the deployment name (else the configuration's {@code id})
   * @param targetCondition the target condition (else the configuration's)
   * @param priority the priority (else the configuration's)
   */
  public record Options(String namespace, String name, String targetCondition, Integer priority) {}

  /**
   * A registry credential's user name and password, to be kept in a Secret.
   *
   * @param secretName the Secret's name, as spec.registryCredentials.&lt;name&gt;.secretName says
   * @param namespace the namespace, or null
   * @param credential the credential's name in the manifest
   * @param address the registry address
   * @param username the user name
   * @param password the password
   */
  public record RegistrySecret(
      String secretName,
      String namespace,
      String credential,
      String address,
      String username,
      String password) {

    @Override
    public String toString() {
      return "RegistrySecret[" + secretName + ", " + address + ", password hidden]";
    }
  }

  /**
   * The outcome.
   *
   * @param deployment the EdgeDeployment object
   * @param layered whether the manifest was layered
   * @param secrets the registry credentials' Secrets (empty when there are none)
   * @param notes what a person should know: read-only fields left out, route warnings
   */
  public record Result(
      ObjectNode deployment, boolean layered, List<RegistrySecret> secrets, List<String> notes) {}

  /**
   * The prefix of the labels export writes for a registry credential whose Secret does not have the
   * default name: {@code edgefleet.io/registry-secret.<credential>: <Secret name>}. Import reads
   * them back as the Secret names, and they never become labels of the EdgeDeployment.
   */
  public static final String SECRET_NAME_LABEL = "edgefleet.io/registry-secret.";

  private final Options options;
  private final List<RegistrySecret> secrets = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private String name;

  private AzureImport(Options options) {
    this.options = options;
  }

  /** Converts one Azure document. */
  public static Result convert(JsonNode document, Options options) throws AzureFormatException {
    return new AzureImport(options).run(document);
  }

  private Result run(JsonNode document) throws AzureFormatException {
    if (document == null || !document.isObject()) {
      throw new AzureFormatException("$", "expected a JSON object (a deployment manifest)");
    }
    JsonNode modulesContent;
    String contentPath;
    boolean configuration = !document.has("modulesContent");
    if (!configuration) {
      allowOnly(document, "", Set.of("modulesContent"), "a bare manifest");
      modulesContent = document.get("modulesContent");
      contentPath = "modulesContent";
    } else {
      for (Map.Entry<String, JsonNode> field : document.properties()) {
        if (READ_ONLY.contains(field.getKey())
            || (field.getKey().equals("$schema-template") && field.getValue().isTextual())) {
          notes.add("left out " + field.getKey() + " (set by IoT Hub or a tool, not a setting)");
        } else if (!CONFIGURATION_FIELDS.contains(field.getKey())) {
          throw new AzureFormatException(
              field.getKey(),
              "not a field of an IoT Edge deployment (expected id, content, targetCondition,"
                  + " priority, labels, metrics)");
        }
      }
      JsonNode content = document.get("content");
      if (content == null || !content.isObject()) {
        throw new AzureFormatException(
            "content", "missing: a deployment has content.modulesContent (or modulesContent)");
      }
      if (content.has("deviceContent") || content.has("moduleContent")) {
        throw new AzureFormatException(
            content.has("deviceContent") ? "content.deviceContent" : "content.moduleContent",
            "an automatic device or module configuration (not an IoT Edge deployment) has no"
                + " equivalent in EdgeFleet");
      }
      allowOnly(content, "content", Set.of("modulesContent"), "content");
      modulesContent = content.get("modulesContent");
      contentPath = "content.modulesContent";
    }
    if (modulesContent == null || !modulesContent.isObject()) {
      throw new AzureFormatException(contentPath, "must be an object");
    }

    name = name(document, configuration);
    ObjectNode labels =
        configuration && document.hasNonNull("labels") ? labels(document.get("labels")) : null;
    Map<String, String> secretNames = secretNames(labels);
    ObjectNode spec = JSON.objectNode();
    JsonNode agent = modulesContent.get("$edgeAgent");
    boolean layered = agent == null || !agent.has("properties.desired");
    if (layered) {
      spec.put("layered", true);
    }
    spec.put("priority", priority(document, configuration));
    spec.put("targetCondition", targetCondition(document, configuration));
    new ManifestReader(spec, layered, name, options.namespace(), secrets, notes, secretNames)
        .read(modulesContent, contentPath);
    for (String credential : secretNames.keySet()) {
      if (!spec.path("registryCredentials").has(credential)) {
        throw new AzureFormatException(
            JsonPath.child("labels", SECRET_NAME_LABEL + credential),
            "names the Secret of registry credential " + credential + ", which the manifest lacks");
      }
    }
    if (configuration) {
      metrics(document.get("metrics"), spec);
    }

    ObjectNode deployment = JSON.objectNode();
    deployment.put("apiVersion", EdgeFleetApi.API_VERSION);
    deployment.put("kind", "EdgeDeployment");
    ObjectNode metadata = deployment.putObject("metadata");
    metadata.put("name", name);
    if (options.namespace() != null) {
      metadata.put("namespace", options.namespace());
    }
    if (labels != null && !labels.isEmpty()) {
      metadata.set("labels", labels);
    }
    deployment.set("spec", spec);
    return new Result(deployment, layered, List.copyOf(secrets), List.copyOf(notes));
  }

  static void allowOnly(JsonNode object, String at, Set<String> allowed, String what)
      throws AzureFormatException {
    for (String key : iterable(object)) {
      if (!allowed.contains(key)) {
        throw new AzureFormatException(
            JsonPath.child(at, key),
            "not a field of " + what + " (expected " + String.join(", ", allowed) + ")");
      }
    }
  }

  static Iterable<String> iterable(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private String name(JsonNode document, boolean configuration) throws AzureFormatException {
    String value = options.name();
    String at = "--name";
    if (value == null) {
      if (!configuration || !document.hasNonNull("id")) {
        throw new AzureFormatException(
            configuration ? "id" : "$",
            "no deployment name: the manifest has no id; pass --name NAME");
      }
      value = document.get("id").asText();
      at = "id";
    }
    if (value.length() > 128 || !NAME.matcher(value).matches()) {
      throw new AzureFormatException(
          at,
          "'"
              + value
              + "' is not a Kubernetes object name (at most 128 lowercase letters, digits, '-' and"
              + " '.'); pass --name NAME");
    }
    return value;
  }

  private int priority(JsonNode document, boolean configuration) throws AzureFormatException {
    if (options.priority() != null) {
      if (options.priority() < 0) {
        throw new AzureFormatException("--priority", "must be 0 or more");
      }
      return options.priority();
    }
    JsonNode priority = configuration ? document.get("priority") : null;
    if (priority == null || priority.isNull()) {
      throw new AzureFormatException(
          configuration ? "priority" : "$",
          "no priority: the manifest has none; pass --priority N");
    }
    if (!priority.canConvertToExactIntegral()
        || !priority.canConvertToInt()
        || priority.asInt() < 0) {
      throw new AzureFormatException("priority", "must be an integer, 0 or more");
    }
    return priority.asInt();
  }

  private String targetCondition(JsonNode document, boolean configuration)
      throws AzureFormatException {
    String text = options.targetCondition();
    String at = "--target-condition";
    if (text == null) {
      JsonNode condition = configuration ? document.get("targetCondition") : null;
      if (condition == null || !condition.isTextual() || condition.asText().isBlank()) {
        throw new AzureFormatException(
            configuration ? "targetCondition" : "$",
            "no target condition: the manifest has none; pass --target-condition COND");
      }
      text = condition.asText();
      at = "targetCondition";
    }
    try {
      QueryParser.parseCondition(text);
    } catch (QueryException e) {
      throw new AzureFormatException(at, e.getMessage());
    }
    return text;
  }

  private void metrics(JsonNode metrics, ObjectNode spec) throws AzureFormatException {
    if (metrics == null || metrics.isNull()) {
      return;
    }
    if (!metrics.isObject()) {
      throw new AzureFormatException("metrics", "must be an object with queries");
    }
    for (String key : iterable(metrics)) {
      if (key.equals("results")) {
        notes.add("left out metrics.results (counts computed by IoT Hub)");
      } else if (!key.equals("queries")) {
        throw new AzureFormatException(
            JsonPath.child("metrics", key), "not a field of metrics (expected queries)");
      }
    }
    JsonNode queries = metrics.get("queries");
    if (queries == null || queries.isNull() || queries.isEmpty()) {
      return;
    }
    if (!queries.isObject()) {
      throw new AzureFormatException("metrics.queries", "must be an object: name -> query");
    }
    ObjectNode out = spec.putObject("metrics");
    for (Map.Entry<String, JsonNode> query : queries.properties()) {
      String at = JsonPath.child("metrics.queries", query.getKey());
      if (!query.getValue().isTextual()) {
        throw new AzureFormatException(at, "must be a query string");
      }
      try {
        QueryParser.parseMetricQuery(query.getValue().asText());
      } catch (QueryException e) {
        throw new AzureFormatException(at, e.getMessage());
      }
      out.put(query.getKey(), query.getValue().asText());
    }
  }

  /** The Secret names the export labels give, taken out of {@code labels}. */
  private static Map<String, String> secretNames(ObjectNode labels) throws AzureFormatException {
    Map<String, String> names = new TreeMap<>();
    if (labels == null) {
      return names;
    }
    for (String key : iterable(labels)) {
      if (key.startsWith(SECRET_NAME_LABEL)) {
        String secret = labels.get(key).asText();
        if (secret.length() > 253 || !NAME.matcher(secret).matches()) {
          throw new AzureFormatException(
              JsonPath.child("labels", key), "'" + secret + "' is not a Kubernetes Secret name");
        }
        names.put(key.substring(SECRET_NAME_LABEL.length()), secret);
        labels.remove(key);
      }
    }
    return names;
  }

  /** The Secret import names for a credential when no label names it. */
  public static String defaultSecretName(String deployment, String credential) {
    return deployment + "-" + credential;
  }

  private ObjectNode labels(JsonNode labels) throws AzureFormatException {
    if (!labels.isObject()) {
      throw new AzureFormatException("labels", "must be an object of name: value");
    }
    ObjectNode out = JSON.objectNode();
    for (Map.Entry<String, JsonNode> label : labels.properties()) {
      String at = JsonPath.child("labels", label.getKey());
      if (!label.getValue().isTextual()) {
        throw new AzureFormatException(at, "a label value must be a string");
      }
      String value = label.getValue().asText();
      if (label.getKey().startsWith(SECRET_NAME_LABEL)) {
        out.put(label.getKey(), value);
        continue;
      }
      if (!validLabelKey(label.getKey())) {
        throw new AzureFormatException(
            at,
            "'"
                + label.getKey()
                + "' is not a Kubernetes label name (at most 63 letters, digits, '-', '_', '.',"
                + " beginning and ending with a letter or digit, optionally prefixed with a DNS"
                + " name and '/')");
      }
      if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
        throw new AzureFormatException(
            at,
            "'"
                + value
                + "' is not a Kubernetes label value (at most 63 letters, digits, '-', '_', '.',"
                + " beginning and ending with a letter or digit)");
      }
      out.put(label.getKey(), value);
    }
    return out;
  }

  private static boolean validLabelKey(String key) {
    int slash = key.indexOf('/');
    String label = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > 253 || !LABEL_PREFIX.matcher(prefix).matches()) {
        return false;
      }
    }
    return !label.isEmpty() && label.length() <= 63 && LABEL_NAME.matcher(label).matches();
  }

  static boolean validCredentialName(String credential) {
    return credential.length() <= 253 && CREDENTIAL_NAME.matcher(credential).matches();
  }

  static String createOptions(JsonNode settings, String at) throws AzureFormatException {
    try {
      return CreateOptionsChunks.join(settings, at);
    } catch (IllegalArgumentException e) {
      int colon = e.getMessage().indexOf(": ");
      throw new AzureFormatException(
          e.getMessage().substring(0, colon), e.getMessage().substring(colon + 2));
    }
  }

  static Route route(String text, String at) throws AzureFormatException {
    try {
      return RouteParser.parse(text);
    } catch (QueryException e) {
      throw new AzureFormatException(at, "edgeHub refuses this route: " + e.getMessage());
    }
  }
}

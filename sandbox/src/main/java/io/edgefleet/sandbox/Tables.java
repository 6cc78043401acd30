package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders the {@code Table} that {@code kubectl get} asks for ({@code Accept:
 * application/json;as=Table;v=v1;g=meta.k8s.io}): for custom resources the CRD's {@code
 * additionalPrinterColumns}, evaluated as the API server does (dates as ages, lists and objects as
 * JSON, missing values as null so kubectl prints {@code <none>}); for the built-in kinds the
 * columns the API server prints for them.
 */
final class Tables {

  /** One column: its definition and how to compute a cell from an object. */
  record Column(
      String name,
      String type,
      String format,
      String description,
      int priority,
      Function<JsonNode, JsonNode> cell) {}

  private static final Column NAME =
      new Column(
          "Name",
          "string",
          "name",
          "Name must be unique within a namespace.",
          0,
          o -> o.path("metadata").path("name"));

  private final ResourceCatalog catalog;
  private final Clock clock;

  Tables(ResourceCatalog catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  /** Whether an {@code Accept} header asks for a Table. */
  static boolean wanted(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  /**
   * The Table of {@code objects}.
   *
   * @param includeObject {@code None}, {@code Metadata} (default) or {@code Object}
   */
  ObjectNode table(
      ApiResource resource,
      List<JsonNode> objects,
      String resourceVersion,
      String includeObject,
      boolean withColumns) {
    List<Column> columns = columns(resource);
    ObjectNode table = Json.NODES.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode meta = table.putObject("metadata");
    if (resourceVersion != null) {
      meta.put("resourceVersion", resourceVersion);
    }
    if (withColumns) {
      ArrayNode defs = table.putArray("columnDefinitions");
      for (Column c : columns) {
        ObjectNode d = defs.addObject();
        d.put("name", c.name());
        d.put("type", c.type());
        d.put("format", c.format());
        d.put("description", c.description());
        d.put("priority", c.priority());
      }
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode o : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Column c : columns) {
        JsonNode v = c.cell().apply(o);
        cells.add(v == null || v.isMissingNode() ? Json.NODES.nullNode() : v);
      }
      String include = includeObject == null ? "Metadata" : includeObject;
      if (include.equals("Object")) {
        row.set("object", o);
      } else if (!include.equals("None")) {
        ObjectNode partial = row.putObject("object");
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", o.path("metadata").deepCopy());
      }
    }
    return table;
  }

  /** The columns of a resource. */
  List<Column> columns(ApiResource r) {
    List<Column> columns = new ArrayList<>();
    columns.add(NAME);
    if (r.custom()) {
      catalog
          .custom(r.group(), r.plural())
          .map(t -> t.versions().get(r.version()))
          .ifPresent(v -> v.columns().forEach(c -> columns.add(custom(c))));
      return columns;
    }
    switch (r.group() + "/" + r.plural()) {
      case "/namespaces" -> {
        columns.add(text("Status", "The phase of the namespace", ".status.phase"));
        columns.add(age());
      }
      case "/configmaps" -> {
        columns.add(count("Data", "Number of data entries", "data", "binaryData"));
        columns.add(age());
      }
      case "/secrets" -> {
        columns.add(text("Type", "The type of the secret", ".type"));
        columns.add(count("Data", "Number of data entries", "data"));
        columns.add(age());
      }
      case "/serviceaccounts" -> {
        columns.add(count("Secrets", "Number of secrets", "secrets"));
        columns.add(age());
      }
      case "/events" -> {
        columns.clear();
        columns.add(eventAge("Last Seen", "lastTimestamp", "eventTime"));
        columns.add(text("Type", "Normal or Warning", ".type"));
        columns.add(text("Reason", "Why the event was recorded", ".reason"));
        columns.add(involved("Object", "involvedObject"));
        columns.add(text("Message", "A description of the event", ".message"));
        columns.add(withPriority(NAME, 1));
      }
      case "events.k8s.io/events" -> {
        columns.clear();
        columns.add(eventAge("Last Seen", "deprecatedLastTimestamp", "eventTime"));
        columns.add(text("Type", "Normal or Warning", ".type"));
        columns.add(text("Reason", "Why the event was recorded", ".reason"));
        columns.add(involved("Object", "regarding"));
        columns.add(text("Message", "A description of the event", ".note"));
        columns.add(withPriority(NAME, 1));
      }
      case "coordination.k8s.io/leases" -> {
        columns.add(text("Holder", "The holder of the lease", ".spec.holderIdentity"));
        columns.add(age());
      }
      case "rbac.authorization.k8s.io/rolebindings",
          "rbac.authorization.k8s.io/clusterrolebindings" -> {
        columns.add(
            new Column(
                "Role",
                "string",
                "",
                "The role bound",
                0,
                o ->
                    o.path("roleRef").has("name")
                        ? Json.NODES.textNode(
                            o.path("roleRef").path("kind").asText()
                                + "/"
                                + o.path("roleRef").path("name").asText())
                        : null));
        columns.add(age());
      }
      case "rbac.authorization.k8s.io/roles",
          "rbac.authorization.k8s.io/clusterroles",
          "apiextensions.k8s.io/customresourcedefinitions" ->
          columns.add(
              new Column(
                  "Created At",
                  "date",
                  "",
                  "When the object was created",
                  0,
                  o -> o.path("metadata").path("creationTimestamp")));
      default -> columns.add(age());
    }
    return columns;
  }

  private Column custom(CustomResourceType.Column c) {
    SimpleJsonPath path;
    try {
      path = SimpleJsonPath.parse(c.jsonPath());
    } catch (IllegalArgumentException e) {
      path = null;
    }
    SimpleJsonPath p = path;
    return new Column(
        c.name(),
        c.type(),
        c.format(),
        c.description(),
        c.priority(),
        o -> p == null ? null : cell(c.type(), p.first(o)));
  }

  /** A value as the API server puts it in a cell of the given column type. */
  private JsonNode cell(String type, JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    switch (type) {
      case "integer":
        if (value.isNumber()) {
          return Json.NODES.numberNode(value.asLong());
        }
        return null;
      case "number":
        return value.isNumber() ? value : null;
      case "boolean":
        return value.isBoolean() ? value : null;
      case "date":
        return value.isTextual() ? Json.NODES.textNode(age(value.asText())) : null;
      default:
        if (value.isContainerNode()) {
          return Json.NODES.textNode(Json.write(value));
        }
        return Json.NODES.textNode(value.asText());
    }
  }

  private Column age() {
    return new Column(
        "Age",
        "string",
        "",
        "Time since the object was created",
        0,
        o -> Json.NODES.textNode(age(o.path("metadata").path("creationTimestamp").asText(""))));
  }

  private Column eventAge(String name, String... fields) {
    return new Column(
        name,
        "string",
        "",
        "Time since the event was last seen",
        0,
        o -> {
          for (String f : fields) {
            if (o.path(f).isTextual() && !o.path(f).asText().isEmpty()) {
              return Json.NODES.textNode(age(o.path(f).asText()));
            }
          }
          return Json.NODES.textNode(age(o.path("metadata").path("creationTimestamp").asText("")));
        });
  }

  private static Column involved(String name, String field) {
    return new Column(
        name,
        "string",
        "",
        "The object the event is about",
        0,
        o -> {
          JsonNode ref = o.path(field);
          if (!ref.has("name")) {
            return null;
          }
          return Json.NODES.textNode(
              ref.path("kind").asText().toLowerCase(Locale.ROOT) + "/" + ref.path("name").asText());
        });
  }

  private static Column text(String name, String description, String path) {
    SimpleJsonPath p = SimpleJsonPath.parse(path);
    return new Column(
        name,
        "string",
        "",
        description,
        0,
        o -> {
          JsonNode v = p.first(o);
          return v == null || !v.isValueNode() ? null : Json.NODES.textNode(v.asText());
        });
  }

  private static Column count(String name, String description, String... fields) {
    return new Column(
        name,
        "integer",
        "",
        description,
        0,
        o -> {
          int n = 0;
          for (String f : fields) {
            n += o.path(f).size();
          }
          return Json.NODES.numberNode(n);
        });
  }

  private static Column withPriority(Column c, int priority) {
    return new Column(c.name(), c.type(), c.format(), c.description(), priority, c.cell());
  }

  /** A timestamp as kubectl's AGE column shows it, e.g. {@code 45s}, {@code 3m12s}, {@code 5d}. */
  String age(String timestamp) {
    if (timestamp == null || timestamp.isEmpty()) {
      return "<unknown>";
    }
    try {
      return humanDuration(Duration.between(Instant.parse(timestamp), clock.instant()));
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
  }

  /** The API server's short, human-readable duration. */
  static String humanDuration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    }
    long years = hours / 24 / 365;
    if (hours < 24 * 365 * 8) {
      long days = (hours / 24) % 365;
      return days == 0 ? years + "y" : years + "y" + days + "d";
    }
    return years + "y";
  }
}

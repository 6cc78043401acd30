package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The objects of one helm template run. */
final class Rendered {

  static final YAMLMapper YAML = new YAMLMapper();

  private final List<ObjectNode> objects;

  private Rendered(List<ObjectNode> objects) {
    this.objects = List.copyOf(objects);
  }

  static Rendered parse(String manifests) {
    List<ObjectNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(manifests)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
          continue;
        }
        assertThat(doc.isObject()).as("a rendered document is not an object: %s", doc).isTrue();
        objects.add((ObjectNode) doc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("helm template printed invalid YAML", e);
    }
    return new Rendered(objects);
  }

  List<ObjectNode> all() {
    return objects;
  }

  List<ObjectNode> all(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  /** The one object of this kind; fails when there are none or several. */
  ObjectNode one(String kind) {
    List<ObjectNode> found = all(kind);
    assertThat(found).as("rendered objects of kind %s", kind).hasSize(1);
    return found.get(0);
  }

  /** The one object of this kind whose name ends with {@code suffix}. */
  ObjectNode named(String kind, String suffix) {
    List<ObjectNode> found =
        all(kind).stream()
            .filter(o -> o.path("metadata").path("name").asText().endsWith(suffix))
            .toList();
    assertThat(found).as("rendered %s named *%s", kind, suffix).hasSize(1);
    return found.get(0);
  }

  boolean has(String kind) {
    return !all(kind).isEmpty();
  }

  TreeSet<String> kinds() {
    TreeSet<String> kinds = new TreeSet<>();
    objects.forEach(o -> kinds.add(o.path("kind").asText()));
    return kinds;
  }

  /** The operator Deployment's pod spec. */
  JsonNode podSpec() {
    return one("Deployment").path("spec").path("template").path("spec");
  }

  /** The operator container. */
  JsonNode container() {
    JsonNode containers = podSpec().path("containers");
    assertThat(containers.size()).as("containers of the operator pod").isEqualTo(1);
    return containers.get(0);
  }

  /** The operator container's env var value, or null when it is not set. */
  String env(String name) {
    for (JsonNode env : container().path("env")) {
      if (name.equals(env.path("name").asText())) {
        return env.has("value") ? env.path("value").asText() : null;
      }
    }
    return null;
  }

  /** The names of the operator container's env vars, in order. */
  List<String> envNames() {
    List<String> names = new ArrayList<>();
    container().path("env").forEach(e -> names.add(e.path("name").asText()));
    return names;
  }
}

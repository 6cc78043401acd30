package io.edgefleet.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Puts a namespace's EdgeDeployments and EdgeDevices back as the example manifests have them, after
 * the walkthrough changed them: every spec is replaced by the file's (a JSON Patch {@code replace}
 * of the whole spec, so fields the walkthrough added go too; the server leaves an unchanged spec's
 * generation as it was), a deleted object is created again, and an object of those kinds that the
 * files do not hold (one the walkthrough created) is deleted. Other kinds (the namespace, the
 * registry Secret) are never changed by the walkthrough and are left as they are.
 */
final class CampusRestore {

  static final String API_VERSION = "edgefleet.io/v1alpha1";

  /** The kinds restored, in the order they are restored. */
  static final List<String> KINDS = List.of("EdgeDeployment", "EdgeDevice");

  /**
   * What the restore did, each as {@code kind/name}.
   *
   * @param replaced objects whose spec was put back
   * @param created objects created again
   * @param deleted objects the files do not hold, deleted
   */
  record Result(List<String> replaced, List<String> created, List<String> deleted) {

    /** One line for people. */
    String summary() {
      if (replaced.isEmpty() && created.isEmpty() && deleted.isEmpty()) {
        return "nothing to restore";
      }
      List<String> parts = new ArrayList<>();
      if (!replaced.isEmpty()) {
        parts.add("spec put back on " + String.join(", ", replaced));
      }
      if (!created.isEmpty()) {
        parts.add("created again " + String.join(", ", created));
      }
      if (!deleted.isEmpty()) {
        parts.add("deleted " + String.join(", ", deleted) + " (not in the examples)");
      }
      return String.join("; ", parts);
    }
  }

  private static final YAMLMapper YAML = new YAMLMapper();

  private CampusRestore() {}

  /**
   * Restores the EdgeDeployments and EdgeDevices of {@code namespace} to those of {@code manifests}
   * (files and directories; documents of other kinds or namespaces are skipped).
   */
  static Result restore(KubernetesClient client, String namespace, List<Path> manifests) {
    Map<String, Map<String, ObjectNode>> wanted = read(manifests, namespace);
    List<String> replaced = new ArrayList<>();
    List<String> created = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (String kind : KINDS) {
      var resources = client.genericKubernetesResources(API_VERSION, kind).inNamespace(namespace);
      Map<String, ObjectNode> files = wanted.getOrDefault(kind, Map.of());
      Map<String, GenericKubernetesResource> existing = new LinkedHashMap<>();
      for (GenericKubernetesResource r : resources.list().getItems()) {
        existing.put(r.getMetadata().getName(), r);
      }
      for (String name : new TreeSet<>(existing.keySet())) {
        if (!files.containsKey(name)) {
          resources.withName(name).delete();
          deleted.add(kind.toLowerCase(Locale.ROOT) + "/" + name);
        }
      }
      for (Map.Entry<String, ObjectNode> file : files.entrySet()) {
        String name = file.getKey();
        JsonNode spec = file.getValue().path("spec");
        GenericKubernetesResource current = existing.get(name);
        if (current == null) {
          ObjectNode object = file.getValue().deepCopy();
          object.remove("status");
          resources
              .resource(
                  client
                      .getKubernetesSerialization()
                      .convertValue(object, GenericKubernetesResource.class))
              .create();
          created.add(kind.toLowerCase(Locale.ROOT) + "/" + name);
        } else {
          // the server fills in the schema's defaults: its generation tells whether the spec
          // changed
          Long generation = current.getMetadata().getGeneration();
          // no resourceVersion test: agents and the operator write the status meanwhile, and the
          // file's spec is wanted whatever the spec holds now
          ArrayNode patch = JsonNodeFactory.instance.arrayNode();
          patch.addObject().put("op", "replace").put("path", "/spec").set("value", spec);
          GenericKubernetesResource patched =
              resources.withName(name).patch(PatchContext.of(PatchType.JSON), patch.toString());
          if (!Objects.equals(generation, patched.getMetadata().getGeneration())) {
            replaced.add(kind.toLowerCase(Locale.ROOT) + "/" + name);
          }
        }
      }
    }
    return new Result(replaced, created, deleted);
  }

  /** The documents of {@code KINDS} in {@code namespace}: kind to name to document. */
  static Map<String, Map<String, ObjectNode>> read(List<Path> manifests, String namespace) {
    Map<String, Map<String, ObjectNode>> documents = new LinkedHashMap<>();
    for (Path file : files(manifests)) {
      try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
        while (values.hasNext()) {
          JsonNode document = values.next();
          String kind = document == null ? "" : document.path("kind").asText();
          if (document instanceof ObjectNode object
              && KINDS.contains(kind)
              && API_VERSION.equals(object.path("apiVersion").asText())
              && namespace.equals(object.path("metadata").path("namespace").asText(namespace))) {
            documents
                .computeIfAbsent(kind, k -> new LinkedHashMap<>())
                .put(object.path("metadata").path("name").asText(), object);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return documents;
  }

  private static List<Path> files(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.isDirectory(path)) {
        files.add(path);
        continue;
      }
      try (Stream<Path> walk = Files.walk(path)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }
}

package io.edgefleet.sandbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Applies manifest files to a server, like a simple {@code kubectl apply -f}: YAML or JSON files,
 * multi-document, directories recursively in name order; Namespaces first, then
 * CustomResourceDefinitions, then everything else in file order. A new object is created; an
 * existing one gets the file's content as a JSON merge patch (fields the file does not mention are
 * kept; nothing is pruned). Status in a file is ignored where the kind has a status subresource, as
 * on the API server.
 */
public final class ManifestApplier {

  /** What happened to one object: {@code created}, {@code configured} or {@code unchanged}. */
  public record Applied(String kind, String namespace, String name, String action, Path file) {
    @Override
    public String toString() {
      return kind.toLowerCase(Locale.ROOT) + "/" + name + " " + action;
    }
  }

  /** An object the server refused, with the API server's message. */
  public static final class ApplyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ApplyException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private record Document(ObjectNode object, Path file, int order) {}

  private final KubernetesClient client;

  public ManifestApplier(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Applies every manifest under {@code paths}.
   *
   * @throws ApplyException at the first object the server refuses (objects before it stay applied),
   *     e.g. {@code error when creating "prod-base.yaml": EdgeDeployment.edgefleet.io "prod-base"
   *     is invalid: spec.priority: ...}
   */
  public List<Applied> apply(List<Path> paths) {
    List<Document> documents = new ArrayList<>();
    for (Path p : paths) {
      for (Path file : files(p)) {
        for (ObjectNode o : read(file)) {
          documents.add(new Document(o, file, documents.size()));
        }
      }
    }
    documents.sort(
        Comparator.comparingInt(ManifestApplier::rank).thenComparingInt(Document::order));
    List<Applied> applied = new ArrayList<>();
    for (Document d : documents) {
      applied.add(apply(d));
    }
    return applied;
  }

  private Applied apply(Document d) {
    ObjectNode o = d.object();
    String apiVersion = o.path("apiVersion").asText();
    String kind = o.path("kind").asText();
    String name = o.path("metadata").path("name").asText();
    GenericKubernetesResource resource =
        client.getKubernetesSerialization().convertValue(o, GenericKubernetesResource.class);
    String namespace = o.path("metadata").path("namespace").asText(null);
    try {
      APIResourceList served = client.getApiResources(apiVersion);
      ResourceDefinitionContext context =
          ResourceDefinitionContext.fromApiResource(
              apiVersion,
              (served == null ? List.<APIResource>of() : served.getResources())
                  .stream()
                      .filter(r -> r.getKind().equals(kind) && !r.getName().contains("/"))
                      .findFirst()
                      .orElseThrow(
                          () ->
                              new ApplyException(
                                  "error: resource mapping not found for kind "
                                      + kind
                                      + " in version "
                                      + apiVersion
                                      + " (\""
                                      + d.file()
                                      + "\")",
                                  null)));
      var op = client.genericKubernetesResources(context);
      var target =
          context.isNamespaceScoped()
              ? op.inNamespace(namespace == null ? client.getNamespace() : namespace).withName(name)
              : op.withName(name);
      GenericKubernetesResource existing = target.get();
      if (existing == null) {
        GenericKubernetesResource created =
            context.isNamespaceScoped()
                ? op.inNamespace(namespace == null ? client.getNamespace() : namespace)
                    .resource(resource)
                    .create()
                : op.resource(resource).create();
        return new Applied(kind, namespaceOf(created), name, "created", d.file());
      }
      ObjectNode patch = o.deepCopy();
      patch.remove("status");
      GenericKubernetesResource patched =
          target.patch(PatchContext.of(PatchType.JSON_MERGE), Json.write(patch));
      boolean same =
          patched
              .getMetadata()
              .getResourceVersion()
              .equals(existing.getMetadata().getResourceVersion());
      return new Applied(
          kind, namespaceOf(patched), name, same ? "unchanged" : "configured", d.file());
    } catch (KubernetesClientException e) {
      String verb = "applying";
      String message =
          e.getStatus() != null && e.getStatus().getMessage() != null
              ? e.getStatus().getMessage()
              : e.getMessage();
      throw new ApplyException("error when " + verb + " \"" + d.file() + "\": " + message, e);
    }
  }

  private static String namespaceOf(GenericKubernetesResource r) {
    return r.getMetadata().getNamespace();
  }

  private static int rank(Document d) {
    String kind = d.object().path("kind").asText();
    if (kind.equals("Namespace")) {
      return 0;
    }
    if (kind.equals("CustomResourceDefinition")) {
      return 1;
    }
    return 2;
  }

  private static List<Path> files(Path p) {
    if (!Files.isDirectory(p)) {
      return List.of(p);
    }
    try (Stream<Path> walk = Files.walk(p)) {
      return walk.filter(Files::isRegularFile)
          .filter(
              f -> {
                String n = f.getFileName().toString();
                return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<ObjectNode> read(Path file) {
    List<ObjectNode> objects = new ArrayList<>();
    try (JsonParser parser = Json.YAML.getFactory().createParser(file.toFile());
        MappingIterator<JsonNode> docs = Json.YAML.readValues(parser, JsonNode.class)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || !doc.isObject() || doc.isEmpty()) {
          continue;
        }
        if (doc.path("kind").asText().endsWith("List") && doc.has("items")) {
          for (JsonNode item : doc.path("items")) {
            if (item instanceof ObjectNode o) {
              objects.add(o);
            }
          }
        } else {
          objects.add((ObjectNode) doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return objects;
  }
}

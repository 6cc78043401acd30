package io.edgefleet.cli.resolve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads Kubernetes objects from YAML and JSON files and directories (multi-document, recursive).
 */
public final class ManifestFiles {

  /** One object read from a file. */
  public record Document(Path file, int index, JsonNode object) {

    /** Where the object came from, for messages. */
    public String where() {
      return file + " (document " + index + ")";
    }
  }

  private static final YAMLMapper YAML = new YAMLMapper();

  private ManifestFiles() {}

  /**
   * Every object in {@code paths}; a {@code kind: List} is unwrapped.
   *
   * @throws IOException naming the file and position of anything that cannot be read
   */
  public static List<Document> read(List<Path> paths) throws IOException {
    List<Document> documents = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new IOException(path + ": no such file or directory");
      }
      for (Path file : files(path)) {
        readFile(file, documents);
      }
    }
    return documents;
  }

  private static List<Path> files(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(ManifestFiles::isManifest)
          .filter(p -> !hidden(path, p))
          .sorted()
          .toList();
    }
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static boolean hidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static void readFile(Path file, List<Document> documents) throws IOException {
    int index = 0;
    try (MappingIterator<JsonNode> values =
        YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (values.hasNextValue()) {
        JsonNode node = values.nextValue();
        index++;
        if (node == null || node.isNull() || node.isMissingNode() || node.isEmpty()) {
          continue;
        }
        if (!node.isObject()) {
          throw new IOException(file + " (document " + index + "): not a Kubernetes object");
        }
        if ("List".equals(node.path("kind").asText()) && node.path("items").isArray()) {
          for (JsonNode item : node.get("items")) {
            documents.add(new Document(file, index, item));
          }
        } else {
          documents.add(new Document(file, index, node));
        }
      }
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      throw new IOException(
          file
              + (location == null ? "" : ":" + location.getLineNr() + ":" + location.getColumnNr())
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }
}

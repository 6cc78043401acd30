package io.edgefleet.cli.resolve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads Kubernetes objects from YAML and JSON files and directories (multi-document, recursive).
 * Lists ({@code kind: List} and {@code kind: <Kind>List}, as {@code kubectl get -o yaml} writes
 * them) are unwrapped, nested ones too, and their items are read one at a time, so that a dump of a
 * hundred thousand devices is never held as one tree.
 */
public final class ManifestFiles {

  /** One object read from a file. */
  public record Document(Path file, int index, JsonNode object) {

    /** Where the object came from, for messages. */
    public String where() {
      return file + " (document " + index + ")";
    }
  }

  /** Receives the objects, one at a time. */
  @FunctionalInterface
  public interface Sink {
    void accept(Document document) throws IOException;
  }

  private static final YAMLMapper YAML = new YAMLMapper(yamlFactory());

  private ManifestFiles() {}

  /** SnakeYAML's default limit of 3 MiB per file would refuse dumps of more than ~900 devices. */
  private static YAMLFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    return YAMLFactory.builder().loaderOptions(options).build();
  }

  /**
   * Every object in {@code paths}, in order.
   *
   * @throws IOException naming the file and position of anything that cannot be read
   */
  public static List<Document> read(List<Path> paths) throws IOException {
    List<Document> documents = new ArrayList<>();
    read(paths, documents::add);
    return documents;
  }

  /**
   * Hands every object in {@code paths} to {@code sink}, in order.
   *
   * @throws IOException naming the file and position of anything that cannot be read
   */
  public static void read(List<Path> paths, Sink sink) throws IOException {
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new IOException(path + ": no such file or directory");
      }
      for (Path file : files(path)) {
        readFile(file, sink);
      }
    }
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

  private static void readFile(Path file, Sink sink) throws IOException {
    try (JsonParser parser = YAML.createParser(file.toFile())) {
      int index = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        index++;
        if (token == JsonToken.START_OBJECT) {
          readObject(parser, file, index, sink);
        } else if (token != JsonToken.VALUE_NULL) {
          throw new IOException(file + " (document " + index + "): not a Kubernetes object");
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

  /**
   * Reads the object whose START_OBJECT the parser is at: a list's items go to {@code sink} as they
   * are read, anything else is read whole.
   */
  private static void readObject(JsonParser parser, Path file, int index, Sink sink)
      throws IOException {
    ObjectNode rest = YAML.createObjectNode();
    boolean list = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("items") && value == JsonToken.START_ARRAY) {
        list = true;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          item(YAML.readTree(parser), file, index, sink);
        }
      } else {
        rest.set(field, YAML.readTree(parser));
      }
    }
    if (list) {
      if (!isList(rest)) {
        throw new IOException(
            file + " (document " + index + "): has items but is not a list: " + kindOf(rest));
      }
      return;
    }
    if (!rest.isEmpty()) {
      sink.accept(new Document(file, index, rest));
    }
  }

  private static void item(JsonNode item, Path file, int index, Sink sink) throws IOException {
    if (item == null || item.isNull()) {
      return;
    }
    if (!item.isObject()) {
      throw new IOException(file + " (document " + index + "): a list item is not an object");
    }
    if (isList(item) && item.path("items").isArray()) {
      for (JsonNode nested : item.get("items")) {
        item(nested, file, index, sink);
      }
    } else {
      sink.accept(new Document(file, index, item));
    }
  }

  private static boolean isList(JsonNode object) {
    return kindOf(object).endsWith("List");
  }

  private static String kindOf(JsonNode object) {
    return object.path("kind").asText("");
  }
}

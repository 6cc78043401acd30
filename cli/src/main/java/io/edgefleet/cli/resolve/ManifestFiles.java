package io.edgefleet.cli.resolve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
    read(paths, List.of(), note -> {}, sink);
  }

  /**
   * Hands every object in {@code paths} to {@code sink}, in order. Directories are walked
   * recursively and leave out, each with a note: hidden files and directories, paths matching one
   * of {@code excludes} (globs relative to the directory, e.g. {@code argocd/**}), Helm charts (a
   * directory with a {@code Chart.yaml}: its templates are not YAML until rendered), and documents
   * that are not Kubernetes objects (no {@code apiVersion} and {@code kind}). A file named on its
   * own must hold Kubernetes objects.
   *
   * @param notes receives one line per thing left out
   * @throws IOException naming the file and position of anything that cannot be read
   */
  public static void read(
      List<Path> paths, List<String> excludes, Consumer<String> notes, Sink sink)
      throws IOException {
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new IOException(path + ": no such file or directory");
      }
      if (!Files.isDirectory(path)) {
        readFile(path, false, notes, sink);
        continue;
      }
      for (Path file : files(path, excludes, notes)) {
        readFile(file, true, notes, sink);
      }
    }
  }

  private static List<Path> files(Path root, List<String> excludes, Consumer<String> notes)
      throws IOException {
    List<PathMatcher> matchers = new ArrayList<>();
    for (String glob : excludes) {
      matchers.add(root.getFileSystem().getPathMatcher("glob:" + glob));
    }
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (dir.equals(root)) {
              return FileVisitResult.CONTINUE;
            }
            Path relative = root.relativize(dir);
            if (relative.getFileName().toString().startsWith(".")) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (excluded(matchers, relative)) {
              notes.accept("skipped " + dir + " (--exclude)");
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (Files.isRegularFile(dir.resolve("Chart.yaml"))) {
              notes.accept(
                  "skipped Helm chart "
                      + dir
                      + " (its templates are not YAML until rendered: pass the output of helm"
                      + " template to read its objects)");
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            Path relative = root.relativize(file);
            if (!attributes.isRegularFile()
                || !isManifest(file)
                || relative.getFileName().toString().startsWith(".")) {
              return FileVisitResult.CONTINUE;
            }
            if (excluded(matchers, relative)) {
              notes.accept("skipped " + file + " (--exclude)");
              return FileVisitResult.CONTINUE;
            }
            files.add(file);
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
    return files;
  }

  private static boolean excluded(List<PathMatcher> matchers, Path relative) {
    for (PathMatcher matcher : matchers) {
      if (matcher.matches(relative)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  /**
   * @param walked whether the file was found by walking a directory: then what is not a Kubernetes
   *     object is left out with a note instead of being an error
   */
  private static void readFile(Path file, boolean walked, Consumer<String> notes, Sink sink)
      throws IOException {
    try (JsonParser parser = YAML.createParser(file.toFile())) {
      int index = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        index++;
        if (token == JsonToken.START_OBJECT) {
          readObject(parser, file, index, walked, notes, sink);
        } else if (token != JsonToken.VALUE_NULL) {
          if (!walked) {
            throw new IOException(file + " (document " + index + "): not a Kubernetes object");
          }
          parser.skipChildren();
          notes.accept("skipped " + file + " (document " + index + "): not a Kubernetes object");
        }
      }
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      throw new IOException(
          file
              + (location == null ? "" : ":" + location.getLineNr() + ":" + location.getColumnNr())
              + ": "
              + e.getOriginalMessage()
              + (walked ? "\n(leave files that are not Kubernetes YAML out with --exclude)" : ""),
          e);
    }
  }

  /**
   * Reads the object whose START_OBJECT the parser is at: a list's items go to {@code sink} as they
   * are read, anything else is read whole.
   */
  private static void readObject(
      JsonParser parser, Path file, int index, boolean walked, Consumer<String> notes, Sink sink)
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
    if (rest.isEmpty()) {
      return;
    }
    if (!rest.hasNonNull("apiVersion") || !rest.hasNonNull("kind")) {
      String problem = "not a Kubernetes object (no apiVersion and kind)";
      if (!walked) {
        throw new IOException(file + " (document " + index + "): " + problem);
      }
      notes.accept("skipped " + file + " (document " + index + "): " + problem);
      return;
    }
    sink.accept(new Document(file, index, rest));
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

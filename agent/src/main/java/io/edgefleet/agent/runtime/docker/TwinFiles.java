package io.edgefleet.agent.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Each module's desired twin properties as a JSON file on the device: {@code
 * <state-dir>/<namespace>/<device>/modules/<module>/desired.json}. The module's folder is mounted
 * read-only into its container at {@link #MOUNT_POINT}; a change is written to a temporary file in
 * the same folder and renamed over the old one, so that a module never reads half a file, and the
 * module is not restarted. (The folder is mounted, not the file: a file bind mount would keep
 * showing the replaced file.)
 */
final class TwinFiles {

  /** Where the module's folder is mounted in its container. */
  static final String MOUNT_POINT = "/run/edgefleet/twin";

  /** The file's name. */
  static final String FILE_NAME = "desired.json";

  /** The file's path inside the container, given to the module in {@code EDGEFLEET_TWIN_FILE}. */
  static final String CONTAINER_FILE = MOUNT_POINT + "/" + FILE_NAME;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;

  /**
   * @param root the device's folder: {@code <state-dir>/<namespace>/<device>}
   */
  TwinFiles(Path root) {
    this.root = root;
  }

  /** The folder mounted into a module's container. */
  Path folder(String module) {
    return root.resolve("modules").resolve(module);
  }

  /** The twin file of a module. */
  Path file(String module) {
    return folder(module).resolve(FILE_NAME);
  }

  /** Makes sure the module's folder and a file exist (an empty object until a twin is given). */
  void prepare(String module) {
    try {
      Files.createDirectories(folder(module));
      if (!Files.exists(file(module))) {
        write(module, JSON.createObjectNode());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the twin folder of module " + module, e);
    }
  }

  /** Replaces the module's twin file atomically, unless it already holds {@code desired}. */
  boolean write(String module, JsonNode desired) {
    try {
      Path folder = folder(module);
      Files.createDirectories(folder);
      byte[] content = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(desired);
      Path file = file(module);
      if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), content)) {
        return false;
      }
      Path temp = Files.createTempFile(folder, ".desired-", ".tmp");
      try {
        Files.write(temp, content);
        temp.toFile().setReadable(true, false);
        try {
          Files.move(
              temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the twin file of module " + module, e);
    }
  }

  /** The module's twin file as text, or null. */
  String read(String module) {
    try {
      Path file = file(module);
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the module's folder (after its container was removed). */
  void delete(String module) {
    markStopped(module, false);
    Path folder = folder(module);
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the twin folder of module " + module, e);
    }
  }

  /** Marks a module as stopped on request, so that a restarted agent does not restart it. */
  void markStopped(String module, boolean stopped) {
    Path marker = marker(module);
    try {
      if (stopped) {
        Files.createDirectories(marker.getParent());
        if (!Files.exists(marker)) {
          Files.createFile(marker);
        }
      } else {
        Files.deleteIfExists(marker);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mark module " + module + " as stopped", e);
    }
  }

  /** Whether a module was stopped on request. */
  boolean stopped(String module) {
    return Files.exists(marker(module));
  }

  private Path marker(String module) {
    return root.resolve("stopped").resolve(module);
  }
}

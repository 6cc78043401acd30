package io.edgefleet.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code examples/} directory, found from the module's working directory. */
final class Examples {

  private Examples() {}

  static Path dir() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path examples = dir.resolve("examples");
      if (Files.isRegularFile(examples.resolve("devices.yaml"))) {
        return examples;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("examples/ not found above " + Path.of("").toAbsolutePath());
  }

  static Path file(String name) {
    return dir().resolve(name);
  }
}

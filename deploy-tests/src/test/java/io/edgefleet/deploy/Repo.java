package io.edgefleet.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, resolved from the module's working directory. */
final class Repo {

  private Repo() {}

  /** The repository root: set by the build (edgefleet.repoRoot), or the module's parent folder. */
  static Path root() {
    String configured = System.getProperty("edgefleet.repoRoot");
    Path root =
        (configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent())
            .toAbsolutePath()
            .normalize();
    if (!Files.isRegularFile(root.resolve("helm/edgefleet/Chart.yaml"))) {
      throw new IllegalStateException(
          "not the repository root (no helm/edgefleet/Chart.yaml): " + root);
    }
    return root;
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static Path chart() {
    return path("helm/edgefleet");
  }

  /** A values file under src/test/resources/values. */
  static Path valuesFile(String name) {
    Path file = root().resolve("deploy-tests/src/test/resources/values").resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no values file " + file);
    }
    return file;
  }
}

package io.edgefleet.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The external tools the deploy tests need. Missing tools fail the tests: they are never skipped.
 */
final class Tools {

  static final String FETCH = "run scripts/fetch-tools";

  private Tools() {}

  /** helm, as cached by scripts/fetch-tools. */
  static Path helm() {
    Path helm = Repo.path(".tools/helm/helm");
    if (!Files.isExecutable(helm)) {
      fail("helm not found at " + helm + ": " + FETCH);
    }
    return helm;
  }

  /** The Lua 5.1 interpreter on PATH (Argo CD evaluates health checks with Lua 5.1 semantics). */
  private static volatile boolean luaChecked;

  static String lua() {
    if (luaChecked) {
      return "lua5.1";
    }
    Processes.Result version;
    try {
      version = Processes.run(List.of("lua5.1", "-v"), Repo.root(), null);
    } catch (RuntimeException e) {
      return fail("lua5.1 not found on PATH: " + FETCH, e);
    }
    String banner = version.stdout() + version.stderr();
    if (!version.succeeded() || !banner.startsWith("Lua 5.1")) {
      fail("lua5.1 on PATH is not Lua 5.1 (" + banner.strip() + "): " + FETCH);
    }
    luaChecked = true;
    return "lua5.1";
  }
}

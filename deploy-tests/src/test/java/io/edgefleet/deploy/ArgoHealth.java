package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs an Argo CD health.lua on a sample object with the real lua5.1 interpreter. Argo CD sets the
 * resource as the global {@code obj}, runs the script and reads {@code status} and {@code message}
 * from the table it returns. The script here runs in an environment that holds only {@code obj} and
 * the functions a health check needs (no io, no os), and may not leave globals behind.
 */
final class ArgoHealth {

  static final Path ROOT = Repo.path("argocd/health");

  private static final String RUNNER =
      """
      local chunk, loadError = loadfile(%s)
      if chunk == nil then
        io.stderr:write("cannot load health.lua: " .. tostring(loadError))
        os.exit(2)
      end
      local env = {
        obj = obj, ipairs = ipairs, pairs = pairs, next = next, select = select, type = type,
        tostring = tostring, tonumber = tonumber, error = error, pcall = pcall, unpack = unpack,
        string = string, table = table, math = math
      }
      local allowed = {}
      for name in pairs(env) do allowed[name] = true end
      setfenv(chunk, env)
      local ok, hs = pcall(chunk)
      if not ok then
        io.stderr:write("health.lua failed: " .. tostring(hs))
        os.exit(3)
      end
      for name in pairs(env) do
        if not allowed[name] then
          io.stderr:write("health.lua sets the global " .. name .. ": make it local")
          os.exit(4)
        end
      end
      if type(hs) ~= "table" then
        io.stderr:write("health.lua returned a " .. type(hs) .. ", not a table")
        os.exit(5)
      end
      io.write(tostring(hs.status), "\\n", tostring(hs.message))
      """;

  private ArgoHealth() {}

  /** One entry of a health_test.yaml. */
  record Case(Path kindDir, String inputPath, String status, String message) {

    String name() {
      return ROOT.relativize(kindDir) + " " + inputPath;
    }
  }

  /** What a health script returned. */
  record Health(String status, String message) {}

  /**
   * The folders <group>/<kind> holding a health.lua, as Argo CD's resource_customizations lays them
   * out.
   */
  static List<Path> kindDirs() {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(p -> p.getFileName().toString().equals("health.lua"))
          .map(Path::getParent)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Case> cases(Path kindDir) {
    try {
      JsonNode tests =
          Rendered.YAML.readTree(kindDir.resolve("health_test.yaml").toFile()).path("tests");
      List<Case> cases = new ArrayList<>();
      for (JsonNode test : tests) {
        cases.add(
            new Case(
                kindDir,
                test.path("inputPath").asText(),
                test.path("healthStatus").path("status").asText(),
                test.path("healthStatus").path("message").asText()));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Health evaluate(Path healthLua, JsonNode object) {
    String script =
        "obj = "
            + LuaLiteral.of(object)
            + "\n"
            + RUNNER.formatted(LuaLiteral.string(healthLua.toString()));
    Processes.Result result = Processes.run(List.of(Tools.lua(), "-"), Repo.root(), script);
    assertThat(result.succeeded()).as(result.describe()).isTrue();
    String[] lines = result.stdout().split("\n", 2);
    assertThat(lines).as(result.describe()).hasSize(2);
    return new Health(lines[0], lines[1]);
  }

  static Health evaluate(Case c) {
    try {
      JsonNode object = Rendered.YAML.readTree(c.kindDir().resolve(c.inputPath()).toFile());
      return evaluate(c.kindDir().resolve("health.lua"), object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

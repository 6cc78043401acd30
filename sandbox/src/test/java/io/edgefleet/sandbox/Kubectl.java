package io.edgefleet.sandbox;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code kubectl} binary against a sandbox. The binary is {@code $KUBECTL} or the
 * first {@code kubectl} on the PATH; a machine without it fails the tests that need it (they are
 * never skipped).
 */
final class Kubectl {

  /** What one kubectl run printed. */
  record Result(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private final String binary;
  private final Path kubeconfig;
  private final Path cacheDir;

  Kubectl(Path kubeconfig, Path cacheDir) {
    this.binary = find();
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
  }

  /** The kubectl binary; fails the test when there is none. */
  static String find() {
    String env = System.getenv("KUBECTL");
    if (env != null && !env.isBlank()) {
      return env;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return fail(
        "kubectl is needed by the sandbox's kubectl tests and was not found on the PATH (install"
            + " kubectl 1.27 or later, or set KUBECTL to its path)");
  }

  /** Runs kubectl with the arguments; waits up to a minute. */
  Result run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary);
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + cacheDir);
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(cacheDir.getParent(), "kubectl", ".out");
      Path err = Files.createTempFile(cacheDir.getParent(), "kubectl", ".err");
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("kubectl " + String.join(" ", args) + " did not finish within a minute");
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs kubectl and expects it to succeed; returns stdout. */
  String ok(String... args) {
    Result r = run(args);
    if (r.exit() != 0) {
      fail("kubectl " + String.join(" ", args) + " failed (" + r.exit() + "):\n" + r.all());
    }
    return r.out();
  }

  /** Starts a long-running kubectl (e.g. {@code get -w}) writing to {@code out}. */
  Process start(Path out, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(binary);
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + cacheDir);
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
  }
}

package io.edgefleet.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a bash script from the repository's root against the sandbox's kubeconfig. */
final class Shell {

  record Result(int exit, String output) {}

  private Shell() {}

  static Result run(Path root, String script, Path kubeconfig, Path kubeCache)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(root.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("KUBECACHEDIR", kubeCache.toString());
    builder.environment().put("HOME", kubeCache.getParent().toString());
    builder.redirectErrorStream(true);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, "timed out");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}

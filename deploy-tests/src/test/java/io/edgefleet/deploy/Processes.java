package io.edgefleet.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external tool and captures what it prints. */
final class Processes {

  private static final long TIMEOUT_SECONDS = 120;

  private Processes() {}

  /** What a finished process left behind. */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {

    boolean succeeded() {
      return exitCode == 0;
    }

    /** Everything it printed, for failure messages. */
    String describe() {
      return String.join(" ", command)
          + "\nexit code "
          + exitCode
          + "\n--- stdout ---\n"
          + stdout
          + "\n--- stderr ---\n"
          + stderr;
    }
  }

  static Result run(List<String> command, Path workingDirectory, String stdin) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
    CompletableFuture<byte[]> out = drain(process.getInputStream());
    CompletableFuture<byte[]> err = drain(process.getErrorStream());
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the process may exit without reading its input; what it printed says why
    }
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new Result(
          List.copyOf(command),
          process.exitValue(),
          new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /**
   * Reads a stream to its end on a thread of its own (stdout and stderr must drain in parallel).
   */
  private static CompletableFuture<byte[]> drain(InputStream stream) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream s = stream) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                s.transferTo(bytes);
                result.complete(bytes.toByteArray());
              } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
              }
            },
            "process-output-reader");
    reader.setDaemon(true);
    reader.start();
    return result;
  }
}

package io.edgefleet.cli.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.cli.EdgeFleetCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code edgefleet resolve} reads a {@code kubectl get edev,edep,cm -A -o yaml} dump of 100,000
 * devices.
 */
class LargeDumpIT {

  private static final int DEVICES = 100_000;

  @TempDir Path dir;

  @Test
  void readsADumpOfAHundredThousandDevicesAndTheirConfigMaps() throws IOException {
    Path dump = dir.resolve("fleet.yaml");
    KubectlDump.write(dump, DEVICES, true);
    long bytes = Files.size(dump);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    PrintStream previous = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    long started = System.nanoTime();
    int code;
    try {
      CommandLine cli = EdgeFleetCli.commandLine();
      cli.setErr(new PrintWriter(err, true));
      code = cli.execute("resolve", "--device", "dev-000000", dump.toString());
    } finally {
      System.setOut(previous);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    String table = out.toString(StandardCharsets.UTF_8);
    System.out.printf(
        "resolve read %d devices and their ConfigMaps (%d MiB of YAML) in %d ms%n",
        DEVICES, bytes / (1024 * 1024), millis);

    assertThat(code).as(err.toString()).isZero();
    // prod targets the even devices and applies to them (the odd ones keep what they run)
    assertThat(table)
        .containsPattern("fleet\\s+prod\\s+standard\\s+10\\s+yes\\s+50000\\s+50000\\s")
        .contains("dev-000000");
  }
}

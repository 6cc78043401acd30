package io.edgefleet.benchmarks.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fleet benchmark (docs/benchmarks.md, "Fleet"): fan-out against the API-write floor, write
 * economy, cold start and memory, on the embedded API server in this JVM. Writes a JSON file and
 * replaces the generated section of docs/benchmarks.md.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.edgefleet.benchmarks.fleet.FleetBenchmark \
 *     [--sizes 1000,5000,10000] [--memory 10000,50000] [--threads 16] \
 *     [--json bench-results/fleet.json] [--docs docs/benchmarks.md]
 * </pre>
 */
public final class FleetBenchmark {

  private FleetBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    List<Integer> sizes = integers(options.getOrDefault("--sizes", "1000,5000,10000"));
    List<Integer> memory = integers(options.getOrDefault("--memory", "10000,50000"));
    int threads = Integer.parseInt(options.getOrDefault("--threads", "16"));
    Path json = Path.of(options.getOrDefault("--json", "bench-results/fleet.json"));
    String docs = options.get("--docs");
    Logger.getLogger("io.fabric8").setLevel(Level.WARNING);

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("when", Instant.now().toString());
    result.put("machine", machine());
    result.put("reconcileThreads", threads);
    List<Map<String, Object>> fanOut = new ArrayList<>();
    for (int size : sizes) {
      System.err.printf("fleet benchmark: %d devices%n", size);
      FleetRun run = new FleetRun(size, threads);
      run.run();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("devices", size);
      entry.putAll(run.figures());
      List<Map<String, Object>> phases = new ArrayList<>();
      for (Phase phase : run.phases()) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", phase.name());
        p.put("seconds", phase.seconds());
        p.put("requests", new TreeMap<>(phase.writes().counts()));
        phases.add(p);
      }
      entry.put("phases", phases);
      fanOut.add(entry);
      System.err.println("  " + run.figures());
    }
    result.put("fanOut", fanOut);
    List<Map<String, Object>> heap = new ArrayList<>();
    for (int size : memory) {
      System.err.printf("memory: %d devices%n", size);
      Map<String, Object> figures = new MemoryRun(size, threads).run();
      heap.add(figures);
      System.err.println("  " + figures);
    }
    result.put("memory", heap);

    Files.createDirectories(json.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
    String markdown = FleetReport.markdown(result);
    System.out.println(markdown);
    if (docs != null) {
      FleetReport.replaceSection(Path.of(docs), markdown);
    }
  }

  private static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("processors", Runtime.getRuntime().availableProcessors());
    machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    machine.put("java", System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return machine;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      options.put(args[i].toLowerCase(Locale.ROOT), args[i + 1]);
    }
    return options;
  }

  private static List<Integer> integers(String text) {
    List<Integer> values = new ArrayList<>();
    if (!text.isBlank()) {
      for (String part : text.split(",")) {
        values.add(Integer.parseInt(part.trim()));
      }
    }
    return values;
  }
}

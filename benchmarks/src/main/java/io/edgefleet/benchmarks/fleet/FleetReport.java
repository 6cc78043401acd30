package io.edgefleet.benchmarks.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the fleet benchmark's results as the generated section of docs/benchmarks.md. */
final class FleetReport {

  static final String START = "<!-- fleet-benchmark:start -->";
  static final String END = "<!-- fleet-benchmark:end -->";

  private FleetReport() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> result) {
    StringBuilder md = new StringBuilder();
    md.append(START).append('\n');
    md.append("Measured ")
        .append(result.get("when"))
        .append(" on ")
        .append(result.get("machine"))
        .append(", ")
        .append(result.get("reconcileThreads"))
        .append(" reconcile threads and the same")
        .append(" number of threads for the floor.\n\n");
    md.append("| devices | floor (s) | deployment create (s) | ratio | edit (s) |")
        .append(" edit under a 100% rollout (s) | gate overhead | move half (s) |")
        .append(" cold start (s) | one LIST (s) | writes, unrelated tag change | writes, restart |")
        .append(" deployment status writes in 10 s of churn |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> run : (List<Map<String, Object>>) result.get("fanOut")) {
      md.append("| ")
          .append(run.get("devices"))
          .append(" | ")
          .append(f(run.get("floorSeconds")))
          .append(" | ")
          .append(f(run.get("fanOutSeconds")))
          .append(" | **")
          .append(f(run.get("ratioToFloor")))
          .append("x**")
          .append(" | ")
          .append(f(run.get("editSeconds")))
          .append(" | ")
          .append(f(run.get("rolloutEditSeconds")))
          .append(" | ")
          .append(f(run.get("rolloutOverhead")))
          .append("x | ")
          .append(f(run.get("moveSeconds")))
          .append(" | ")
          .append(f(run.get("coldStartSeconds")))
          .append(" | ")
          .append(f(run.get("oneListSeconds")))
          .append(" | ")
          .append(run.get("unrelatedTagChangeWrites"))
          .append(" | ")
          .append(run.get("restartWrites"))
          .append(" | ")
          .append(run.get("deploymentStatusWritesUnderChurn"))
          .append(" |\n");
    }
    md.append("\nRequests counted at the API server, per step (largest fleet):\n\n");
    List<Map<String, Object>> runs = (List<Map<String, Object>>) result.get("fanOut");
    if (!runs.isEmpty()) {
      Map<String, Object> last = runs.get(runs.size() - 1);
      md.append("| step | seconds | requests |\n|---|---|---|\n");
      for (Map<String, Object> phase : (List<Map<String, Object>>) last.get("phases")) {
        md.append("| ")
            .append(phase.get("name"))
            .append(" | ")
            .append(f(phase.get("seconds")))
            .append(" | ")
            .append(requests((Map<String, Object>) phase.get("requests")))
            .append(" |\n");
      }
    }
    md.append("\n| devices | operator heap | per device | converged in (s) |\n|---|---|---|---|\n");
    for (Map<String, Object> memory : (List<Map<String, Object>>) result.get("memory")) {
      long bytes = ((Number) memory.get("operatorHeapBytes")).longValue();
      md.append("| ")
          .append(memory.get("devices"))
          .append(" | ")
          .append(bytes / (1024 * 1024))
          .append(" MiB")
          .append(" | ")
          .append(memory.get("bytesPerDevice"))
          .append(" B")
          .append(" | ")
          .append(f(memory.get("convergeSeconds")))
          .append(" |\n");
    }
    md.append(END).append('\n');
    return md.toString();
  }

  static void replaceSection(Path docs, String section) throws IOException {
    String text = Files.readString(docs);
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    if (start < 0 || end < 0) {
      throw new IllegalStateException(docs + " has no " + START + " ... " + END + " section");
    }
    Files.writeString(
        docs, text.substring(0, start) + section + text.substring(end + END.length() + 1));
  }

  private static String requests(Map<String, Object> requests) {
    StringBuilder text = new StringBuilder();
    requests.forEach(
        (k, v) -> {
          if (!k.startsWith("get ") && !k.startsWith("list ") && !k.startsWith("watch ")) {
            text.append(text.length() == 0 ? "" : ", ").append(k).append(": ").append(v);
          }
        });
    return text.length() == 0 ? "no writes" : text.toString();
  }

  private static String f(Object value) {
    return value instanceof Number n
        ? String.format(Locale.ROOT, "%.2f", n.doubleValue())
        : String.valueOf(value);
  }
}

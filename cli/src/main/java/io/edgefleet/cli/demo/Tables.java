package io.edgefleet.cli.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The demo's tables: deployments and devices at a glance, and a step's before and after. */
final class Tables {

  private Tables() {}

  static void print(PrintStream out, FleetSnapshot snapshot) {
    List<String[]> deployments = new ArrayList<>();
    deployments.add(
        new String[] {
          "DEPLOYMENT",
          "TYPE",
          "PRIO",
          "READY",
          "TARGETED",
          "APPLIED",
          "SUCCEEDED",
          "FAILED",
          "METRICS"
        });
    for (FleetSnapshot.Deployment d : snapshot.deployments().values()) {
      List<String> metrics = new ArrayList<>();
      d.metrics().forEach((k, v) -> metrics.add(k + "=" + v));
      deployments.add(
          new String[] {
            d.name(),
            d.layered() ? "layered" : "standard",
            Integer.toString(d.priority()),
            d.ready(),
            Long.toString(d.targeted()),
            Long.toString(d.applied()),
            Long.toString(d.succeeded()),
            Long.toString(d.failed()),
            metrics.isEmpty() ? "-" : String.join(" ", metrics)
          });
    }
    table(out, deployments);
    out.println();
    List<String[]> devices = new ArrayList<>();
    devices.add(new String[] {"DEVICE", "RUNS (BASE + LAYERS)", "MODULES", "AGENT"});
    for (FleetSnapshot.Device d : snapshot.devices().values()) {
      devices.add(
          new String[] {
            d.name(),
            d.composition(),
            d.modules().isEmpty()
                ? (d.configMapVersion() == null ? "-" : "(none)")
                : String.join(", ", d.modules()),
            agent(d)
          });
    }
    table(out, devices);
  }

  static void beforeAfter(
      PrintStream out, List<String> devices, FleetSnapshot before, FleetSnapshot after) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"   DEVICE", "BEFORE", "AFTER", "NOW"});
    for (String name : devices) {
      FleetSnapshot.Device was = before.device(name);
      FleetSnapshot.Device is = after.device(name);
      rows.add(
          new String[] {
            "   " + name,
            was.composition() + " " + modules(was),
            is.composition() + " " + modules(is),
            state(is, was)
          });
    }
    table(out, rows);
  }

  private static String state(FleetSnapshot.Device is, FleetSnapshot.Device was) {
    String reason = is.readyReason() == null ? "" : is.readyReason();
    boolean untouched =
        is.configMapVersion() != null && is.configMapVersion().equals(was.configMapVersion());
    return switch (reason) {
      case "NotManaged" -> "not managed, ConfigMap " + (untouched ? "untouched" : "CHANGED");
      case "FrozenByInvalidDeployment" ->
          "frozen, ConfigMap " + (untouched ? "untouched" : "CHANGED");
      default -> agent(is);
    };
  }

  private static String modules(FleetSnapshot.Device d) {
    return d.modules().isEmpty() ? "[no modules]" : d.modules().toString();
  }

  private static String agent(FleetSnapshot.Device d) {
    if (d.desiredVersion() == null) {
      return "-";
    }
    if (d.reportsSuccess()) {
      return "200 " + d.desiredVersion();
    }
    if (d.desiredVersion().equals(d.reportedVersion())) {
      return d.reportedCode() + " " + d.desiredVersion();
    }
    return "applying " + d.desiredVersion();
  }

  private static void table(PrintStream out, List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }
}

package io.edgefleet.cli.demo;

import io.edgefleet.cli.TextTable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The demo's tables: deployments and devices at a glance, and a step's before and after. */
final class Tables {

  private Tables() {}

  static void print(PrintStream out, FleetSnapshot snapshot) {
    TextTable deployments =
        new TextTable(
            "DEPLOYMENT",
            "TYPE",
            "PRIO",
            "READY",
            "TARGETED",
            "APPLIED",
            "SUCCEEDED",
            "FAILED",
            "METRICS");
    for (FleetSnapshot.Deployment d : snapshot.deployments().values()) {
      List<String> metrics = new ArrayList<>();
      d.metrics().forEach((k, v) -> metrics.add(k + "=" + v));
      deployments.row(
          d.name(),
          d.layered() ? "layered" : "standard",
          Integer.toString(d.priority()),
          d.ready(),
          Long.toString(d.targeted()),
          Long.toString(d.applied()),
          Long.toString(d.succeeded()),
          Long.toString(d.failed()),
          metrics.isEmpty() ? "-" : String.join(" ", metrics));
    }
    out.print(deployments.render());
    out.println();
    TextTable devices = new TextTable("DEVICE", "RUNS (BASE + LAYERS)", "MODULES", "AGENT");
    for (FleetSnapshot.Device d : snapshot.devices().values()) {
      devices.row(
          d.name(),
          d.composition(),
          d.modules().isEmpty()
              ? (d.configMapVersion() == null ? "-" : "(none)")
              : String.join(", ", d.modules()),
          agent(d));
    }
    out.print(devices.render());
  }

  static void beforeAfter(
      PrintStream out, List<String> devices, FleetSnapshot before, FleetSnapshot after) {
    TextTable rows = new TextTable("   DEVICE", "BEFORE", "AFTER", "NOW");
    for (String name : devices) {
      FleetSnapshot.Device was = before.device(name);
      FleetSnapshot.Device is = after.device(name);
      rows.row(
          "   " + name,
          was.composition() + " " + modules(was),
          is.composition() + " " + modules(is),
          state(is, was));
    }
    out.print(rows.render());
  }

  private static String state(FleetSnapshot.Device is, FleetSnapshot.Device was) {
    String reason = is.readyReason() == null ? "" : is.readyReason();
    boolean untouched =
        is.configMapVersion() != null && is.configMapVersion().equals(was.configMapVersion());
    String configMap = "ConfigMap " + (untouched ? "untouched" : "CHANGED");
    return switch (reason) {
      case "NotManaged" -> "not managed, " + configMap;
      case "FrozenByInvalidDeployment" -> "frozen, " + configMap;
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
}

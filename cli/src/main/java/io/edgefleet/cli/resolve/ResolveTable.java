package io.edgefleet.cli.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.cli.TextTable;
import io.edgefleet.engine.query.Truth;
import io.edgefleet.engine.resolve.Consideration;
import io.edgefleet.engine.resolve.DeploymentReport;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.NamespaceResolution;
import io.edgefleet.engine.resolve.Outcome;
import io.edgefleet.engine.resolve.ParameterUse;
import io.edgefleet.engine.rollout.RolloutPhase;
import io.edgefleet.engine.rollout.RolloutWaves;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The table output of {@code edgefleet resolve}: one line per deployment, one per device. */
public final class ResolveTable {

  private ResolveTable() {}

  /**
   * Renders the resolutions; {@code device} limits the devices to one (null for all).
   *
   * @param tooLarge the operator's message for each device ({@code namespace/name}) whose
   *     configuration it would refuse to write
   * @param waves namespace -> the waves of its rollouts
   */
  public static String render(
      List<NamespaceResolution> resolutions,
      String device,
      Map<String, String> tooLarge,
      Map<String, RolloutWaves.Waves> waves) {
    TextTable deployments =
        new TextTable(
            "NAMESPACE",
            "DEPLOYMENT",
            "TYPE",
            "PRIORITY",
            "VALID",
            "TARGETED",
            "APPLIED",
            "SUCCEEDED",
            "FAILED",
            "METRICS");
    List<String> problems = new ArrayList<>();
    for (NamespaceResolution resolution : resolutions) {
      for (DeploymentReport r : resolution.reports()) {
        deployments.row(
            r.namespace(),
            r.name(),
            r.layered() ? "layered" : "standard",
            Integer.toString(r.priority()),
            r.validity().isValid() ? "yes" : "NO",
            Long.toString(r.targetedCount()),
            Long.toString(r.appliedCount()),
            Long.toString(r.reportedSuccessfulCount()),
            Long.toString(r.reportedFailedCount()),
            metrics(r));
        if (!r.validity().isValid()) {
          problems.add(
              r.namespace()
                  + "/"
                  + r.name()
                  + ": "
                  + r.validity().reason()
                  + ": "
                  + r.validity().message().replace("\n", "\n    "));
        }
        r.warnings().forEach(w -> problems.add(r.namespace() + "/" + r.name() + ": warning: " + w));
      }
    }
    StringBuilder out = new StringBuilder(deployments.render());
    for (String problem : problems) {
      out.append("  ! ").append(problem).append('\n');
    }
    out.append('\n');
    TextTable devices =
        new TextTable("NAMESPACE", "DEVICE", "MANAGED", "BASE", "LAYERS", "VERSION", "MODULES");
    List<String> refusals = new ArrayList<>();
    for (NamespaceResolution resolution : resolutions) {
      for (DeviceDecision d : resolution.decisions()) {
        if (device != null && !device.equals(d.device().name())) {
          continue;
        }
        String key = d.device().namespace() + "/" + d.device().name();
        String refusal = tooLarge.get(key);
        if (refusal != null) {
          refusals.add(key + ": ConfigurationTooLarge: " + refusal);
        }
        devices.row(
            d.device().namespace(),
            d.device().name(),
            refusal == null ? managed(d) : "refused (ConfigurationTooLarge)",
            d.baseName() == null ? "-" : d.baseName(),
            d.layerNames().isEmpty() ? "-" : String.join(",", d.layerNames()),
            d.desiredVersion() == null ? "-" : d.desiredVersion(),
            modules(d));
      }
    }
    out.append(devices.render());
    for (String refusal : refusals) {
      out.append("  ! ").append(refusal).append('\n');
    }
    if (device != null) {
      out.append(considered(resolutions, device));
    }
    TextTable parameters =
        new TextTable("NAMESPACE", "DEVICE", "FIELD", "PLACEHOLDER", "VALUE", "FROM");
    List<String> unresolved = new ArrayList<>();
    int used = 0;
    for (NamespaceResolution resolution : resolutions) {
      for (DeviceDecision d : resolution.decisions()) {
        if (device != null && !device.equals(d.device().name())) {
          continue;
        }
        if (d.configuration() != null) {
          for (ParameterUse use : d.configuration().parameters()) {
            used++;
            parameters.row(
                d.device().namespace(),
                d.device().name(),
                use.field(),
                use.placeholder(),
                use.value().isTextual() ? use.value().textValue() : use.value().toString(),
                use.deployment());
          }
        }
        d.parameterErrors()
            .forEach(
                e ->
                    unresolved.add(
                        d.device().namespace() + "/" + d.device().name() + ": " + e.message()));
      }
    }
    if (used > 0 || !unresolved.isEmpty()) {
      out.append('\n').append("Per-device parameters:\n");
      if (used > 0) {
        out.append(parameters.render());
      }
      for (String problem : unresolved) {
        out.append("  ! ").append(problem).append('\n');
      }
    }
    out.append(rollouts(waves, device));
    return out.toString();
  }

  /**
   * Why one device gets what it gets: every deployment considered for it, as {@code -o json}'s
   * "considered" says.
   */
  private static String considered(List<NamespaceResolution> resolutions, String device) {
    StringBuilder out = new StringBuilder();
    for (NamespaceResolution resolution : resolutions) {
      for (DeviceDecision d : resolution.decisions()) {
        if (!device.equals(d.device().name()) || d.considered().isEmpty()) {
          continue;
        }
        TextTable why =
            new TextTable(
                "DEPLOYMENT", "TYPE", "PRIORITY", "VALID", "MATCHED", "APPLIED", "REASON");
        for (Consideration c : d.considered()) {
          why.row(
              c.deployment(),
              c.layered() ? "layered" : "standard",
              String.valueOf(c.priority()),
              c.valid() ? "yes" : "no",
              c.matched() == Truth.UNDEFINED
                  ? "undefined"
                  : c.matched() == Truth.TRUE ? "true" : "false",
              c.applied() ? "yes" : "no",
              c.parameterError() == null ? c.reason() : c.reason() + ": " + c.parameterError());
        }
        out.append('\n')
            .append("Why ")
            .append(d.device().namespace())
            .append('/')
            .append(d.device().name())
            .append(" gets this configuration:\n")
            .append(why.render());
      }
    }
    return out.toString();
  }

  /** The rollouts' waves: a line per rollout, then one per device it moves. */
  private static String rollouts(Map<String, RolloutWaves.Waves> waves, String device) {
    if (waves.isEmpty()) {
      return "";
    }
    StringBuilder out =
        new StringBuilder("\nRollouts (each wave once the earlier ones are healthy):\n");
    TextTable table = new TextTable("NAMESPACE", "DEVICE", "DEPLOYMENT", "WAVE", "PLACE", "GROUP");
    waves.forEach(
        (namespace, found) -> {
          found
              .rollouts()
              .values()
              .forEach(
                  r ->
                      out.append("  ")
                          .append(namespace)
                          .append('/')
                          .append(r.deployment())
                          .append(": ")
                          .append(r.affected())
                          .append(r.affected() == 1 ? " device changes" : " devices change")
                          .append(", in ")
                          .append(r.waves())
                          .append(r.waves() == 1 ? " wave" : " waves")
                          .append(" of up to ")
                          .append(r.perWave())
                          .append(
                              r.phase() == RolloutPhase.Paused ? " (paused: none moves yet)" : "")
                          .append('\n'));
          found
              .devices()
              .forEach(
                  (name, places) -> {
                    if (device != null && !device.equals(name)) {
                      return;
                    }
                    for (RolloutWaves.Place place : places) {
                      table.row(
                          namespace,
                          name,
                          place.deployment(),
                          Integer.toString(place.wave()),
                          place.placeInLine() == 0 ? "now" : Long.toString(place.placeInLine()),
                          place.group() == null ? "-" : place.group());
                    }
                  });
        });
    return out.append(table.render()).toString();
  }

  private static String managed(DeviceDecision d) {
    return switch (d.outcome()) {
      case APPLY -> "yes";
      case KEEP_FROZEN -> "frozen (" + d.frozenBy() + " invalid)";
      case KEEP_WAITING -> "waiting (rollout of " + d.waitingFor() + ")";
      case KEEP_PARAMETER_ERROR -> "kept (parameter unresolved)";
      case KEEP_UNMANAGED -> d.desiredVersion() == null ? "no" : "no (keeps last)";
    };
  }

  private static String modules(DeviceDecision d) {
    if (d.outcome() != Outcome.APPLY) {
      return d.desiredVersion() == null ? "-" : "(unchanged)";
    }
    JsonNode modules =
        d.configuration().manifest().at("/modulesContent/$edgeAgent/properties.desired/modules");
    List<String> names = new ArrayList<>();
    modules.fieldNames().forEachRemaining(names::add);
    return names.isEmpty() ? "(none)" : String.join(",", names);
  }

  private static String metrics(DeploymentReport r) {
    if (r.metrics().isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    new TreeMap<>(r.metrics()).forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }
}

package io.edgefleet.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.resolve.DeploymentReport;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.NamespaceResolution;
import io.edgefleet.engine.resolve.Outcome;
import io.edgefleet.engine.resolve.Validity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What applying one EdgeDeployment would do to a namespace: the engine decides every device with
 * the deployments as they are and with the edited one in place (added, or replacing the one of the
 * same name), exactly as {@code edgefleet resolve} decides, and the two decisions are compared.
 * Pure: it reads nothing and writes nothing.
 *
 * @param edited the report of the edited deployment after the change (its validity included)
 * @param before every deployment's counts now
 * @param after every deployment's counts after the change
 * @param changes the devices whose configuration would change, sorted by name
 * @param replaces whether a deployment of that name exists (else it is new)
 */
public record Preview(
    DeploymentReport edited,
    List<DeploymentReport> before,
    List<DeploymentReport> after,
    List<DeviceChange> changes,
    boolean replaces) {

  /**
   * How one device's configuration would change.
   *
   * @param device the device
   * @param runsBefore base + layers now ("not managed" when none)
   * @param runsAfter base + layers after the change
   * @param added modules it would start running
   * @param removed modules it would stop running
   * @param changed modules whose settings would change
   * @param note what else changes, in words (routes or twins, frozen, no longer managed), or ""
   */
  public record DeviceChange(
      String device,
      String runsBefore,
      String runsAfter,
      List<String> added,
      List<String> removed,
      List<String> changed,
      String note) {}

  /** Decides the namespace with and without {@code edited}. */
  public static Preview of(
      String namespace,
      Collection<DeploymentSource> current,
      DeploymentSource edited,
      Collection<DeviceSource> devices) {
    List<DeploymentSource> changed = new ArrayList<>();
    boolean replaces = false;
    for (DeploymentSource source : current) {
      if (source.name().equals(edited.name())) {
        replaces = true;
        changed.add(
            new DeploymentSource(
                namespace,
                edited.name(),
                source.createdAt(),
                source.generation() + 1,
                edited.spec()));
      } else {
        changed.add(source);
      }
    }
    if (!replaces) {
      changed.add(edited);
    }
    NamespaceResolution before = NamespaceResolution.resolve(namespace, current, devices);
    NamespaceResolution after = NamespaceResolution.resolve(namespace, changed, devices);
    List<DeviceChange> changes = new ArrayList<>();
    for (int i = 0; i < before.decisions().size(); i++) {
      DeviceChange change = compare(before.decisions().get(i), after.decisions().get(i));
      if (change != null) {
        changes.add(change);
      }
    }
    DeploymentReport report =
        after.reports().stream()
            .filter(r -> r.name().equals(edited.name()))
            .findFirst()
            .orElseThrow();
    return new Preview(report, before.reports(), after.reports(), changes, replaces);
  }

  /** Whether the edited deployment is valid. */
  public boolean valid() {
    return edited.validity().isValid();
  }

  /** The edited deployment's problems (empty when valid). */
  public List<Validity.Problem> problems() {
    return edited.validity().problems();
  }

  private static DeviceChange compare(DeviceDecision before, DeviceDecision after) {
    String runsBefore = runs(before);
    String runsAfter = runs(after);
    boolean sameVersion = Objects.equals(before.desiredVersion(), after.desiredVersion());
    if (sameVersion && runsBefore.equals(runsAfter) && before.outcome() == after.outcome()) {
      return null;
    }
    Map<String, JsonNode> modulesBefore = modules(before);
    Map<String, JsonNode> modulesAfter = modules(after);
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    String note = "";
    if (after.outcome() == Outcome.KEEP_FROZEN) {
      note = "frozen while " + after.frozenBy() + " is invalid: keeps what it runs";
    } else if (after.outcome() == Outcome.KEEP_UNMANAGED) {
      note = "no longer targeted: keeps its ConfigMap, no deployment manages it";
    } else if (modulesBefore != null) {
      TreeSet<String> names = new TreeSet<>(modulesBefore.keySet());
      names.addAll(modulesAfter.keySet());
      for (String name : names) {
        JsonNode was = modulesBefore.get(name);
        JsonNode will = modulesAfter.get(name);
        if (was == null) {
          added.add(name);
        } else if (will == null) {
          removed.add(name);
        } else if (!was.equals(will)) {
          changed.add(name);
        }
      }
      if (added.isEmpty() && removed.isEmpty() && changed.isEmpty() && !sameVersion) {
        note = "routes, module twins or runtime settings change";
      }
    } else {
      added.addAll(modulesAfter.keySet());
      if (before.outcome() == Outcome.KEEP_FROZEN) {
        note = "no longer frozen";
      }
    }
    return new DeviceChange(
        before.device().name(), runsBefore, runsAfter, added, removed, changed, note);
  }

  /** "base + layer, layer", or "not managed". */
  static String runs(DeviceDecision decision) {
    if (decision.baseName() == null) {
      return "not managed";
    }
    List<String> layers = decision.layerNames();
    return layers.isEmpty()
        ? decision.baseName()
        : decision.baseName() + " + " + String.join(", ", layers);
  }

  /** The custom modules the decision's configuration runs, or null when it is not applied. */
  private static Map<String, JsonNode> modules(DeviceDecision decision) {
    if (decision.outcome() != Outcome.APPLY || decision.configuration() == null) {
      return null;
    }
    JsonNode modules =
        decision
            .configuration()
            .manifest()
            .path("modulesContent")
            .path("$edgeAgent")
            .path("properties.desired")
            .path("modules");
    Map<String, JsonNode> byName = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = modules.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> module = it.next();
      byName.put(module.getKey(), module.getValue());
    }
    return byName;
  }
}

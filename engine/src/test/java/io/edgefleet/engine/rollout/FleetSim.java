package io.edgefleet.engine.rollout;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.Outcome;
import io.edgefleet.engine.resolve.PreparedDeployment;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A namespace as the operator stores it (deployments with their previous content, devices with
 * their current configuration and reported status, rollout records, health stamps), and the
 * operator's loop done purely: plan, gate every device, write what was decided. Agents report when
 * told to.
 */
final class FleetSim {

  static final YAMLMapper YAML = new YAMLMapper();

  final Map<String, DeploymentSource> deployments = new TreeMap<>();
  final Map<String, EdgeDeploymentSpec> previousSpecs = new HashMap<>();
  final Map<String, DeviceSource> devices = new TreeMap<>();
  final Map<String, DeviceHealth> health = new HashMap<>();
  final Map<String, RolloutRecord> records = new HashMap<>();
  final Map<String, DeviceDecision> lastDecisions = new LinkedHashMap<>();
  Instant now = Instant.parse("2026-01-01T00:00:00Z");
  RolloutPlan plan;

  static EdgeDeploymentSpec spec(String yaml) {
    try {
      return YAML.readValue(yaml, EdgeDeploymentSpec.class);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Creates or edits a deployment; an edit of the content keeps the old content as previous. */
  FleetSim deployment(String name, String yaml) {
    EdgeDeploymentSpec spec = spec(yaml);
    DeploymentSource old = deployments.get(name);
    if (old != null && !Revisions.hash(old.spec()).equals(Revisions.hash(spec))) {
      previousSpecs.put(name, old.spec());
    }
    long generation = old == null ? 1 : old.generation() + 1;
    deployments.put(
        name,
        new DeploymentSource("ns", name, Instant.parse("2025-01-01T00:00:00Z"), generation, spec));
    return this;
  }

  FleetSim delete(String name) {
    deployments.remove(name);
    previousSpecs.remove(name);
    records.remove(name);
    return this;
  }

  FleetSim device(String name, String... tags) {
    ObjectNode tagNode = JsonNodeFactory.instance.objectNode();
    for (String tag : tags) {
      String[] kv = tag.split("=", 2);
      tagNode.put(kv[0], kv[1]);
    }
    devices.put(name, new DeviceSource("ns", name, tagNode, null, null, Set.of()));
    return this;
  }

  FleetSim devices(int count, String prefix, String... tags) {
    for (int i = 0; i < count; i++) {
      device(String.format("%s-%03d", prefix, i), tags);
    }
    return this;
  }

  DeploymentSet set() {
    return DeploymentSet.prepare(deployments.values());
  }

  Map<String, PreparedDeployment> previous() {
    Map<String, PreparedDeployment> previous = new HashMap<>();
    previousSpecs.forEach(
        (name, old) -> {
          DeploymentSource now = deployments.get(name);
          previous.put(
              name,
              PreparedDeployment.prepare(
                  new DeploymentSource(
                      now.namespace(),
                      name,
                      now.createdAt(),
                      now.generation(),
                      Revisions.withContent(now.spec(), Revisions.content(old)))));
        });
    return previous;
  }

  /** Plans the rollouts from what is stored, and stores what the status would remember. */
  RolloutPlan plan() {
    plan = RolloutPlanner.plan(set(), previous(), devices.values(), health, records, now);
    records.keySet().retainAll(deployments.keySet());
    plan.all().forEach(p -> records.put(p.deployment(), p.record()));
    return plan;
  }

  /** Decides and gates every device with the last plan, and writes the configurations. */
  Map<String, DeviceDecision> reconcileDevices() {
    DeploymentSet set = set();
    Map<String, PreparedDeployment> previous = previous();
    lastDecisions.clear();
    for (DeviceSource device : devices.values().stream().toList()) {
      DeviceDecision decision = RolloutGate.gate(set.decide(device), set, plan, previous);
      lastDecisions.put(device.name(), decision);
      if (decision.outcome() == Outcome.APPLY) {
        devices.put(
            device.name(),
            device.withCurrent(
                new CurrentConfiguration(
                    decision.desiredVersion(),
                    decision.baseName(),
                    decision.layerNames(),
                    decision.revisions())));
      }
    }
    return lastDecisions;
  }

  /** One round of the operator: plan, then devices. */
  FleetSim step() {
    plan();
    reconcileDevices();
    return this;
  }

  /** The device's agent reports {@code code} for the version its configuration holds. */
  FleetSim report(String device, int code) {
    DeviceSource source = devices.get(device);
    String version = source.current().desiredVersion();
    ObjectNode reported = JsonNodeFactory.instance.objectNode();
    reported.put("lastDesiredVersion", version);
    reported.putObject("lastDesiredStatus").put("code", code);
    devices.put(device, source.withReported(reported));
    DeviceHealth known = health.get(device);
    if (code == 200 && (known == null || !known.version().equals(version))) {
      health.put(device, new DeviceHealth(version, now));
    } else if (code != 200) {
      health.remove(device);
    }
    return this;
  }

  /** Every device whose agent has not reported its current version yet reports {@code code}. */
  FleetSim reportAll(int code) {
    for (DeviceSource device : devices.values().stream().toList()) {
      if (device.current() != null && !reportsCurrent(device)) {
        report(device.name(), code);
      }
    }
    return this;
  }

  boolean reportsCurrent(DeviceSource device) {
    var version = device.reported().get("lastDesiredVersion");
    return version != null && version.asText().equals(device.current().desiredVersion());
  }

  FleetSim after(Duration duration) {
    now = now.plus(duration);
    return this;
  }

  String version(String device) {
    CurrentConfiguration current = devices.get(device).current();
    return current == null ? null : current.desiredVersion();
  }

  String revision(String device, String deployment) {
    CurrentConfiguration current = devices.get(device).current();
    return current == null ? null : current.revisions().get(deployment);
  }

  String revisionOf(String deployment) {
    return Revisions.hash(deployments.get(deployment).spec());
  }

  long onRevision(String deployment) {
    String revision = revisionOf(deployment);
    return devices.keySet().stream().filter(d -> revision.equals(revision(d, deployment))).count();
  }

  RolloutProgress progress(String deployment) {
    return plan.progress(deployment);
  }
}

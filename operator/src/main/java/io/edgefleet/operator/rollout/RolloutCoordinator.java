package io.edgefleet.operator.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.api.v1alpha1.DeviceRollout;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.PreparedDeployment;
import io.edgefleet.engine.rollout.DeviceHealth;
import io.edgefleet.engine.rollout.Revisions;
import io.edgefleet.engine.rollout.RolloutPlan;
import io.edgefleet.engine.rollout.RolloutPlanner;
import io.edgefleet.engine.rollout.RolloutRecord;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.operator.fleet.FleetView;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a namespace's rollouts from what the caches hold (deployments with their status, devices
 * with their status) and the stored revisions, publishes the plan for the device controller, and
 * nudges the devices it lets move.
 */
public final class RolloutCoordinator {

  private final FleetView fleet;
  private final RevisionHistory history;
  private final RolloutBoard board;
  private final DeviceNudges nudges;

  public RolloutCoordinator(
      FleetView fleet, RevisionHistory history, RolloutBoard board, DeviceNudges nudges) {
    this.fleet = fleet;
    this.history = history;
    this.board = board;
    this.nudges = nudges;
  }

  /**
   * Plans now; the plan is published and the devices it admits are decided again.
   *
   * @param reconciled the deployment being reconciled, as its controller has it: its status and
   *     annotations (a resume) are read from it, as the shared cache may not have them yet
   */
  public RolloutPlan plan(
      String namespace, DeploymentSet set, Instant now, EdgeDeployment reconciled) {
    Map<String, RolloutRecord> records = new HashMap<>();
    Map<String, PreparedDeployment> previous = new HashMap<>();
    for (EdgeDeployment cached : fleet.deployments(namespace)) {
      EdgeDeployment deployment =
          cached.getMetadata().getName().equals(reconciled.getMetadata().getName())
              ? reconciled
              : cached;
      String name = deployment.getMetadata().getName();
      PreparedDeployment prepared = set.get(name);
      if (prepared == null || !prepared.valid() || prepared.rollout() == null) {
        continue;
      }
      RolloutRecord record = RolloutRecords.read(deployment, now);
      if (record != null) {
        records.put(name, record);
      }
      String update = RevisionHistory.name(name, prepared.revision());
      String before = RolloutRecords.currentRevision(deployment.getStatus(), update);
      if (!before.equals(update)) {
        JsonNode content = history.content(namespace, name, before);
        if (content != null) {
          DeploymentSource source = DeploymentCatalog.source(deployment);
          previous.put(
              name,
              PreparedDeployment.prepare(
                  new DeploymentSource(
                      source.namespace(),
                      name,
                      source.createdAt(),
                      source.generation(),
                      Revisions.withContent(source.spec(), content))));
        }
      }
    }
    List<EdgeDevice> devices = fleet.devices(namespace);
    List<DeviceSource> sources = new ArrayList<>(devices.size());
    Map<String, DeviceHealth> health = new HashMap<>();
    for (EdgeDevice device : devices) {
      sources.add(FleetView.state(device).device());
      DeviceHealth known = health(device);
      if (known != null) {
        health.put(device.getMetadata().getName(), known);
      }
    }
    RolloutPlan plan = RolloutPlanner.plan(set, previous, sources, health, records, now);
    board.publish(namespace, plan, previous);
    nudges.nudge(namespace, plan.movers());
    return plan;
  }

  private static DeviceHealth health(EdgeDevice device) {
    DeviceRollout rollout = device.getStatus() == null ? null : device.getStatus().getRollout();
    if (rollout == null
        || rollout.getHealthyVersion() == null
        || rollout.getHealthySince() == null) {
      return null;
    }
    try {
      return new DeviceHealth(
          rollout.getHealthyVersion(), Instant.parse(rollout.getHealthySince()));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}

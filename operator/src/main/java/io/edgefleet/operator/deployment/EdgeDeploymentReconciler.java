package io.edgefleet.operator.deployment;

import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;
import io.edgefleet.engine.admission.DeploymentAdmission;
import io.edgefleet.engine.resolve.DeploymentReport;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeploymentTally;
import io.edgefleet.engine.resolve.DeviceState;
import io.edgefleet.engine.resolve.PreparedDeployment;
import io.edgefleet.engine.rollout.RolloutPhase;
import io.edgefleet.engine.rollout.RolloutPlan;
import io.edgefleet.engine.rollout.RolloutProgress;
import io.edgefleet.operator.events.EventRecorder;
import io.edgefleet.operator.events.UnreadableObjects;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.operator.fleet.FleetView;
import io.edgefleet.operator.metrics.OperatorMetrics;
import io.edgefleet.operator.rollout.RevisionHistory;
import io.edgefleet.operator.rollout.RolloutCoordinator;
import io.edgefleet.operator.rollout.RolloutRecords;
import io.edgefleet.operator.status.Conditions;
import io.edgefleet.operator.status.StatusWriter;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps each deployment's status true: validity (Ready), targeted / applied / succeeded / failed
 * counts and custom metrics. Device activity reaches it through {@link StatusRecomputeTrigger}, at
 * most once per interval per namespace.
 */
// not generation-aware: a metadata change (the rollout's resume annotation) must reach it too; its
// own status writes do not come back (handleRecentResourceUpdate)
@ControllerConfiguration(
    name = EdgeDeploymentReconciler.NAME,
    triggerReconcilerOnAllEvents = true,
    generationAwareEventProcessing = false)
public final class EdgeDeploymentReconciler implements Reconciler<EdgeDeployment> {

  /** The controller's name. */
  public static final String NAME = "edgedeployment";

  /** The status fields the operator owns on an EdgeDeployment (all of them). */
  public static final Set<String> OWNED_STATUS_FIELDS =
      Set.of(
          "targetedCount",
          "appliedCount",
          "reportedSuccessfulCount",
          "reportedFailedCount",
          "parameterErrorCount",
          "pendingCount",
          "devicesBehindCount",
          "devicesBehind",
          "metrics",
          "warnings",
          "currentRevision",
          "updateRevision",
          "revisions",
          "rollout",
          "observedGeneration",
          "conditions");

  private final DeploymentCatalog catalog;
  private final NamespaceCounts counts;
  private final FleetView fleet;
  private final StatusRecomputeTrigger trigger;
  private final StatusWriter statusWriter;
  private final EventRecorder events;
  private final UnreadableObjects unreadable;
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final RevisionHistory history;
  private final RolloutCoordinator rollouts;

  public EdgeDeploymentReconciler(
      DeploymentCatalog catalog,
      NamespaceCounts counts,
      FleetView fleet,
      StatusRecomputeTrigger trigger,
      StatusWriter statusWriter,
      EventRecorder events,
      UnreadableObjects unreadable,
      OperatorMetrics metrics,
      Clock clock,
      RevisionHistory history,
      RolloutCoordinator rollouts) {
    this.history = history;
    this.rollouts = rollouts;
    this.catalog = catalog;
    this.counts = counts;
    this.fleet = fleet;
    this.trigger = trigger;
    this.statusWriter = statusWriter;
    this.events = events;
    this.unreadable = unreadable;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, EdgeDeployment>> prepareEventSources(
      EventSourceContext<EdgeDeployment> context) {
    trigger.bind(context.getPrimaryCache());
    return List.of(trigger);
  }

  @Override
  public UpdateControl<EdgeDeployment> reconcile(
      EdgeDeployment deployment, Context<EdgeDeployment> context) {
    long started = System.nanoTime();
    String namespace = deployment.getMetadata().getNamespace();
    String name = deployment.getMetadata().getName();
    if (context.isPrimaryResourceDeleted()) {
      history.forget(deployment);
      unreadable.forget(deployment);
      metrics.deploymentDeleted(namespace, name);
      return UpdateControl.noUpdate();
    }
    unreadable.report(
        deployment,
        "the deployment is invalid and takes no part in decisions; devices it configured keep"
            + " their configuration",
        "the operator rewrites its status");
    DeploymentSet set = catalog.setFor(namespace, fleet.deployments(namespace));
    DeploymentReport report =
        report(deployment, set)
            .withMoreWarnings(HeldDevices.warnings(name, fleet.devices(namespace)));
    metrics.deploymentCounts(
        namespace,
        name,
        report.targetedCount(),
        report.appliedCount(),
        report.reportedSuccessfulCount(),
        report.reportedFailedCount());
    metrics.deploymentMetrics(namespace, name, report.metrics());

    Instant now = clock.instant();
    EdgeDeploymentStatus previous = deployment.getStatus();
    PreparedDeployment prepared = preparedFor(deployment, set);
    RolloutPlan plan = null;
    DeploymentStatusBuilder.RolloutView view = null;
    if (prepared.valid()) {
      String update = RevisionHistory.name(name, prepared.revision());
      String current = RolloutRecords.currentRevision(previous, update);
      RolloutProgress progress = null;
      if (prepared.rollout() != null && set.get(name) == prepared) {
        plan = rollouts.plan(namespace, set, now, deployment);
        progress = plan.progress(name);
        if (progress != null) {
          metrics.rolloutCounts(
              namespace,
              name,
              progress.waiting(),
              progress.admitted(),
              progress.healthy(),
              progress.failed());
        }
        if (progress != null && progress.phase() == RolloutPhase.Complete) {
          current = update;
        }
      } else if (prepared.rollout() == null) {
        current = update;
      }
      List<RevisionHistory.Revision> revisions =
          history.record(deployment, prepared.revision(), current);
      view = new DeploymentStatusBuilder.RolloutView(current, update, revisions, progress);
    } else if (previous != null) {
      // an invalid spec records no revision: keep what the status said
      view =
          new DeploymentStatusBuilder.RolloutView(
              previous.getCurrentRevision(), previous.getUpdateRevision(), List.of(), null);
    }
    EdgeDeploymentStatus desired =
        DeploymentStatusBuilder.withRollout(
            DeploymentStatusBuilder.build(
                deployment, report, targetingWarnings(deployment, set, report), now),
            view,
            deployment.getMetadata().getGeneration(),
            now);
    if (!prepared.valid() && previous != null) {
      desired.setRevisions(previous.getRevisions());
      desired.setRollout(previous.getRollout());
    }
    if (!Objects.equals(previous, desired)) {
      statusWriter.write(deployment, previous, desired, OWNED_STATUS_FIELDS, context);
      announce(deployment, previous, desired);
    }
    metrics.deploymentReconciled(Duration.ofNanos(System.nanoTime() - started));
    Instant next = plan == null ? null : plan.nextCheck();
    if (next != null) {
      Duration wait = Duration.between(now, next);
      return UpdateControl.<EdgeDeployment>noUpdate()
          .rescheduleAfter(wait.isNegative() ? Duration.ZERO : wait.plusMillis(10));
    }
    return UpdateControl.noUpdate();
  }

  /**
   * What the admission webhook warns about, kept true on the status: a condition comparing a
   * property with a literal of another type than devices hold, or targeting no device.
   */
  private List<String> targetingWarnings(
      EdgeDeployment deployment, DeploymentSet set, DeploymentReport report) {
    PreparedDeployment prepared = preparedFor(deployment, set);
    if (!prepared.valid()) {
      return List.of();
    }
    String namespace = deployment.getMetadata().getNamespace();
    List<DeviceState> states = fleet.deviceStates(namespace);
    List<String> warnings =
        new ArrayList<>(
            DeploymentAdmission.typeWarnings(
                prepared, states.stream().map(DeviceState::device).toList()));
    if (report.targetedCount() == 0) {
      warnings.add(DeploymentAdmission.noDeviceWarning(prepared, states.size()));
    }
    return warnings;
  }

  /**
   * The report of exactly the object being reconciled: from the namespace's shared count when the
   * catalog holds this generation, otherwise counted with this generation in place of the catalog's
   * (the device controller's cache may not have the new generation yet).
   */
  private DeploymentReport report(EdgeDeployment deployment, DeploymentSet set) {
    String namespace = deployment.getMetadata().getNamespace();
    String name = deployment.getMetadata().getName();
    PreparedDeployment prepared = preparedFor(deployment, set);
    if (set.get(name) == prepared) {
      return counts.reports(namespace, set).get(name);
    }
    return DeploymentTally.count(set.with(prepared), fleet.deviceStates(namespace)).get(name);
  }

  /**
   * The prepared form of exactly the object being reconciled: the catalog's when it is the same
   * generation, otherwise prepared now (the device controller's cache may not have it yet).
   */
  private static PreparedDeployment preparedFor(EdgeDeployment deployment, DeploymentSet set) {
    PreparedDeployment cached = set.get(deployment.getMetadata().getName());
    if (cached != null
        && cached.source().generation()
            == (deployment.getMetadata().getGeneration() == null
                ? 0
                : deployment.getMetadata().getGeneration())
        && Objects.equals(cached.source().spec(), deployment.getSpec())) {
      return cached;
    }
    return PreparedDeployment.prepare(DeploymentCatalog.source(deployment));
  }

  private void announce(
      EdgeDeployment deployment, EdgeDeploymentStatus previous, EdgeDeploymentStatus now) {
    Condition progressing =
        Conditions.find(now.getConditions(), DeploymentStatusBuilder.PROGRESSING);
    Condition progressingBefore =
        previous == null
            ? null
            : Conditions.find(previous.getConditions(), DeploymentStatusBuilder.PROGRESSING);
    if (progressing != null
        && "RolloutHalted".equals(progressing.getReason())
        && (progressingBefore == null || !"RolloutHalted".equals(progressingBefore.getReason()))) {
      events.warning(deployment, "RolloutHalted", progressing.getMessage());
      metrics.rolloutHalted(
          deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
    }
    announceReady(deployment, previous, now);
  }

  private void announceReady(
      EdgeDeployment deployment, EdgeDeploymentStatus previous, EdgeDeploymentStatus now) {
    Condition ready = Conditions.find(now.getConditions(), Conditions.READY);
    Condition before =
        previous == null ? null : Conditions.find(previous.getConditions(), Conditions.READY);
    boolean flipped =
        before == null
            || !Objects.equals(before.getStatus(), ready.getStatus())
            || !Objects.equals(before.getMessage(), ready.getMessage());
    if (!flipped) {
      return;
    }
    if (Condition.FALSE.equals(ready.getStatus())) {
      events.warning(deployment, ready.getReason(), ready.getMessage());
    } else if (before != null && Condition.FALSE.equals(before.getStatus())) {
      events.normal(deployment, "Valid", "the spec is valid again and takes part in decisions");
    }
  }
}

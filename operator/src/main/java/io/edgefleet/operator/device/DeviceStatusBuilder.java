package io.edgefleet.operator.device;

import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.DeploymentConsideration;
import io.edgefleet.api.v1alpha1.DeviceRollout;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.query.Truth;
import io.edgefleet.engine.resolve.Consideration;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.DeviceState;
import io.edgefleet.engine.resolve.Outcome;
import io.edgefleet.engine.sync.Sync;
import io.edgefleet.engine.sync.SyncState;
import io.edgefleet.operator.status.Conditions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the operator-owned part of a device's status from the decision and what was written. Pure;
 * {@code reported} is never set here (the device's agent owns it).
 */
public final class DeviceStatusBuilder {

  /**
   * The Ready reason of a device with a placeholder that has no usable value (docs/concepts.md
   * section 8).
   */
  public static final String PARAMETER_UNRESOLVED = "ParameterUnresolved";

  private DeviceStatusBuilder() {}

  /** The status the device should show, with no health to track for rollouts. */
  public static EdgeDeviceStatus build(
      EdgeDevice device, DeviceDecision decision, ApplyResult applied, Instant now) {
    return build(device, decision, applied, now, false);
  }

  /**
   * The status the device should show.
   *
   * @param trackHealth whether to record since when the agent reports success (a rollout with
   *     minHealthySeconds applies to the device)
   */
  public static EdgeDeviceStatus build(
      EdgeDevice device,
      DeviceDecision decision,
      ApplyResult applied,
      Instant now,
      boolean trackHealth) {
    EdgeDeviceStatus previous = device.getStatus();
    EdgeDeviceStatus status = new EdgeDeviceStatus();
    status.setManaged(decision.managed());
    CurrentConfiguration current = decision.device().current();
    if ((applied.refused() && decision.outcome() == Outcome.APPLY)
        || decision.outcome() == Outcome.KEEP_UNMANAGED) {
      // the device still runs what it had (what could not be written, or what no deployment
      // manages any more): report that, from its ConfigMap's provenance
      status.setBaseDeployment(current == null ? null : current.base());
      status.setLayers(current == null ? null : nullIfEmpty(current.layers()));
      status.setDesiredVersion(current == null ? null : current.desiredVersion());
    } else {
      status.setBaseDeployment(decision.baseName());
      status.setLayers(nullIfEmpty(decision.layerNames()));
      status.setDesiredVersion(decision.desiredVersion());
    }
    if (applied.refused() && decision.outcome() == Outcome.APPLY) {
      status.setRevisions(current == null ? null : nullIfEmpty(current.revisions()));
    } else {
      status.setRevisions(nullIfEmpty(decision.revisions()));
    }
    status.setRollout(rollout(decision, status.getDesiredVersion(), previous, now, trackHealth));
    status.setConfigMapName(applied.configMapName());
    status.setRegistrySecretName(applied.registrySecretName());
    List<DeploymentConsideration> considered =
        decision.relevant().stream().map(DeviceStatusBuilder::consideration).toList();
    status.setDeployments(considered.isEmpty() ? null : considered);
    Long generation = device.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    Ready ready = ready(decision, applied);
    Sync sync =
        applied.refused() ? Sync.undelivered(ready.reason(), ready.message()) : decision.sync();
    status.setSyncState(sync.state().label());
    List<Condition> conditions =
        Conditions.set(
            previous == null ? null : previous.getConditions(),
            Conditions.READY,
            ready.status(),
            ready.reason(),
            ready.message(),
            generation,
            now);
    status.setConditions(
        Conditions.set(
            conditions,
            Conditions.IN_SYNC,
            sync.state() == SyncState.IN_SYNC,
            sync.reason(),
            sync.message(),
            generation,
            now));
    return status;
  }

  private static DeploymentConsideration consideration(Consideration c) {
    DeploymentConsideration consideration =
        new DeploymentConsideration(
            c.deployment(),
            c.layered(),
            c.priority(),
            c.matched() == Truth.TRUE,
            c.applied(),
            c.reason());
    consideration.setParameterError(c.parameterError());
    return consideration;
  }

  /**
   * The status of a device whose stored spec cannot be read: nothing was decided, the operator's
   * other fields stay as they were, and Ready says why.
   */
  public static EdgeDeviceStatus unreadableSpec(EdgeDevice device, String problem, Instant now) {
    EdgeDeviceStatus previous = device.getStatus();
    EdgeDeviceStatus status =
        previous == null ? new EdgeDeviceStatus() : copyWithoutReported(previous);
    Long generation = device.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    status.setConditions(
        Conditions.set(
            previous == null ? null : previous.getConditions(),
            Conditions.READY,
            false,
            "UnreadableSpec",
            "the stored spec cannot be read ("
                + problem
                + "); the device keeps its configuration until the spec is fixed",
            generation,
            now));
    return status;
  }

  /**
   * Whether {@code current} already shows everything {@code desired} says (the agent's {@code
   * reported} is not compared).
   */
  public static boolean sameOwnedFields(EdgeDeviceStatus current, EdgeDeviceStatus desired) {
    if (current == null || desired == null) {
      return current == desired;
    }
    EdgeDeviceStatus owned = copyWithoutReported(current);
    return owned.equals(copyWithoutReported(desired));
  }

  private static EdgeDeviceStatus copyWithoutReported(EdgeDeviceStatus status) {
    EdgeDeviceStatus copy = new EdgeDeviceStatus();
    copy.setManaged(status.getManaged());
    copy.setBaseDeployment(status.getBaseDeployment());
    copy.setLayers(status.getLayers());
    copy.setConfigMapName(status.getConfigMapName());
    copy.setRegistrySecretName(status.getRegistrySecretName());
    copy.setDesiredVersion(status.getDesiredVersion());
    copy.setRevisions(status.getRevisions());
    copy.setRollout(status.getRollout());
    copy.setDeployments(status.getDeployments());
    copy.setSyncState(status.getSyncState());
    copy.setObservedGeneration(status.getObservedGeneration());
    copy.setConditions(status.getConditions());
    return copy;
  }

  private record Ready(boolean status, String reason, String message) {}

  /** " (base B, layers L)" of what a device runs, or "" when that is not known. */
  private static String current(CurrentConfiguration current) {
    return current == null || current.base() == null
        ? ""
        : " (base " + current.base() + layersText(current.layers()) + ")";
  }

  private static Ready ready(DeviceDecision decision, ApplyResult applied) {
    if (applied.refused()) {
      String reason =
          switch (applied.kind()) {
            case TOO_LARGE -> "ConfigurationTooLarge";
            case SECRET_MISSING -> "RegistrySecretMissing";
            case SECRET_REFUSED -> "RegistrySecretRefused";
            default -> "NameConflict";
          };
      return new Ready(false, reason, applied.message() + "; the device keeps its configuration");
    }
    String version = decision.desiredVersion();
    return switch (decision.outcome()) {
      case APPLY ->
          new Ready(
              true,
              "ConfigurationCurrent",
              "ConfigMap "
                  + applied.configMapName()
                  + " holds version "
                  + version
                  + " (base "
                  + decision.baseName()
                  + layersText(decision.layerNames())
                  + ")");
      case KEEP_FROZEN ->
          new Ready(
              false,
              DeviceAnnouncer.FROZEN,
              "deployment "
                  + decision.frozenBy()
                  + " is invalid (see its Ready condition); the device keeps version "
                  + version
                  + " until it is fixed or deleted");
      case KEEP_WAITING ->
          new Ready(
              false,
              "WaitingForRollout",
              "waiting for the rollout of deployment "
                  + decision.waitingFor()
                  + (decision.placeInLine() == null
                      ? ""
                      : " (place " + decision.placeInLine() + " in line)")
                  + "; the device keeps version "
                  + version
                  + " until admitted");
      case KEEP_PARAMETER_ERROR ->
          new Ready(
              false,
              PARAMETER_UNRESOLVED,
              decision.parameterErrors().stream()
                      .map(e -> e.message())
                      .collect(Collectors.joining("; "))
                  + (version == null
                      ? "; nothing is written until it has one"
                      : "; the device keeps version " + version + " until it has one"));
      case KEEP_UNMANAGED ->
          version == null
              ? new Ready(true, "NoDeployment", "no valid standard deployment targets this device")
              : new Ready(
                  true,
                  "NotManaged",
                  "no valid standard deployment targets this device any more; it keeps version "
                      + version
                      + current(decision.device().current())
                      + " unchanged until one does");
    };
  }

  /**
   * The device's part in rollouts: what it waits for, and since when its agent reports success for
   * its desired version (kept from the previous status while the version stays the same).
   */
  private static DeviceRollout rollout(
      DeviceDecision decision,
      String desiredVersion,
      EdgeDeviceStatus previous,
      Instant now,
      boolean trackHealth) {
    DeviceRollout rollout = new DeviceRollout();
    if (decision.outcome() == Outcome.KEEP_WAITING) {
      rollout.setWaitingFor(decision.waitingFor());
      rollout.setPlaceInLine(decision.placeInLine());
    }
    DeviceState state = new DeviceState(decision.device(), List.of(), desiredVersion);
    if (trackHealth && desiredVersion != null && state.reportsSuccess()) {
      DeviceRollout before = previous == null ? null : previous.getRollout();
      boolean same =
          before != null
              && desiredVersion.equals(before.getHealthyVersion())
              && before.getHealthySince() != null;
      rollout.setHealthyVersion(desiredVersion);
      rollout.setHealthySince(same ? before.getHealthySince() : now.toString());
    }
    return rollout.equals(new DeviceRollout()) ? null : rollout;
  }

  private static <K, V> Map<K, V> nullIfEmpty(Map<K, V> values) {
    return values == null || values.isEmpty() ? null : new TreeMap<>(values);
  }

  private static String layersText(List<String> layers) {
    return layers.isEmpty() ? ", no layers" : ", layers " + String.join(", ", layers);
  }

  private static List<String> nullIfEmpty(List<String> values) {
    return values == null || values.isEmpty() ? null : List.copyOf(values);
  }
}

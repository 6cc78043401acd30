package io.edgefleet.engine.resolve;

import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.query.Truth;
import io.edgefleet.engine.sync.AgentReport;
import io.edgefleet.engine.sync.Sync;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The decision for one device: what it runs from now on and why. Explanations are built on demand,
 * so deciding stays cheap.
 */
public final class DeviceDecision {

  private final DeviceSource device;
  private final Outcome outcome;
  private final PreparedDeployment base;
  private final List<PreparedDeployment> layers;
  private final ResolvedConfiguration configuration;
  private final String frozenBy;
  private final List<PreparedDeployment> deployments;
  private final Truth[] matches;
  private final String waitingFor;
  private final Long placeInLine;
  private final List<ParameterError> parameterErrors;

  DeviceDecision(
      DeviceSource device,
      Outcome outcome,
      PreparedDeployment base,
      List<PreparedDeployment> layers,
      ResolvedConfiguration configuration,
      String frozenBy,
      List<PreparedDeployment> deployments,
      Truth[] matches) {
    this(device, outcome, base, layers, configuration, frozenBy, deployments, matches, List.of());
  }

  DeviceDecision(
      DeviceSource device,
      Outcome outcome,
      PreparedDeployment base,
      List<PreparedDeployment> layers,
      ResolvedConfiguration configuration,
      String frozenBy,
      List<PreparedDeployment> deployments,
      Truth[] matches,
      List<ParameterError> parameterErrors) {
    this(
        device,
        outcome,
        base,
        layers,
        configuration,
        frozenBy,
        deployments,
        matches,
        parameterErrors,
        null,
        null);
  }

  private DeviceDecision(
      DeviceSource device,
      Outcome outcome,
      PreparedDeployment base,
      List<PreparedDeployment> layers,
      ResolvedConfiguration configuration,
      String frozenBy,
      List<PreparedDeployment> deployments,
      Truth[] matches,
      List<ParameterError> parameterErrors,
      String waitingFor,
      Long placeInLine) {
    this.parameterErrors = List.copyOf(parameterErrors);
    this.waitingFor = waitingFor;
    this.placeInLine = placeInLine;
    this.device = device;
    this.outcome = outcome;
    this.base = base;
    this.layers = layers;
    this.configuration = configuration;
    this.frozenBy = frozenBy;
    this.deployments = deployments;
    this.matches = matches;
  }

  public DeviceSource device() {
    return device;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** Whether a deployment decides the device's configuration (applied, or frozen). */
  public boolean managed() {
    return outcome != Outcome.KEEP_UNMANAGED;
  }

  /** The resolved configuration to write; null unless the outcome is APPLY. */
  public ResolvedConfiguration configuration() {
    return configuration;
  }

  /**
   * This decision held back by a rollout: the device keeps its current configuration and waits for
   * {@code deployment}'s rollout to admit it.
   *
   * @param placeInLine its place in that rollout's line (1 is next), or null when not known yet
   */
  public DeviceDecision waiting(String deployment, Long placeInLine) {
    return new DeviceDecision(
        device,
        Outcome.KEEP_WAITING,
        base,
        layers,
        null,
        null,
        deployments,
        matches,
        List.of(),
        deployment,
        placeInLine);
  }

  /** The deployment whose rollout the device waits for, or null. */
  public String waitingFor() {
    return waitingFor;
  }

  /** The device's place in the line of {@link #waitingFor()} (1 is next), or null. */
  public Long placeInLine() {
    return placeInLine;
  }

  /**
   * The configuration the decision would give the device were it not waiting, or null (also when it
   * is not waiting).
   */
  public List<PreparedDeployment> heldBack() {
    if (outcome != Outcome.KEEP_WAITING || base == null) {
      return null;
    }
    List<PreparedDeployment> all = new ArrayList<>(layers.size() + 1);
    all.add(base);
    all.addAll(layers);
    return all;
  }

  /**
   * Deployment -> revision (content hash) that the configuration after this decision holds: the
   * applied deployments' revisions, or what the current configuration records when it is kept.
   */
  public Map<String, String> revisions() {
    if (outcome == Outcome.APPLY) {
      Map<String, String> revisions = new TreeMap<>();
      revisions.put(base.name(), base.revision());
      layers.forEach(layer -> revisions.put(layer.name(), layer.revision()));
      return revisions;
    }
    CurrentConfiguration current = device.current();
    return current == null || outcome == Outcome.KEEP_UNMANAGED ? Map.of() : current.revisions();
  }

  /**
   * The placeholders that could not be filled in for this device (outcome KEEP_PARAMETER_ERROR),
   * otherwise empty.
   */
  public List<ParameterError> parameterErrors() {
    return parameterErrors;
  }

  /** Whether a placeholder of {@code deployment} could not be filled in for this device. */
  public boolean parameterErrorIn(String deployment) {
    for (ParameterError error : parameterErrors) {
      if (error.deployment().equals(deployment)) {
        return true;
      }
    }
    return false;
  }

  /** The parameter errors of {@code deployment} in one line, or null when it has none. */
  public String parameterErrorText(String deployment) {
    String text = null;
    for (ParameterError error : parameterErrors) {
      if (error.deployment().equals(deployment)) {
        text = text == null ? error.message() : text + "; " + error.message();
      }
    }
    return text;
  }

  /**
   * The deployments chosen by the rules (base and layers in applied order) even when the device
   * keeps what it has; empty when no base targets it.
   */
  public List<String> chosenNames() {
    if (base == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>(layers.size() + 1);
    names.add(base.name());
    layers.forEach(layer -> names.add(layer.name()));
    return names;
  }

  /** The invalid deployment that froze the device, or null. */
  public String frozenBy() {
    return frozenBy;
  }

  /**
   * The base of the device's configuration after this decision: the chosen base when applied, the
   * current base when frozen, null when unmanaged.
   */
  public String baseName() {
    return switch (outcome) {
      case APPLY -> base.name();
      case KEEP_FROZEN, KEEP_WAITING -> device.current().base();
      case KEEP_PARAMETER_ERROR -> device.current() == null ? null : device.current().base();
      case KEEP_UNMANAGED -> null;
    };
  }

  /** The layers after this decision, in applied order (empty when unmanaged). */
  public List<String> layerNames() {
    return switch (outcome) {
      case APPLY -> layers.stream().map(PreparedDeployment::name).toList();
      case KEEP_FROZEN, KEEP_WAITING -> device.current().layers();
      case KEEP_PARAMETER_ERROR -> device.current() == null ? List.of() : device.current().layers();
      case KEEP_UNMANAGED -> List.of();
    };
  }

  /**
   * Whether {@code deployment} is part of the configuration after this decision. A deployment whose
   * placeholder could not be filled in is not, even if the configuration the device keeps has it.
   */
  public boolean applies(String deployment) {
    return switch (outcome) {
      case APPLY -> configuration.includes(deployment);
      case KEEP_FROZEN, KEEP_WAITING -> device.current().includes(deployment);
      case KEEP_PARAMETER_ERROR ->
          device.current() != null
              && device.current().includes(deployment)
              && !parameterErrorIn(deployment);
      case KEEP_UNMANAGED -> false;
    };
  }

  /**
   * The desired version of the configuration the device should run: the resolved one when applied,
   * otherwise what it has (null if it never had one).
   */
  public String desiredVersion() {
    if (outcome == Outcome.APPLY) {
      return configuration.desiredVersion();
    }
    CurrentConfiguration current = device.current();
    return current == null ? null : current.desiredVersion();
  }

  /**
   * Whether the device runs what this decision gives it, from what its agent reports (assuming the
   * decided configuration is written; a refused write is {@link Sync#undelivered}).
   */
  public Sync sync() {
    return switch (outcome) {
      case APPLY -> Sync.ofDelivered(desiredVersion(), AgentReport.of(device.reported()));
      case KEEP_FROZEN -> Sync.frozen(frozenBy, desiredVersion());
      case KEEP_WAITING -> Sync.waiting(waitingFor, placeInLine, desiredVersion());
      case KEEP_UNMANAGED -> Sync.notManaged(desiredVersion());
      case KEEP_PARAMETER_ERROR ->
          Sync.undelivered(
              "ParameterUnresolved",
              parameterErrors.stream()
                      .map(ParameterError::message)
                      .reduce((a, b) -> a + "; " + b)
                      .orElse("a placeholder has no value on this device")
                  + "; the device keeps its configuration");
    };
  }

  /** What the target condition of {@code deployment} gave for this device, or null if unknown. */
  public Truth match(String deployment) {
    for (int i = 0; i < deployments.size(); i++) {
      if (deployments.get(i).name().equals(deployment)) {
        return matches[i];
      }
    }
    return null;
  }

  /** What the condition of the set's {@code index}-th deployment (by name) gave; for tallies. */
  Truth matchAt(int index) {
    return matches[index];
  }

  /** The names of the deployments whose target condition is true for this device. */
  public List<String> targetedBy() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < deployments.size(); i++) {
      if (matches[i] == Truth.TRUE) {
        names.add(deployments.get(i).name());
      }
    }
    return names;
  }

  /** Every deployment of the namespace, by name, with how it was considered. */
  public List<Consideration> considered() {
    List<Consideration> all = new ArrayList<>(deployments.size());
    for (int i = 0; i < deployments.size(); i++) {
      all.add(consider(deployments.get(i), matches[i]));
    }
    return all;
  }

  /**
   * The deployments worth keeping in the device's status: those that target it, those its
   * configuration includes, and the invalid deployment that froze it.
   */
  public List<Consideration> relevant() {
    List<Consideration> relevant = new ArrayList<>();
    for (int i = 0; i < deployments.size(); i++) {
      PreparedDeployment deployment = deployments.get(i);
      if (matches[i] == Truth.TRUE
          || applies(deployment.name())
          || deployment.name().equals(frozenBy)) {
        relevant.add(consider(deployment, matches[i]));
      }
    }
    return relevant;
  }

  private Consideration consider(PreparedDeployment deployment, Truth matched) {
    boolean applied = applies(deployment.name());
    String reason = ConsiderationReasons.reason(this, deployment, matched, applied, base);
    return new Consideration(
        deployment.name(),
        deployment.layered(),
        deployment.priority(),
        deployment.valid(),
        matched,
        applied,
        reason,
        parameterErrorText(deployment.name()));
  }
}

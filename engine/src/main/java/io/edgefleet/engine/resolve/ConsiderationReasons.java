package io.edgefleet.engine.resolve;

import io.edgefleet.engine.query.Truth;
import java.util.Objects;

/** Words for why a deployment was or was not applied to a device. */
final class ConsiderationReasons {

  private ConsiderationReasons() {}

  /**
   * @param chosenBase the base chosen by the rules (even when the device is frozen), or null
   */
  static String reason(
      DeviceDecision decision,
      PreparedDeployment deployment,
      Truth matched,
      boolean applied,
      PreparedDeployment chosenBase) {
    if (!deployment.valid()) {
      String text =
          "deployment invalid ("
              + deployment.validity().reason()
              + "): "
              + deployment.validity().message();
      return deployment.name().equals(decision.frozenBy())
          ? text + "; the device keeps the configuration it had until it is fixed or deleted"
          : text;
    }
    if (decision.outcome() == Outcome.KEEP_FROZEN) {
      String frozen =
          "configuration frozen while deployment " + decision.frozenBy() + " is invalid";
      return applied
          ? "kept: " + frozen
          : ruleReason(deployment, matched, chosenBase) + " (" + frozen + ")";
    }
    if (decision.outcome() == Outcome.KEEP_WAITING) {
      String place =
          decision.placeInLine() == null ? "" : " (place " + decision.placeInLine() + " in line)";
      String waiting = "waiting for the rollout of deployment " + decision.waitingFor() + place;
      return applied
          ? "kept: " + waiting
          : ruleReason(deployment, matched, chosenBase) + " (" + waiting + ")";
    }
    if (decision.outcome() == Outcome.KEEP_PARAMETER_ERROR) {
      String errors = decision.parameterErrorText(deployment.name());
      if (errors != null) {
        return "not applied: " + errors + "; the device keeps the configuration it has";
      }
      String kept =
          "configuration kept: a placeholder of "
              + String.join(
                  ", ",
                  decision.parameterErrors().stream()
                      .map(ParameterError::deployment)
                      .distinct()
                      .toList())
              + " has no usable value on this device";
      return applied
          ? "kept: " + kept
          : ruleReason(deployment, matched, chosenBase) + " (" + kept + ")";
    }
    return ruleReason(deployment, matched, chosenBase);
  }

  private static String ruleReason(
      PreparedDeployment deployment, Truth matched, PreparedDeployment base) {
    if (matched == Truth.FALSE) {
      return "target condition false";
    }
    if (matched != Truth.TRUE) {
      return "target condition undefined (it reads a property the device does not have, or"
          + " compares values of different types)";
    }
    if (!deployment.layered()) {
      if (deployment == base) {
        return "base";
      }
      if (deployment.priority() < base.priority()) {
        return "lower priority than base " + base.name();
      }
      if (!Objects.equals(deployment.createdAt(), base.createdAt())) {
        return "same priority as base " + base.name() + ", which was created more recently";
      }
      return "same priority and creation time as base " + base.name() + ", whose name sorts later";
    }
    if (base == null) {
      return "no base deployment";
    }
    if (deployment.priority() <= base.priority()) {
      return "layered at or below base priority (base "
          + base.name()
          + " has priority "
          + base.priority()
          + ")";
    }
    return "layer";
  }
}

package io.edgefleet.cli.demo;

import io.edgefleet.cli.SandboxAdmission;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.Consumer;

/**
 * One scenario of the walkthrough: a change, the devices to show before and after, and what must
 * hold once the fleet has converged.
 *
 * @param title what the scenario shows
 * @param change the change, in words
 * @param devices the devices to show
 * @param action makes the change
 * @param expectation what must hold afterwards
 */
record Step(
    String title, String change, List<String> devices, Action action, Expectation expectation) {

  /** Makes a step's change; returns what the change printed (e.g. kubectl's answer), or null. */
  @FunctionalInterface
  interface Action {
    String run(KubernetesClient client, SandboxAdmission admission);
  }

  /** A step whose change prints nothing. */
  Step(
      String title,
      String change,
      List<String> devices,
      Consumer<KubernetesClient> action,
      Expectation expectation) {
    this(
        title,
        change,
        devices,
        (client, admission) -> {
          action.accept(client);
          return null;
        },
        expectation);
  }

  /** What must hold after a step; returns what does not hold yet (empty when all does). */
  @FunctionalInterface
  interface Expectation {
    List<String> unmet(FleetSnapshot before, FleetSnapshot now);
  }
}

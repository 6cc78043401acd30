package io.edgefleet.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Small building blocks for the walkthrough's expectations. */
final class Expect {

  private final FleetSnapshot before;
  private final FleetSnapshot now;
  private final List<String> unmet = new ArrayList<>();

  private Expect(FleetSnapshot before, FleetSnapshot now) {
    this.before = before;
    this.now = now;
  }

  static Expect of(FleetSnapshot before, FleetSnapshot now) {
    return new Expect(before, now);
  }

  List<String> unmet() {
    return unmet;
  }

  /**
   * A deployment manages the device, it runs {@code base} with exactly {@code layers}, and its
   * agent reports success.
   */
  Expect runs(String device, String base, String... layers) {
    FleetSnapshot.Device d = now.device(device);
    if (!d.managed() || !Objects.equals(d.base(), base) || !d.layers().equals(List.of(layers))) {
      unmet.add(device + " should run " + describe(base, layers) + ", runs " + d.composition());
    } else {
      agentSettled(d);
    }
    return this;
  }

  /**
   * The device's agent reports its desired version: with 200, or, when {@code --fail-image} makes
   * one of its modules fail, with a failure (the outcome that flag asks for).
   */
  private void agentSettled(FleetSnapshot.Device d) {
    if (d.intendedFailure() != null) {
      if (d.reportsSuccess()) {
        unmet.add(
            "device "
                + d.name()
                + " reported 200 for version "
                + d.desiredVersion()
                + ", but should fail: "
                + d.intendedFailure());
      } else if (!d.reportsFailure()) {
        unmet.add(d.name() + ": its agent has not reported version " + d.desiredVersion() + " yet");
      }
    } else if (d.reportsFailure()) {
      unmet.add(d.failure());
    } else if (!d.reportsSuccess()) {
      unmet.add(d.name() + ": its agent has not reported version " + d.desiredVersion() + " yet");
    }
  }

  /** The device's configuration holds the module. */
  Expect hasModule(String device, String module) {
    if (!now.device(device).modules().contains(module)) {
      unmet.add(device + " should run module " + module + ", runs " + now.device(device).modules());
    }
    return this;
  }

  /** The device's manifest holds {@code expected} (as text) at the JSON pointer {@code at}. */
  Expect manifestValue(String device, String at, String expected) {
    JsonNode manifest = now.device(device).manifest();
    String actual = manifest == null ? null : manifest.at(at).asText(null);
    if (!expected.equals(actual)) {
      unmet.add(device + " should have " + at + " = " + expected + ", has " + actual);
    }
    return this;
  }

  /** The device's configuration holds no custom module. */
  Expect noModules(String device) {
    if (!now.device(device).modules().isEmpty()) {
      unmet.add(device + " should run no custom modules, runs " + now.device(device).modules());
    }
    return this;
  }

  /** The device's ConfigMap is exactly as before the step (same resourceVersion). */
  Expect untouched(String device) {
    String was = before.device(device).configMapVersion();
    String is = now.device(device).configMapVersion();
    if (!Objects.equals(was, is)) {
      unmet.add(device + "'s ConfigMap changed (resourceVersion " + was + " -> " + is + ")");
    }
    return this;
  }

  /** The device is not managed any more and keeps what it had. */
  Expect sticky(String device) {
    FleetSnapshot.Device d = now.device(device);
    if (d.managed() || !"NotManaged".equals(d.readyReason())) {
      unmet.add(device + " should be unmanaged (NotManaged), is " + d.readyReason());
    }
    return untouched(device);
  }

  /** The device is frozen by an invalid deployment and keeps what it had. */
  Expect frozen(String device) {
    if (!"FrozenByInvalidDeployment".equals(now.device(device).readyReason())) {
      unmet.add(device + " should be frozen, is " + now.device(device).readyReason());
    }
    return untouched(device);
  }

  /** The deployment's Ready condition has this status and reason. */
  Expect ready(String deployment, String status, String reason) {
    FleetSnapshot.Deployment d = now.deployment(deployment);
    if (d == null || !status.equals(d.ready()) || !reason.equals(d.readyReason())) {
      unmet.add(
          deployment
              + " should be Ready="
              + status
              + " ("
              + reason
              + "), is "
              + (d == null ? "absent" : d.ready() + " (" + d.readyReason() + ")"));
    }
    return this;
  }

  /**
   * Exactly {@code count} of {@code devices} hold {@code image} in their configuration; the others'
   * ConfigMaps are untouched.
   */
  Expect holdImage(String image, int count, List<String> devices) {
    List<String> holding =
        devices.stream()
            .filter(d -> now.device(d).manifest() != null)
            .filter(d -> now.device(d).manifest().toString().contains(image))
            .toList();
    if (holding.size() != count) {
      unmet.add(count + " of " + devices + " should hold " + image + ", " + holding + " do");
      return this;
    }
    devices.stream().filter(d -> !holding.contains(d)).forEach(this::untouched);
    return this;
  }

  /**
   * None of {@code devices} holds {@code image}, and each one's agent reports success (or the
   * failure {@code --fail-image} asks for).
   */
  Expect noneHolds(String image, List<String> devices) {
    for (String device : devices) {
      FleetSnapshot.Device d = now.device(device);
      if (d.manifest() != null && d.manifest().toString().contains(image)) {
        unmet.add(device + " still holds " + image);
      } else {
        agentSettled(d);
      }
    }
    return this;
  }

  /**
   * The deployment's rollout of its previous content is Complete and none of {@code devices} holds
   * {@code image}; or, with {@code --fail-image}, that rollout halted because devices failed as the
   * flag asks (every device that reports failure either fails as the flag asks or still holds
   * {@code image}, which the halt left in place): the outcome of the flag, not a problem.
   */
  Expect undone(String deployment, String image, List<String> devices) {
    FleetSnapshot.Deployment d = now.deployment(deployment);
    if (d != null && "Halted".equals(d.rolloutPhase())) {
      List<FleetSnapshot.Device> failing =
          devices.stream().map(now::device).filter(FleetSnapshot.Device::reportsFailure).toList();
      boolean intended = failing.stream().anyMatch(f -> f.intendedFailure() != null);
      boolean explained =
          failing.stream()
              .allMatch(
                  f ->
                      f.intendedFailure() != null
                          || (f.manifest() != null && f.manifest().toString().contains(image)));
      if (intended && explained) {
        return this;
      }
    }
    return rollout(deployment, "Complete").noneHolds(image, devices);
  }

  /** The deployment's rollout is in {@code phase} (status.rollout.phase). */
  Expect rollout(String deployment, String phase) {
    FleetSnapshot.Deployment d = now.deployment(deployment);
    if (d == null || !phase.equals(d.rolloutPhase())) {
      unmet.add(
          deployment
              + "'s rollout should be "
              + phase
              + ", is "
              + (d == null ? "absent" : d.rolloutPhase()));
    }
    return this;
  }

  /** The deployment is gone. */
  Expect gone(String deployment) {
    if (now.deployment(deployment) != null) {
      unmet.add(deployment + " should be deleted");
    }
    return this;
  }

  private static String describe(String base, String... layers) {
    return layers.length == 0 ? base : base + " + " + String.join(", ", layers);
  }
}

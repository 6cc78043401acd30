package io.edgefleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.api.v1alpha1.RolloutFailurePolicy;
import io.edgefleet.api.v1alpha1.RolloutSpec;
import io.edgefleet.api.v1alpha1.RolloutStatus;
import io.edgefleet.engine.rollout.Revisions;
import io.edgefleet.operator.support.Fleet;
import io.edgefleet.operator.support.SimulatedAgents;
import io.edgefleet.operator.support.TestOperators;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Rollouts end to end on the mock API server, with simulated agents that answer only when told to
 * (so that waves are counted, never timed).
 */
// operators and watches run for their effect within try blocks that need not name them
@SuppressWarnings("try")
@EnableKubernetesMockClient(crud = true)
class RolloutTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;

  private static final Duration STILL = Duration.ofMillis(1500);

  /** Generous: a loaded 2-core machine writes 200 objects slowly; waves are counted, not timed. */
  private static void eventually(org.awaitility.core.ThrowingRunnable assertion) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .untilAsserted(assertion);
  }

  private static RolloutSpec rollout(String maxConcurrency, int maxFailures) {
    RolloutSpec rollout = new RolloutSpec();
    rollout.setMaxConcurrency(new IntOrString(maxConcurrency));
    rollout.setMaxFailures(new IntOrString(maxFailures));
    return rollout;
  }

  /** A namespace of {@code count} devices converged on app:1 of "prod", all reporting 200. */
  private static Fleet converged(String namespace, int count, RolloutSpec rollout) {
    Fleet fleet = new Fleet(client, namespace);
    for (int i = 0; i < count; i++) {
      fleet.create(Fixtures.device("", String.format("dev-%03d", i)));
    }
    fleet.create(Fixtures.deployment("", "prod").module("app", "app:1").rollout(rollout).build());
    SimulatedAgents agents = new SimulatedAgents(client, fleet);
    eventually(() -> assertThat(agents.holding("app:1")).isEqualTo(count));
    agents.respond();
    eventually(
        () ->
            assertThat(fleet.deployment("prod").getStatus().getReportedSuccessfulCount())
                .isEqualTo((long) count));
    return fleet;
  }

  private static void setImage(Fleet fleet, String image) {
    fleet.edit(
        "prod",
        d -> {
          d.getSpec().getModules().get("app").setImage(image);
          return d;
        });
  }

  private static RolloutStatus rolloutStatus(Fleet fleet) {
    return fleet.deployment("prod").getStatus().getRollout();
  }

  /** Holds while the number of ConfigMaps with {@code text} stays {@code count} for a while. */
  private static void staysAt(SimulatedAgents agents, String text, long count) {
    eventually(() -> assertThat(agents.holding(text)).isEqualTo(count));
    await().during(STILL).atMost(STILL.plusSeconds(60)).until(() -> agents.holding(text) == count);
  }

  @Test
  void tenPercentNeverHasMoreThanTwentyUnhealthyAdmittedDevices() {
    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      Fleet fleet = converged("waves", 200, rollout("10%", 1));
      SimulatedAgents agents = new SimulatedAgents(client, fleet);
      String newRevision;
      Map<String, EdgeDevice> latest = new ConcurrentHashMap<>();
      AtomicLong maxUnhealthy = new AtomicLong();
      AtomicLong samples = new AtomicLong();
      setImage(fleet, "app:2");
      newRevision = Revisions.hash(fleet.deployment("prod").getSpec());
      String revision = newRevision;
      try (Watch watch =
          client
              .resources(EdgeDevice.class)
              .inNamespace("waves")
              .watch(
                  new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, EdgeDevice device) {
                      latest.put(device.getMetadata().getName(), device);
                      long unhealthy =
                          latest.values().stream().filter(d -> unhealthyOn(d, revision)).count();
                      maxUnhealthy.accumulateAndGet(unhealthy, Math::max);
                      samples.incrementAndGet();
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                  })) {
        for (int wave = 1; wave <= 10; wave++) {
          staysAt(agents, "app:2", 20L * wave);
          assertThat(rolloutStatus(fleet).getPhase()).isEqualTo(RolloutStatus.PROGRESSING);
          agents.respond();
        }
        eventually(
            () -> assertThat(rolloutStatus(fleet).getPhase()).isEqualTo(RolloutStatus.COMPLETE));
      }
      assertThat(maxUnhealthy.get()).isEqualTo(20);
      assertThat(samples.get()).isGreaterThan(400);
      var status = fleet.deployment("prod").getStatus();
      assertThat(status.getCurrentRevision()).isEqualTo(status.getUpdateRevision());
      assertThat(status.getRevisions()).hasSize(2);
      assertThat(status.getRevisions().get(0).getDevices()).isEqualTo(200L);
      assertThat(status.getRevisions().get(0).getRevision()).isEqualTo(2L);
      ControllerRevision stored =
          client
              .apps()
              .controllerRevisions()
              .inNamespace("waves")
              .withName(status.getUpdateRevision())
              .get();
      assertThat(stored.getMetadata().getOwnerReferences().get(0).getName()).isEqualTo("prod");
      assertThat(stored.getRevision()).isEqualTo(2L);
    }
  }

  private static boolean unhealthyOn(EdgeDevice device, String revision) {
    EdgeDeviceStatus status = device.getStatus();
    if (status == null
        || status.getRevisions() == null
        || !revision.equals(status.getRevisions().get("prod"))) {
      return false;
    }
    var reported = status.getReported();
    if (reported == null || reported.get("lastDesiredVersion") == null) {
      return true;
    }
    return !reported.get("lastDesiredVersion").asText().equals(status.getDesiredVersion())
        || reported.get("lastDesiredStatus").path("code").asInt() != 200;
  }

  @Test
  void aFailingImageHaltsAtMaxFailuresWithExactlyTheAdmittedDevicesTouched() {
    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      Fleet fleet = converged("halt", 200, rollout("10%", 1));
      SimulatedAgents agents = new SimulatedAgents(client, fleet);
      Map<String, String> versions = configMapVersions(fleet);
      setImage(fleet, "broken:2");
      staysAt(agents, "broken:2", 20);
      agents.respond();
      eventually(
          () -> {
            RolloutStatus status = rolloutStatus(fleet);
            assertThat(status.getPhase()).isEqualTo(RolloutStatus.HALTED);
            assertThat(status.getFailed()).isEqualTo(20L);
            assertThat(status.getWaiting()).isEqualTo(180L);
          });
      staysAt(agents, "broken:2", 20);
      Map<String, String> after = configMapVersions(fleet);
      long touched =
          versions.keySet().stream().filter(d -> !versions.get(d).equals(after.get(d))).count();
      assertThat(touched).isEqualTo(20);
      var progressing =
          fleet.deployment("prod").getStatus().getConditions().stream()
              .filter(c -> c.getType().equals("Progressing"))
              .findFirst()
              .orElseThrow();
      assertThat(progressing.getStatus()).isEqualTo("False");
      assertThat(progressing.getReason()).isEqualTo("RolloutHalted");
      EdgeDevice waiting =
          fleet.device(
              versions.keySet().stream()
                  .filter(d -> versions.get(d).equals(after.get(d)))
                  .findFirst()
                  .orElseThrow());
      assertThat(waiting.getStatus().getRollout().getWaitingFor()).isEqualTo("prod");
      assertThat(waiting.getStatus().getConditions().get(0).getReason())
          .isEqualTo("WaitingForRollout");
    }
  }

  private static Map<String, String> configMapVersions(Fleet fleet) {
    Map<String, String> versions = new ConcurrentHashMap<>();
    for (int i = 0; i < 200; i++) {
      String device = String.format("dev-%03d", i);
      versions.put(device, fleet.configMap(device).getMetadata().getResourceVersion());
    }
    return versions;
  }

  @Test
  void rollbackRestoresThePreviousVersionOnTheAdmittedDevices() {
    RolloutSpec spec = rollout("5", 1);
    spec.setOnFailure(RolloutFailurePolicy.Rollback);
    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      Fleet fleet = converged("rollback", 30, spec);
      SimulatedAgents agents = new SimulatedAgents(client, fleet);
      setImage(fleet, "broken:2");
      staysAt(agents, "broken:2", 5);
      agents.respond();
      eventually(
          () -> {
            assertThat(rolloutStatus(fleet).getPhase()).isEqualTo(RolloutStatus.HALTED);
            assertThat(agents.holding("broken:2")).isZero();
            assertThat(agents.holding("app:1")).isEqualTo(30);
          });
      staysAt(agents, "app:1", 30);
    }
  }

  @Test
  void aRestartedOperatorResumesWhereItWas() {
    Fleet fleet;
    SimulatedAgents agents;
    try (EdgeFleetOperator first = TestOperators.started(client)) {
      fleet = converged("restart-rollout", 40, rollout("25%", 1));
      agents = new SimulatedAgents(client, fleet);
      setImage(fleet, "app:2");
      staysAt(agents, "app:2", 10);
    }
    try (EdgeFleetOperator second = TestOperators.started(client)) {
      staysAt(agents, "app:2", 10);
      for (int wave = 2; wave <= 4; wave++) {
        agents.respond();
        staysAt(agents, "app:2", 10L * wave);
      }
      agents.respond();
      eventually(
          () -> assertThat(rolloutStatus(fleet).getPhase()).isEqualTo(RolloutStatus.COMPLETE));
    }
  }

  @Test
  void theResumeAnnotationResumesTheHaltItNames() {
    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      Fleet fleet = converged("resume", 30, rollout("5", 1));
      SimulatedAgents agents = new SimulatedAgents(client, fleet);
      setImage(fleet, "app:2");
      staysAt(agents, "app:2", 5);
      String failing =
          fleet.devices().stream()
              .map(d -> d.getMetadata().getName())
              .filter(d -> fleet.manifest(d).contains("app:2"))
              .findFirst()
              .orElseThrow();
      String version = fleet.configMap(failing).getData().get(GeneratedObjects.DESIRED_VERSION_KEY);
      fleet.report(
          failing,
          "{\"lastDesiredVersion\":\"" + version + "\",\"lastDesiredStatus\":{\"code\":500}}");
      eventually(() -> assertThat(rolloutStatus(fleet).getPhase()).isEqualTo(RolloutStatus.HALTED));
      agents.respond();
      staysAt(agents, "app:2", 5);
      String haltedAt = rolloutStatus(fleet).getHaltedAt();
      assertThat(rolloutStatus(fleet).getPhase()).isEqualTo(RolloutStatus.HALTED);
      // an annotation naming another halt resumes nothing
      annotateResume(fleet, "2000-01-01T00:00:00Z");
      staysAt(agents, "app:2", 5);
      annotateResume(fleet, haltedAt);
      eventually(
          () -> {
            assertThat(rolloutStatus(fleet).getPhase()).isEqualTo(RolloutStatus.PROGRESSING);
            assertThat(rolloutStatus(fleet).getAcceptedFailures()).isEqualTo(1L);
          });
      // the failed device still counts against maxConcurrency: 4 more, not 5
      staysAt(agents, "app:2", 9);
      agents.respond();
      // 8 healthy, the failed one still unhealthy: 4 slots again
      staysAt(agents, "app:2", 13);
    }
  }

  private static void annotateResume(Fleet fleet, String haltedAt) {
    fleet.edit(
        "prod",
        d -> {
          Map<String, String> annotations = new java.util.HashMap<>();
          if (d.getMetadata().getAnnotations() != null) {
            annotations.putAll(d.getMetadata().getAnnotations());
          }
          annotations.put(RolloutSpec.RESUME_ANNOTATION, haltedAt);
          d.getMetadata().setAnnotations(annotations);
          return d;
        });
  }

  @Test
  void pausedAdmitsNobody() {
    RolloutSpec paused = rollout("50%", 1);
    paused.setPaused(true);
    try (EdgeFleetOperator operator = TestOperators.started(client)) {
      Fleet fleet = converged("paused", 10, paused);
      SimulatedAgents agents = new SimulatedAgents(client, fleet);
      setImage(fleet, "app:2");
      eventually(() -> assertThat(rolloutStatus(fleet).getPhase()).isEqualTo(RolloutStatus.PAUSED));
      staysAt(agents, "app:2", 0);
      fleet.edit(
          "prod",
          d -> {
            d.getSpec().getRollout().setPaused(false);
            return d;
          });
      staysAt(agents, "app:2", 5);
    }
  }
}

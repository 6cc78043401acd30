package io.edgefleet.operator.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.operator.events.EventRecorder;
import io.edgefleet.operator.events.UnreadableObjects;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.operator.fleet.DeviceCaches;
import io.edgefleet.operator.fleet.FleetView;
import io.edgefleet.operator.metrics.OperatorMetrics;
import io.edgefleet.operator.rollout.DeviceNudges;
import io.edgefleet.operator.rollout.RevisionHistory;
import io.edgefleet.operator.rollout.RolloutBoard;
import io.edgefleet.operator.rollout.RolloutCoordinator;
import io.edgefleet.operator.status.Conditions;
import io.edgefleet.operator.status.StatusPatcher;
import io.edgefleet.operator.support.ApiServerCache;
import io.edgefleet.operator.support.RecordingStatusWriter;
import io.edgefleet.operator.support.TestContext;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.ManualScheduler;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The deployment reconciler called directly against the API server (the mock in CRUD mode): the
 * status one call writes from the devices it counts, and that a call with nothing new writes
 * nothing. The fleet view reads through to the API server.
 */
@EnableKubernetesMockClient(crud = true)
class EdgeDeploymentReconcilerTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;

  private final ManualScheduler time = new ManualScheduler();
  private EventRecorder events;
  private RecordingStatusWriter statusWrites;
  private EdgeDeploymentReconciler reconciler;
  private String namespace;

  @BeforeEach
  void reconciler(TestInfo test) {
    namespace = test.getTestMethod().orElseThrow().getName().toLowerCase();
    time.advance(Duration.ofDays(1));
    OperatorMetrics metrics = new OperatorMetrics(new SimpleMeterRegistry());
    events = new EventRecorder(client, time.clock(), metrics, 100, "test");
    statusWrites = new RecordingStatusWriter(new StatusPatcher(client, metrics));
    FleetView fleet = new FleetView();
    fleet.bind(
        new DeviceCaches(
            new ApiServerCache<>(client, EdgeDevice.class),
            new ApiServerCache<>(client, EdgeDeployment.class),
            CompletableFuture.completedFuture(null),
            () -> true));
    NamespaceCounts counts = new NamespaceCounts(fleet);
    RolloutBoard board = new RolloutBoard();
    DeviceNudges nudges = new DeviceNudges();
    RevisionHistory revisions = new RevisionHistory(client);
    reconciler =
        new EdgeDeploymentReconciler(
            new DeploymentCatalog(),
            counts,
            fleet,
            new StatusRecomputeTrigger(Duration.ofSeconds(2), counts, fleet, Duration.ofSeconds(5)),
            statusWrites,
            events,
            new UnreadableObjects(events, metrics),
            metrics,
            time.clock(),
            revisions,
            new RolloutCoordinator(fleet, revisions, board, nudges));
  }

  @AfterEach
  void stopEvents() {
    events.close();
  }

  private EdgeDeployment deployment(String name) {
    return client.resources(EdgeDeployment.class).inNamespace(namespace).withName(name).get();
  }

  private UpdateControl<EdgeDeployment> reconcile(String name) {
    EdgeDeployment current = deployment(name);
    return reconciler.reconcile(current, TestContext.of(client, current));
  }

  /** A device whose status says it runs {@code base}, reported by its agent with 200 or not. */
  private void device(String name, String base, boolean reportedOk) {
    EdgeDevice device = client.resource(Fixtures.device(namespace, name, "room", "r1")).create();
    EdgeDeviceStatus status = new EdgeDeviceStatus();
    status.setManaged(true);
    status.setBaseDeployment(base);
    status.setDesiredVersion("0123456789abcdef");
    if (reportedOk) {
      status.setReported(
          Map.of(
              "lastDesiredVersion",
              JsonNodeFactory.instance.textNode("0123456789abcdef"),
              "lastDesiredStatus",
              JsonNodeFactory.instance.objectNode().put("code", 200)));
    }
    device.setStatus(status);
    client.resource(device).updateStatus();
  }

  private static Condition condition(EdgeDeploymentStatus status, String type) {
    return Conditions.find(status.getConditions(), type);
  }

  @Test
  void oneReconcileWritesTheCountsAndConditions() {
    client.resource(Fixtures.deployment(namespace, "base").module("m", "img:1").build()).create();
    device("d1", "base", true);
    device("d2", "base", false);
    Instant now = time.clock().instant();

    UpdateControl<EdgeDeployment> control = reconcile("base");

    assertThat(control.isNoUpdate()).isTrue();
    assertThat(statusWrites.writes()).extracting(w -> w.name()).containsExactly("base");
    EdgeDeploymentStatus status = deployment("base").getStatus();
    assertThat(status.getTargetedCount()).isEqualTo(2);
    assertThat(status.getAppliedCount()).isEqualTo(2);
    assertThat(status.getReportedSuccessfulCount()).isEqualTo(1);
    assertThat(status.getPendingCount()).isEqualTo(1);
    assertThat(status.getDevicesBehind()).extracting(d -> d.getName()).containsExactly("d2");
    Condition ready = condition(status, Conditions.READY);
    assertThat(ready.getStatus()).isEqualTo(Condition.TRUE);
    assertThat(ready.getReason()).isEqualTo("Valid");
    assertThat(ready.getLastTransitionTime()).isEqualTo(now.toString());
    assertThat(condition(status, Conditions.TARGETS_DEVICES).getReason())
        .isEqualTo("DevicesTargeted");
    assertThat(status.getObservedGeneration())
        .isEqualTo(deployment("base").getMetadata().getGeneration());
    assertThat(status.getCurrentRevision()).isEqualTo(status.getUpdateRevision()).isNotNull();
  }

  @Test
  void reconcilingWithNothingNewWritesNothing() {
    client.resource(Fixtures.deployment(namespace, "base").module("m", "img:1").build()).create();
    device("d1", "base", true);
    reconcile("base");
    String version = deployment("base").getMetadata().getResourceVersion();
    time.advance(Duration.ofMinutes(5));

    UpdateControl<EdgeDeployment> control = reconcile("base");

    assertThat(control.isNoUpdate()).isTrue();
    assertThat(control.getScheduleDelay()).as("no rollout: nothing to check later").isEmpty();
    assertThat(statusWrites.writes()).hasSize(1);
    assertThat(deployment("base").getMetadata().getResourceVersion()).isEqualTo(version);
  }

  @Test
  void anInvalidSpecGivesReadyFalseAndKeepsTheTimeWhileItStaysInvalid() {
    client
        .resource(
            Fixtures.deployment(namespace, "base")
                .target("tags.room = ")
                .module("m", "img:1")
                .build())
        .create();
    device("d1", "base", true);
    Instant broken = time.clock().instant();

    reconcile("base");
    time.advance(Duration.ofMinutes(5));
    client
        .resources(EdgeDeployment.class)
        .inNamespace(namespace)
        .withName("base")
        .edit(
            d -> {
              d.getSpec().setTargetCondition("tags.room = = 'r1'");
              return d;
            });
    reconcile("base");

    EdgeDeploymentStatus status = deployment("base").getStatus();
    Condition ready = condition(status, Conditions.READY);
    assertThat(ready.getStatus()).isEqualTo(Condition.FALSE);
    assertThat(ready.getReason()).isEqualTo("InvalidTargetCondition");
    assertThat(ready.getLastTransitionTime()).as("still False").isEqualTo(broken.toString());
    assertThat(ready.getObservedGeneration()).isEqualTo(2L);
    assertThat(condition(status, Conditions.TARGETS_DEVICES).getReason()).isEqualTo("NotEvaluated");
    assertThat(statusWrites.writes()).as("the new generation is written").hasSize(2);
  }

  @Test
  void aDeletedDeploymentIsForgottenWithoutAWrite() {
    client.resource(Fixtures.deployment(namespace, "base").module("m", "img:1").build()).create();
    EdgeDeployment deployment = deployment("base");

    UpdateControl<EdgeDeployment> control =
        reconciler.reconcile(deployment, TestContext.deleted(client, deployment));

    assertThat(control.isNoUpdate()).isTrue();
    assertThat(statusWrites.writes()).isEmpty();
  }
}

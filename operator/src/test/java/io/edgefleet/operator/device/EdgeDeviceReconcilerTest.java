package io.edgefleet.operator.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.Condition;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.operator.events.EventRecorder;
import io.edgefleet.operator.events.UnreadableObjects;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.operator.fleet.DeviceCaches;
import io.edgefleet.operator.metrics.OperatorMetrics;
import io.edgefleet.operator.rollout.DeviceNudges;
import io.edgefleet.operator.rollout.RolloutBoard;
import io.edgefleet.operator.status.Conditions;
import io.edgefleet.operator.status.StatusPatcher;
import io.edgefleet.operator.support.ApiServerCache;
import io.edgefleet.operator.support.RecordingStatusWriter;
import io.edgefleet.operator.support.TestContext;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.ManualScheduler;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
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
 * The device reconciler called directly, one reconcile at a time, against the API server (the mock
 * in CRUD mode): what one call writes, and that a call with nothing to do writes nothing. Its
 * caches read through to the API server, so each call sees what the last one wrote.
 */
@EnableKubernetesMockClient(crud = true)
class EdgeDeviceReconcilerTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;

  private final ManualScheduler time = new ManualScheduler();
  private EventRecorder events;
  private RecordingStatusWriter statusWrites;
  private EdgeDeviceReconciler reconciler;
  private String namespace;

  @BeforeEach
  void reconciler(TestInfo test) {
    namespace = test.getTestMethod().orElseThrow().getName().toLowerCase();
    time.advance(Duration.ofDays(1));
    OperatorMetrics metrics = new OperatorMetrics(new SimpleMeterRegistry());
    events = new EventRecorder(client, time.clock(), metrics, 100, "test");
    statusWrites = new RecordingStatusWriter(new StatusPatcher(client, metrics));
    reconciler =
        new EdgeDeviceReconciler(
            client,
            new DeploymentCatalog(),
            ns -> {},
            statusWrites,
            events,
            new UnreadableObjects(events, metrics),
            new OwnStatusWrites(),
            metrics,
            time.clock(),
            false,
            new RolloutBoard(),
            new DeviceNudges());
    reconciler.bind(
        new DeviceCaches(
            new ApiServerCache<>(client, EdgeDevice.class),
            new ApiServerCache<>(client, EdgeDeployment.class),
            CompletableFuture.completedFuture(null),
            () -> true),
        new GeneratedObjectWriter(
            client,
            new ApiServerCache<>(client, ConfigMap.class),
            new ApiServerCache<>(client, Secret.class),
            metrics));
  }

  @AfterEach
  void stopEvents() {
    events.close();
  }

  private EdgeDevice device(String name) {
    return client.resources(EdgeDevice.class).inNamespace(namespace).withName(name).get();
  }

  private ConfigMap configMap(String device) {
    return client
        .configMaps()
        .inNamespace(namespace)
        .withName(GeneratedObjects.configMapName(device))
        .get();
  }

  private UpdateControl<EdgeDevice> reconcile(String device) {
    EdgeDevice current = device(device);
    return reconciler.reconcile(current, TestContext.of(client, current));
  }

  private void create(EdgeDeployment deployment, EdgeDevice device) {
    client.resource(deployment).create();
    client.resource(device).create();
  }

  private static Condition condition(EdgeDeviceStatus status, String type) {
    return Conditions.find(status.getConditions(), type);
  }

  @Test
  void oneReconcileWritesTheConfigMapAndTheStatus() {
    create(
        Fixtures.deployment(namespace, "base").module("m", "img:1").build(),
        Fixtures.device(namespace, "d1", "room", "r1"));
    Instant now = time.clock().instant();

    UpdateControl<EdgeDevice> control = reconcile("d1");

    assertThat(control.isNoUpdate()).as("status is written by the reconciler itself").isTrue();
    assertThat(control.getScheduleDelay()).isEmpty();
    assertThat(configMap("d1")).isNotNull();
    assertThat(statusWrites.writes()).extracting(w -> w.name()).containsExactly("d1");
    EdgeDeviceStatus status = device("d1").getStatus();
    assertThat(status.getBaseDeployment()).isEqualTo("base");
    assertThat(status.getConfigMapName()).isEqualTo(configMap("d1").getMetadata().getName());
    Condition ready = condition(status, Conditions.READY);
    assertThat(ready.getStatus()).isEqualTo(Condition.TRUE);
    assertThat(ready.getReason()).isEqualTo("ConfigurationCurrent");
    assertThat(ready.getLastTransitionTime()).isEqualTo(now.toString());
    assertThat(ready.getObservedGeneration()).isEqualTo(device("d1").getMetadata().getGeneration());
  }

  @Test
  void reconcilingAnUnchangedDeviceWritesNothing() {
    create(
        Fixtures.deployment(namespace, "base").module("m", "img:1").build(),
        Fixtures.device(namespace, "d1", "room", "r1"));
    reconcile("d1");
    String configMapVersion = configMap("d1").getMetadata().getResourceVersion();
    EdgeDevice afterFirst = device("d1");
    time.advance(Duration.ofMinutes(5));

    UpdateControl<EdgeDevice> control = reconcile("d1");

    assertThat(control.isNoUpdate()).isTrue();
    assertThat(statusWrites.writes()).as("only the first reconcile wrote status").hasSize(1);
    assertThat(configMap("d1").getMetadata().getResourceVersion()).isEqualTo(configMapVersion);
    assertThat(device("d1").getMetadata().getResourceVersion())
        .isEqualTo(afterFirst.getMetadata().getResourceVersion());
  }

  @Test
  void aBadParameterGivesTheConditionAndLeavesTheConfigMapAlone() {
    create(
        Fixtures.deployment(namespace, "base").module("m", "img:1").build(),
        Fixtures.device(namespace, "d1", "room", "r1"));
    reconcile("d1");
    ConfigMap before = configMap("d1");
    client
        .resources(EdgeDeployment.class)
        .inNamespace(namespace)
        .withName("base")
        .edit(
            d -> {
              d.getSpec().getModules().get("m").setEnv(Map.of("FLOOR", "${tags.floor}"));
              return d;
            });
    time.advance(Duration.ofMinutes(5));
    Instant now = time.clock().instant();

    reconcile("d1");

    Condition ready = condition(device("d1").getStatus(), Conditions.READY);
    assertThat(ready.getStatus()).isEqualTo(Condition.FALSE);
    assertThat(ready.getReason()).isEqualTo(DeviceStatusBuilder.PARAMETER_UNRESOLVED);
    assertThat(ready.getMessage()).contains("${tags.floor}");
    assertThat(ready.getLastTransitionTime()).as("Ready flipped now").isEqualTo(now.toString());
    ConfigMap after = configMap("d1");
    assertThat(after.getMetadata().getResourceVersion())
        .as("the ConfigMap is not written")
        .isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(after.getData()).isEqualTo(before.getData());
    assertThat(statusWrites.writes()).hasSize(2);
  }

  @Test
  void aDeletedDeviceIsForgottenWithoutAWrite() {
    create(
        Fixtures.deployment(namespace, "base").module("m", "img:1").build(),
        Fixtures.device(namespace, "d1", "room", "r1"));
    EdgeDevice device = device("d1");

    UpdateControl<EdgeDevice> control =
        reconciler.reconcile(device, TestContext.deleted(client, device));

    assertThat(control.isNoUpdate()).isTrue();
    assertThat(statusWrites.writes()).isEmpty();
    assertThat(configMap("d1")).isNull();
  }

  @Test
  void whileTheDeploymentsCacheIsNotRunningNothingIsDecided() {
    create(
        Fixtures.deployment(namespace, "base").module("m", "img:1").build(),
        Fixtures.device(namespace, "d1", "room", "r1"));
    DeviceCaches caches = reconciler.caches();
    reconciler.bind(
        new DeviceCaches(caches.devices(), caches.deployments(), caches.synced(), () -> false),
        new GeneratedObjectWriter(
            client,
            new ApiServerCache<>(client, ConfigMap.class),
            new ApiServerCache<>(client, Secret.class),
            new OperatorMetrics(new SimpleMeterRegistry())));

    reconcile("d1");

    assertThat(statusWrites.writes()).isEmpty();
    assertThat(configMap("d1")).isNull();
  }
}

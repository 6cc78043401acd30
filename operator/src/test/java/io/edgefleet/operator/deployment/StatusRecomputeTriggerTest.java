package io.edgefleet.operator.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edgefleet.operator.fleet.DeviceCaches;
import io.edgefleet.operator.fleet.FleetView;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The deployment controller's event source starts only once the device caches are synced. */
class StatusRecomputeTriggerTest {

  private static final Duration INTERVAL = Duration.ofHours(1);

  @Test
  void startsOnlyOnceTheDeviceCachesAreSynced() {
    FleetView fleet = new FleetView();
    CompletableFuture<Void> synced = new CompletableFuture<>();
    fleet.bind(new DeviceCaches(null, null, synced, () -> true));
    StatusRecomputeTrigger trigger =
        new StatusRecomputeTrigger(
            INTERVAL, new NamespaceCounts(fleet), fleet, Duration.ofMinutes(1));
    CompletableFuture<Void> started = CompletableFuture.runAsync(trigger::start);
    try {
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> !started.isDone() && !trigger.isRunning());

      synced.complete(null);

      await().atMost(Duration.ofSeconds(20)).until(started::isDone);
      assertThat(started).isCompleted();
      assertThat(trigger.isRunning()).isTrue();
    } finally {
      synced.complete(null);
      started.join();
      trigger.stop();
    }
  }

  @Test
  void failsToStartWhenTheDeviceCachesNeverSync() {
    FleetView fleet = new FleetView();
    fleet.bind(new DeviceCaches(null, null, new CompletableFuture<>(), () -> true));
    StatusRecomputeTrigger trigger =
        new StatusRecomputeTrigger(
            INTERVAL, new NamespaceCounts(fleet), fleet, Duration.ofMillis(100));

    assertThatThrownBy(trigger::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not sync");
    assertThat(trigger.isRunning()).isFalse();
  }

  @Test
  void anUnboundFleetViewIsAWiringError() {
    FleetView fleet = new FleetView();
    StatusRecomputeTrigger trigger =
        new StatusRecomputeTrigger(
            INTERVAL, new NamespaceCounts(fleet), fleet, Duration.ofMillis(100));

    assertThatThrownBy(trigger::start).hasMessageContaining("not bound");
  }
}

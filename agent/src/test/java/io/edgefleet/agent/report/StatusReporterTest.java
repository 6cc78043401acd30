package io.edgefleet.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.testfixtures.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusReporterTest {

  private final ExecutorService io = Executors.newSingleThreadExecutor();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    io.shutdownNow();
    timer.shutdownNow();
  }

  /** An EdgeDevice's reported properties in memory; fails the first {@code failures} requests. */
  static final class FakeStore implements ReportedStore {
    final List<ObjectNode> patches = new CopyOnWriteArrayList<>();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger failures;
    volatile ObjectNode held;

    FakeStore(ObjectNode held, int failures) {
      this.held = held;
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public ObjectNode read() {
      fail();
      reads.incrementAndGet();
      return held.deepCopy();
    }

    @Override
    public synchronized ObjectNode patch(ObjectNode reportedPatch) {
      fail();
      patches.add(reportedPatch.deepCopy());
      held = MergePatch.apply(held, reportedPatch);
      return held.deepCopy();
    }

    private void fail() {
      if (failures.getAndDecrement() > 0) {
        throw new IllegalStateException("API server unavailable");
      }
    }
  }

  private static ObjectNode doc(String version, int code) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("devicemodel", "4000x");
    doc.put("lastDesiredVersion", version);
    doc.putObject("lastDesiredStatus").put("code", code);
    return doc;
  }

  @Test
  void readsFirstThenSendsOnlyTheDifference() {
    ObjectNode held = doc("v1", 200);
    held.put("firmware", "2.0");
    FakeStore store = new FakeStore(held, 0);
    StatusReporter reporter =
        new StatusReporter(
            "d", store, null, io, timer, Duration.ofSeconds(5), new StatusReporter.Listener() {});
    reporter.update(doc("v2", 200), true);
    await().atMost(Duration.ofSeconds(5)).until(reporter::synced);
    assertThat(store.reads).hasValue(1);
    assertThat(store.patches).hasSize(1);
    assertThat(store.patches.get(0).toString()).isEqualTo("{\"lastDesiredVersion\":\"v2\"}");
    assertThat(store.held.get("firmware").asText()).isEqualTo("2.0");
  }

  @Test
  void sendsNothingWhenTheServerHoldsItAlready() throws Exception {
    FakeStore store = new FakeStore(doc("v1", 200), 0);
    StatusReporter reporter =
        new StatusReporter(
            "d", store, doc("v1", 200), io, timer, Duration.ZERO, new StatusReporter.Listener() {});
    reporter.update(doc("v1", 200), true);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(20))
        .until(() -> reporter.synced() && store.patches.isEmpty() && store.reads.get() == 0);
  }

  @Test
  void retriesAfterApiErrorsWithTheLatestState() {
    FakeStore store = new FakeStore(JsonNodeFactory.instance.objectNode(), 2);
    AtomicInteger failed = new AtomicInteger();
    StatusReporter reporter =
        new StatusReporter(
            "d",
            store,
            null,
            io,
            timer,
            Duration.ZERO,
            new StatusReporter.Listener() {
              @Override
              public void failed(Exception e) {
                failed.incrementAndGet();
              }
            });
    reporter.update(doc("v1", 500), true);
    reporter.update(doc("v2", 200), true);
    await().atMost(Duration.ofSeconds(10)).until(reporter::synced);
    assertThat(failed).hasValue(2);
    assertThat(store.held).isEqualTo(doc("v2", 200));
    assertThat(store.patches).allSatisfy(p -> assertThat(p.toString()).doesNotContain("v1"));
  }

  @Test
  void coalescesModuleChangesWithinTheInterval() {
    FakeStore store = new FakeStore(JsonNodeFactory.instance.objectNode(), 0);
    ManualScheduler manual = new ManualScheduler();
    StatusReporter reporter =
        new StatusReporter(
            "d",
            store,
            JsonNodeFactory.instance.objectNode(),
            io,
            manual,
            manual.clock()::millis,
            Duration.ofSeconds(1),
            new StatusReporter.Listener() {});
    reporter.update(doc("v1", 200), true);
    await().atMost(Duration.ofSeconds(5)).until(() -> store.patches.size() == 1);
    for (int restarts = 1; restarts <= 5; restarts++) {
      ObjectNode doc = doc("v1", 200);
      doc.putObject("modules").putObject("m").put("restartCount", restarts);
      reporter.update(doc, false);
    }
    manual.advance(Duration.ofMillis(999));
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(20))
        .until(() -> store.patches.size() == 1 && !reporter.synced());
    manual.advance(Duration.ofMillis(1));
    await().atMost(Duration.ofSeconds(5)).until(reporter::synced);
    assertThat(store.patches).hasSize(2);
    assertThat(store.held.at("/modules/m/restartCount").asInt()).isEqualTo(5);
  }

  @Test
  void aNewVersionDoesNotWaitForCoalescedModuleChanges() {
    FakeStore store = new FakeStore(JsonNodeFactory.instance.objectNode(), 0);
    StatusReporter reporter =
        new StatusReporter(
            "d",
            store,
            JsonNodeFactory.instance.objectNode(),
            io,
            timer,
            Duration.ofSeconds(30),
            new StatusReporter.Listener() {});
    reporter.update(doc("v1", 200), true);
    await().atMost(Duration.ofSeconds(5)).until(() -> store.patches.size() == 1);
    ObjectNode moduleChange = doc("v1", 200);
    moduleChange.putObject("modules").putObject("m").put("runtimeStatus", "running");
    reporter.update(moduleChange, false);
    ObjectNode next = doc("v2", 500);
    next.putObject("modules").putObject("m").put("runtimeStatus", "backoff");
    reporter.update(next, true);
    await().atMost(Duration.ofSeconds(2)).until(reporter::synced);
    assertThat(store.held).isEqualTo(next);
    assertThat(store.patches).hasSize(2);
  }

  @Test
  void retryDelaysGrowWithJitterUpToHalfAMinute() {
    assertThat(StatusReporter.retryDelay(1)).isBetween(400L, 600L);
    assertThat(StatusReporter.retryDelay(2)).isBetween(800L, 1200L);
    assertThat(StatusReporter.retryDelay(50)).isBetween(24_000L, 36_000L);
  }
}

package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the API server's garbage collector and namespace controller do, in the background: an object
 * whose owners (by {@code ownerReferences} uid) are all gone is deleted, and references to deleted
 * owners are dropped while another owner remains; the objects of a deleted namespace are deleted;
 * events expire after a TTL (kube-apiserver's {@code --event-ttl}, one hour by default).
 *
 * <p>It keeps an index of every stored object (uid, owners), updated from the store's change
 * notifications, so that a deletion costs as much as the number of dependents.
 */
final class GarbageCollector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

  /** An object as the collector sees it. */
  record Ref(
      String uid,
      String apiVersion,
      String kind,
      String namespace,
      String name,
      List<String> owners,
      String timestamp) {

    static Ref of(JsonNode o) {
      JsonNode meta = o.path("metadata");
      List<String> owners = new ArrayList<>();
      for (JsonNode owner : meta.path("ownerReferences")) {
        owners.add(owner.path("uid").asText());
      }
      String timestamp = meta.path("creationTimestamp").asText("");
      for (String f : List.of("lastTimestamp", "deprecatedLastTimestamp", "eventTime")) {
        if (o.path(f).isTextual() && !o.path(f).asText().isEmpty()) {
          timestamp = o.path(f).asText();
          break;
        }
      }
      return new Ref(
          meta.path("uid").asText(),
          o.path("apiVersion").asText(),
          o.path("kind").asText(),
          meta.path("namespace").asText(""),
          meta.path("name").asText(),
          List.copyOf(owners),
          timestamp);
    }

    boolean isEvent() {
      return kind.equals("Event");
    }
  }

  /** How the collector deletes and rewrites objects (through the server's own write path). */
  interface Operations {
    /** Deletes the object, ignoring that it is already gone. */
    void delete(Ref ref);

    /** Drops the owner references to {@code gone} from the object. */
    void removeOwners(Ref ref, Set<String> gone);
  }

  private final Map<String, Ref> objects = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> dependents = new ConcurrentHashMap<>();
  private final ScheduledExecutorService worker;
  private final Operations operations;
  private final Clock clock;
  private final Duration eventTtl;

  GarbageCollector(Operations operations, Clock clock, Duration eventTtl) {
    this.operations = operations;
    this.clock = clock;
    this.eventTtl = eventTtl;
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sandbox-garbage-collector");
              t.setDaemon(true);
              return t;
            });
    long sweep = Math.max(1, Math.min(60, eventTtl.toSeconds() / 4));
    worker.scheduleWithFixedDelay(this::expireEvents, sweep, sweep, TimeUnit.SECONDS);
  }

  /** The store's change notification (called while the store is locked: only indexes). */
  void changed(String before, String after) {
    if (after != null) {
      Ref ref = Ref.of(Json.stored(after));
      Ref old = objects.put(ref.uid(), ref);
      if (old != null) {
        old.owners().forEach(o -> removeDependent(o, ref.uid()));
      }
      ref.owners()
          .forEach(
              o ->
                  dependents.computeIfAbsent(o, k -> ConcurrentHashMap.newKeySet()).add(ref.uid()));
      if (!ref.owners().isEmpty() && ref.owners().stream().noneMatch(objects::containsKey)) {
        worker.execute(() -> collect(ref.uid()));
      }
      return;
    }
    Ref gone = Ref.of(Json.stored(before));
    objects.remove(gone.uid());
    gone.owners().forEach(o -> removeDependent(o, gone.uid()));
    worker.execute(() -> ownerGone(gone.uid()));
    if (gone.kind().equals("Namespace") && gone.apiVersion().equals("v1")) {
      worker.execute(() -> namespaceGone(gone.name()));
    }
  }

  /** Whether an object with this uid is stored. */
  boolean exists(String uid) {
    return objects.containsKey(uid);
  }

  /** Every stored object of a namespace. */
  List<Ref> inNamespace(String namespace) {
    return objects.values().stream().filter(r -> r.namespace().equals(namespace)).toList();
  }

  /** Waits until every collection queued so far has run (for tests and orderly shutdown). */
  void awaitIdle(Duration timeout) {
    try {
      for (int round = 0; round < 16; round++) {
        worker.submit(() -> {}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the garbage collector did not become idle", e);
    }
  }

  private void removeDependent(String owner, String dependent) {
    dependents.computeIfPresent(
        owner,
        (k, set) -> {
          set.remove(dependent);
          return set.isEmpty() ? null : set;
        });
  }

  private void ownerGone(String owner) {
    Set<String> deps = dependents.remove(owner);
    if (deps != null) {
      deps.forEach(this::collect);
    }
  }

  /** Deletes the object when none of its owners exists; drops dangling references otherwise. */
  private void collect(String uid) {
    Ref ref = objects.get(uid);
    if (ref == null || ref.owners().isEmpty()) {
      return;
    }
    Set<String> gone = new HashSet<>();
    for (String o : ref.owners()) {
      if (!objects.containsKey(o)) {
        gone.add(o);
      }
    }
    try {
      if (gone.size() == ref.owners().size()) {
        LOG.debug(
            "deleting {} {}/{}: its owners are gone", ref.kind(), ref.namespace(), ref.name());
        operations.delete(ref);
      } else if (!gone.isEmpty()) {
        operations.removeOwners(ref, gone);
      }
    } catch (RuntimeException e) {
      LOG.warn("garbage collection of {} {}/{} failed", ref.kind(), ref.namespace(), ref.name(), e);
    }
  }

  private void namespaceGone(String namespace) {
    for (Ref r : inNamespace(namespace)) {
      try {
        operations.delete(r);
      } catch (RuntimeException e) {
        LOG.warn("deleting {} {}/{} failed", r.kind(), namespace, r.name(), e);
      }
    }
  }

  private void expireEvents() {
    Instant oldest = clock.instant().minus(eventTtl);
    for (Ref r : objects.values()) {
      if (!r.isEvent()) {
        continue;
      }
      try {
        if (Instant.parse(r.timestamp()).isBefore(oldest)) {
          operations.delete(r);
        }
      } catch (DateTimeParseException e) {
        // an event without a readable time stays
      } catch (RuntimeException e) {
        LOG.warn("expiring event {}/{} failed", r.namespace(), r.name(), e);
      }
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}

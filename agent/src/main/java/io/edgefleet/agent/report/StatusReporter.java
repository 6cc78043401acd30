package io.edgefleet.agent.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a device's {@code status.reported} equal to what its agent wants to report, with as few
 * requests as possible: one patch in flight at a time, carrying only what differs from what the
 * server acknowledged; module-only changes are coalesced to at most one patch per interval; failed
 * patches are retried with a growing, jittered backoff (API errors, a missing device, an expired
 * token all end the same way: try again later with the latest state). Thread-safe.
 */
public final class StatusReporter {

  private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);
  private static final long FIRST_RETRY_MILLIS = 500;
  private static final long MAX_RETRY_MILLIS = 30_000;

  /** Hears about each request's outcome (for progress counters). */
  public interface Listener {
    /** A patch was acknowledged. */
    default void sent() {}

    /** A read or patch failed and will be retried. */
    default void failed(Exception e) {}
  }

  private final String device;
  private final ReportedStore store;
  private final Executor io;
  private final ScheduledExecutorService timer;
  private final LongSupplier millis;
  private final long intervalMillis;
  private final Listener listener;

  private ObjectNode desired;
  // replaced, never modified, so that readers on other threads may hold on to it
  private volatile ObjectNode acked;
  private boolean urgent;
  private boolean inFlight;
  private boolean coalescing;
  private boolean backingOff;
  private boolean closed;
  private long lastSent = Long.MIN_VALUE / 2;
  private int failures;
  private volatile boolean synced = true;

  /**
   * @param device the device's name, for logs
   * @param acked the reported properties the server is known to hold, or null to read them first
   * @param io runs the (blocking) requests
   * @param timer schedules coalesced and retried patches
   * @param moduleInterval the least time between two patches that carry no urgent change
   */
  public StatusReporter(
      String device,
      ReportedStore store,
      ObjectNode acked,
      Executor io,
      ScheduledExecutorService timer,
      Duration moduleInterval,
      Listener listener) {
    this(
        device,
        store,
        acked,
        io,
        timer,
        () -> System.nanoTime() / 1_000_000,
        moduleInterval,
        listener);
  }

  /**
   * @param millis a monotonic time in milliseconds, read to space patches (the timer's time)
   */
  public StatusReporter(
      String device,
      ReportedStore store,
      ObjectNode acked,
      Executor io,
      ScheduledExecutorService timer,
      LongSupplier millis,
      Duration moduleInterval,
      Listener listener) {
    this.millis = millis;
    this.device = device;
    this.store = store;
    this.acked = acked == null ? null : acked.deepCopy();
    this.io = io;
    this.timer = timer;
    this.intervalMillis = moduleInterval.toMillis();
    this.listener = listener;
  }

  /**
   * Makes {@code reported} what should be reported (replacing any earlier, unsent state).
   *
   * @param urgentChange true when it carries a new desired version or status (sent at once), false
   *     for module state changes only (coalesced)
   */
  public synchronized void update(ObjectNode reported, boolean urgentChange) {
    desired = reported.deepCopy();
    urgent |= urgentChange;
    synced = acked != null && MergePatch.diff(acked, desired).isEmpty();
    kick();
  }

  /** Whether the server holds everything this reporter was given. */
  public boolean synced() {
    return synced;
  }

  /** What the server acknowledged last (a copy), or null before the first read. */
  public synchronized ObjectNode acknowledged() {
    return acked == null ? null : acked.deepCopy();
  }

  /** Whether the server holds {@code version} with {@code code} as the last desired status. */
  public boolean acknowledges(String version, int code) {
    ObjectNode known = acked;
    return known != null
        && version != null
        && version.equals(known.path("lastDesiredVersion").asText(null))
        && known.path("lastDesiredStatus").path("code").asInt(-1) == code;
  }

  /** Stops sending; a request in flight finishes. */
  public synchronized void close() {
    closed = true;
  }

  private void kick() {
    if (closed || inFlight || backingOff || desired == null) {
      return;
    }
    if (acked != null && MergePatch.diff(acked, desired).isEmpty()) {
      synced = true;
      urgent = false;
      return;
    }
    if (coalescing && !urgent) {
      return; // the pending timer sends it
    }
    long now = millis.getAsLong();
    long delay = urgent ? 0 : lastSent + intervalMillis - now;
    if (delay > 0) {
      coalescing = true;
      timer.schedule(
          () -> {
            synchronized (this) {
              coalescing = false;
              kick();
            }
          },
          delay,
          TimeUnit.MILLISECONDS);
      return;
    }
    inFlight = true;
    urgent = false;
    io.execute(this::send);
  }

  private void retryLater(long delayMillis) {
    backingOff = true;
    timer.schedule(
        () -> {
          synchronized (this) {
            backingOff = false;
            kick();
          }
        },
        delayMillis,
        TimeUnit.MILLISECONDS);
  }

  private void send() {
    try {
      ObjectNode known;
      synchronized (this) {
        known = acked;
      }
      if (known == null) {
        known = store.read();
        synchronized (this) {
          acked = known;
        }
      }
      ObjectNode patch;
      synchronized (this) {
        patch = MergePatch.diff(acked, desired);
      }
      if (!patch.isEmpty()) {
        ObjectNode after = store.patch(patch);
        listener.sent();
        synchronized (this) {
          acked = after == null ? MergePatch.apply(acked, patch) : after;
          lastSent = millis.getAsLong();
        }
      }
      synchronized (this) {
        if (failures > 0) {
          LOG.info("device {}: reporting works again after {} failed attempts", device, failures);
        }
        failures = 0;
        inFlight = false;
        kick();
      }
    } catch (Exception e) {
      synchronized (this) {
        if (closed) {
          // stopping: a request cut short is no failure worth a retry or a warning
          inFlight = false;
          return;
        }
      }
      listener.failed(e);
      synchronized (this) {
        failures++;
        inFlight = false;
        long delay = retryDelay(failures);
        if (failures == 1 || failures % 10 == 0) {
          LOG.warn(
              "device {}: reporting failed ({} attempts), retrying in {} ms: {}",
              device,
              failures,
              delay,
              e.toString());
        }
        urgent = true;
        if (!closed) {
          retryLater(delay);
        }
      }
    } catch (Error e) {
      synchronized (this) {
        inFlight = false;
      }
      throw e;
    }
  }

  static long retryDelay(int failures) {
    long delay = FIRST_RETRY_MILLIS;
    for (int i = 1; i < failures && delay < MAX_RETRY_MILLIS; i++) {
      delay *= 2;
    }
    delay = Math.min(delay, MAX_RETRY_MILLIS);
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return (long) (delay * jitter);
  }
}

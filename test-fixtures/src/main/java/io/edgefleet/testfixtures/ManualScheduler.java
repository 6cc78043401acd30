package io.edgefleet.testfixtures;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler and clock that only move when a test says so: {@link #advance} runs, in the calling
 * thread, every task that falls due, in order. Makes "after the backoff" a call instead of a sleep.
 */
public final class ManualScheduler extends AbstractExecutorService
    implements ScheduledExecutorService {

  private final PriorityQueue<Task<?>> tasks = new PriorityQueue<>();
  private long nanos;
  private long sequence;
  private boolean shutdown;

  /** A clock that reads this scheduler's time (starting at the epoch). */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        synchronized (ManualScheduler.this) {
          return Instant.EPOCH.plusNanos(nanos);
        }
      }
    };
  }

  /** Moves time forward by {@code duration}, running every task that falls due on the way. */
  public void advance(Duration duration) {
    long until;
    synchronized (this) {
      until = nanos + duration.toNanos();
    }
    while (true) {
      Task<?> next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due > until) {
          nanos = until;
          return;
        }
        tasks.poll();
        nanos = Math.max(nanos, next.due);
      }
      next.run();
    }
  }

  /** Tasks waiting to fall due. */
  public synchronized int pending() {
    return tasks.size();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(new Task<>(command, null, delay, unit));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return add(new Task<>(callable, delay, unit));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException("periodic tasks are not simulated");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("periodic tasks are not simulated");
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> left = List.copyOf(tasks);
    tasks.clear();
    return left;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown && tasks.isEmpty();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }

  private synchronized <V> Task<V> add(Task<V> task) {
    if (shutdown) {
      throw new RejectedExecutionException("shut down");
    }
    tasks.add(task);
    return task;
  }

  private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
    private final long due;
    private final long order;

    Task(Runnable runnable, V result, long delay, TimeUnit unit) {
      super(runnable, result);
      synchronized (ManualScheduler.this) {
        this.due = nanos + unit.toNanos(Math.max(0, delay));
        this.order = sequence++;
      }
    }

    Task(Callable<V> callable, long delay, TimeUnit unit) {
      super(callable);
      synchronized (ManualScheduler.this) {
        this.due = nanos + unit.toNanos(Math.max(0, delay));
        this.order = sequence++;
      }
    }

    @Override
    public long getDelay(TimeUnit unit) {
      synchronized (ManualScheduler.this) {
        return unit.convert(due - nanos, TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public int compareTo(Delayed other) {
      Task<?> that = (Task<?>) other;
      int byDue = Long.compare(due, that.due);
      return byDue != 0 ? byDue : Long.compare(order, that.order);
    }
  }
}

package io.edgefleet.agent;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in order, on a shared executor: each agent owns one, so thousands of
 * agents share a few threads and none needs a lock for its own state.
 */
final class SerialExecutor implements Executor {

  private final Executor pool;
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    try {
      pool.execute(this::drain);
    } catch (RejectedExecutionException e) {
      // the agent is shutting down: drop the work
      synchronized (this) {
        tasks.clear();
        running = false;
      }
    }
  }

  private void drain() {
    while (true) {
      Runnable task;
      synchronized (this) {
        task = tasks.poll();
        if (task == null) {
          running = false;
          return;
        }
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(SerialExecutor.class).error("agent task failed", e);
      }
    }
  }
}

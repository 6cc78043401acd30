package io.edgefleet.agent.runtime;

import io.edgefleet.api.v1alpha1.ImagePullPolicy;
import io.edgefleet.api.v1alpha1.RestartPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A module runtime without containers: modules take a configurable time to start, fail when the
 * {@link FailureInjection} says so, and are restarted under their restart policy with a doubling
 * backoff, with exit codes and restart counts kept as Docker would keep them. Thousands of these
 * share one scheduler. Thread-safe; listeners and futures are called outside its lock.
 */
public final class SimulatedModuleRuntime implements ModuleRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedModuleRuntime.class);

  private final SimulationSettings settings;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final long seed;
  private final Map<String, Sim> modules = new TreeMap<>();
  private final List<Consumer<ModuleState>> listeners = new CopyOnWriteArrayList<>();
  private final List<String> pulls = new ArrayList<>();
  private List<RegistryCredential> credentials = List.of();
  private boolean available = true;

  /**
   * @param seed decides which modules {@link FailureInjection#rate()} breaks (the same seed, module
   *     and image always decide the same way)
   */
  public SimulatedModuleRuntime(
      SimulationSettings settings, ScheduledExecutorService scheduler, Clock clock, long seed) {
    this.settings = settings;
    this.scheduler = scheduler;
    this.clock = clock;
    this.seed = seed;
  }

  /** One simulated container. Guarded by the runtime's lock. */
  private static final class Sim extends ModuleRecord {
    final String failure;

    Sim(ModuleSpec spec, String failure) {
      super(spec);
      this.failure = failure;
    }
  }

  /** Work to do once the lock is released. */
  private final class Effects {
    final List<Runnable> actions = new ArrayList<>();

    void notify(ModuleState state) {
      for (Consumer<ModuleState> listener : listeners) {
        actions.add(() -> listener.accept(state));
      }
    }

    void complete(CompletableFuture<ModuleState> future, ModuleState state) {
      if (future != null) {
        actions.add(() -> future.complete(state));
      }
    }

    void run() {
      for (Runnable action : actions) {
        try {
          action.run();
        } catch (RuntimeException e) {
          // a failing listener must not keep futures from completing
          LOG.warn("a module runtime listener failed", e);
        }
      }
    }
  }

  /** Makes the runtime unreachable (operations fail with RuntimeUnavailableException) or back. */
  public synchronized void setAvailable(boolean reachable) {
    this.available = reachable;
  }

  /** The credentials the runtime would pull with now. */
  public synchronized List<RegistryCredential> credentials() {
    return credentials;
  }

  /** Every pull so far: image, and the name of the credential used or "anonymous". */
  public synchronized List<String> pulls() {
    return List.copyOf(pulls);
  }

  @Override
  public synchronized void registryCredentials(Collection<RegistryCredential> newCredentials) {
    this.credentials = List.copyOf(newCredentials);
  }

  @Override
  public CompletionStage<ModuleState> create(ModuleSpec spec) {
    synchronized (this) {
      if (!available) {
        return CompletableFuture.failedFuture(unavailable());
      }
      if (modules.containsKey(spec.name())) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("module " + spec.name() + " exists"));
      }
      if (spec.imagePullPolicy() != ImagePullPolicy.NEVER) {
        pulls.add(spec.image() + " " + credentialFor(spec.image()));
      }
      Sim sim = new Sim(spec, failureOf(spec));
      modules.put(spec.name(), sim);
      return CompletableFuture.completedFuture(sim.state());
    }
  }

  @Override
  public CompletionStage<ModuleState> start(String name) {
    CompletableFuture<ModuleState> result = new CompletableFuture<>();
    synchronized (this) {
      Sim sim = modules.get(name);
      if (!available) {
        return CompletableFuture.failedFuture(unavailable());
      }
      if (sim == null) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("no module " + name + " to start"));
      }
      if (sim.status == RuntimeStatus.RUNNING) {
        return CompletableFuture.completedFuture(sim.state());
      }
      long epoch = ++sim.epoch;
      schedule(settings.startTime(), () -> attempt(sim, epoch, result));
    }
    return result;
  }

  @Override
  public CompletionStage<ModuleState> stop(String name) {
    Effects effects = new Effects();
    ModuleState state;
    synchronized (this) {
      Sim sim = modules.get(name);
      if (!available) {
        return CompletableFuture.failedFuture(unavailable());
      }
      if (sim == null) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("no module " + name + " to stop"));
      }
      sim.epoch++;
      if (sim.status == RuntimeStatus.RUNNING) {
        sim.lastExit = clock.instant();
        sim.exitCode = 0;
      }
      sim.status = RuntimeStatus.STOPPED;
      sim.message = null;
      state = sim.state();
      effects.notify(state);
    }
    effects.run();
    return CompletableFuture.completedFuture(state);
  }

  @Override
  public CompletionStage<Void> remove(String name) {
    synchronized (this) {
      if (!available) {
        return CompletableFuture.failedFuture(unavailable());
      }
      Sim sim = modules.remove(name);
      if (sim != null) {
        sim.epoch++;
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized Map<String, RuntimeModule> modules() {
    if (!available) {
      throw unavailable();
    }
    Map<String, RuntimeModule> result = new TreeMap<>();
    modules.forEach((name, sim) -> result.put(name, new RuntimeModule(sim.spec, sim.state())));
    return result;
  }

  @Override
  public void addListener(Consumer<ModuleState> listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(Consumer<ModuleState> listener) {
    listeners.remove(listener);
  }

  /**
   * Makes a running module exit with {@code exitCode}, as a crash (non-zero) or a clean exit (0)
   * would; its restart policy decides what happens next.
   */
  public void exit(String name, int exitCode) {
    Effects effects = new Effects();
    synchronized (this) {
      Sim sim = modules.get(name);
      if (sim == null || sim.status != RuntimeStatus.RUNNING) {
        return;
      }
      sim.epoch++;
      exited(sim, exitCode, "exited with code " + exitCode, null, effects);
    }
    effects.run();
  }

  private void attempt(Sim sim, long epoch, CompletableFuture<ModuleState> result) {
    Effects effects = new Effects();
    synchronized (this) {
      if (sim.epoch != epoch || modules.get(sim.spec.name()) != sim) {
        // stopped or removed meanwhile
        effects.complete(result, sim.state());
      } else if (sim.failure != null) {
        exited(
            sim,
            settings.failureExitCode(),
            "failed to start: " + sim.failure + " (exit code " + settings.failureExitCode() + ")",
            result,
            effects);
      } else {
        sim.status = RuntimeStatus.RUNNING;
        sim.lastStart = clock.instant();
        sim.message = null;
        ModuleState state = sim.state();
        effects.notify(state);
        effects.complete(result, state);
      }
    }
    effects.run();
  }

  /** Applies the restart policy to a module that just exited. Holds the lock. */
  private void exited(
      Sim sim,
      int exitCode,
      String message,
      CompletableFuture<ModuleState> result,
      Effects effects) {
    sim.exitCode = exitCode;
    sim.lastExit = clock.instant();
    boolean restart = restarts(sim.spec.restartPolicy(), exitCode);
    if (restart) {
      sim.status = RuntimeStatus.BACKOFF;
      long epoch = ++sim.epoch;
      schedule(
          settings.backoffAfter(sim.restarts),
          () -> {
            synchronized (this) {
              if (sim.epoch != epoch || modules.get(sim.spec.name()) != sim) {
                return;
              }
              sim.restarts++;
            }
            attempt(sim, epoch, null);
          });
    } else {
      sim.status = exitCode == 0 ? RuntimeStatus.STOPPED : RuntimeStatus.FAILED;
    }
    sim.message = message;
    ModuleState state = sim.state();
    effects.notify(state);
    effects.complete(result, state);
  }

  /** IoT Edge's restart policies, for a module that exited with {@code exitCode}. */
  static boolean restarts(RestartPolicy policy, int exitCode) {
    return RestartRules.restartsAfterExit(policy, exitCode);
  }

  private String failureOf(ModuleSpec spec) {
    String listed = settings.failures().listed(spec.name(), spec.image());
    if (listed != null) {
      return listed;
    }
    double rate = settings.failures().rate();
    if (rate > 0) {
      long mixed = seed * 1_000_003L + (spec.name() + "\0" + spec.image()).hashCode();
      if (new SplittableRandom(mixed).nextDouble() < rate) {
        return "simulated failure (rate " + rate + ")";
      }
    }
    return null;
  }

  private String credentialFor(String image) {
    return credentials.stream()
        .filter(c -> c.covers(image))
        .map(RegistryCredential::name)
        .findFirst()
        .orElse("anonymous");
  }

  private void schedule(Duration delay, Runnable task) {
    scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
  }

  private static RuntimeUnavailableException unavailable() {
    return new RuntimeUnavailableException("the simulated module runtime is unavailable");
  }
}

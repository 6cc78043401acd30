package io.edgefleet.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.agent.runtime.ModuleRuntime;
import io.edgefleet.agent.runtime.ModuleSpec;
import io.edgefleet.agent.runtime.ModuleState;
import io.edgefleet.agent.runtime.RuntimeModule;
import io.edgefleet.agent.runtime.RuntimeStatus;
import io.edgefleet.agent.runtime.RuntimeUnavailableException;
import io.edgefleet.api.v1alpha1.ModuleStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Brings a module runtime to a manifest, as edgeAgent does: remove the modules the manifest no
 * longer has and those whose container changed, create the new ones, stop those that should not
 * run, then start the rest in startup order: lowest first, modules with equal orders together, each
 * group once the previous one has started (or failed to).
 *
 * @param remove modules to remove
 * @param create modules to create
 * @param stop modules to stop
 * @param startGroups modules to start, by startup order, ascending
 */
public record ModulePlan(
    List<String> remove,
    List<ModuleSpec> create,
    List<String> stop,
    List<List<String>> startGroups) {

  /** What needs doing to go from {@code current} to {@code manifest}. Pure. */
  public static ModulePlan of(DeviceManifest manifest, Map<String, RuntimeModule> current) {
    Map<String, ModuleSpec> desired = desiredModules(manifest);
    List<String> remove = new ArrayList<>();
    List<ModuleSpec> create = new ArrayList<>();
    List<String> stop = new ArrayList<>();
    TreeMap<Long, List<String>> starts = new TreeMap<>();
    current.forEach(
        (name, module) -> {
          ModuleSpec want = desired.get(name);
          if (want == null || module.spec().needsRecreate(want)) {
            remove.add(name);
          }
        });
    desired.forEach(
        (name, want) -> {
          RuntimeModule have = current.get(name);
          boolean fresh = have == null || remove.contains(name);
          if (fresh) {
            create.add(want);
          }
          if (want.desiredStatus() == ModuleStatus.STOPPED) {
            if (!fresh && isUp(have.state().status())) {
              stop.add(name);
            }
          } else if (fresh || needsStart(have)) {
            starts.computeIfAbsent(want.startupOrder(), o -> new ArrayList<>()).add(name);
          }
        });
    return new ModulePlan(remove, create, stop, new ArrayList<>(starts.values()));
  }

  /** The modules a manifest runs (edgeHub first, when the agent runs it), by name. */
  public static Map<String, ModuleSpec> desiredModules(DeviceManifest manifest) {
    Map<String, ModuleSpec> desired = new LinkedHashMap<>();
    if (manifest.edgeHub() != null) {
      desired.put(manifest.edgeHub().name(), manifest.edgeHub());
    }
    desired.putAll(manifest.modules());
    return desired;
  }

  /** Whether the plan changes nothing. */
  public boolean isEmpty() {
    return remove.isEmpty() && create.isEmpty() && stop.isEmpty() && startGroups.isEmpty();
  }

  /**
   * Runs the plan with no twins to deliver; see {@link #execute(ModuleRuntime, Map,
   * BooleanSupplier)}.
   */
  public CompletionStage<Map<String, String>> execute(
      ModuleRuntime runtime, BooleanSupplier superseded) {
    return execute(runtime, Map.of(), superseded);
  }

  /**
   * Runs the plan in edgeAgent's two phases: first every image the new modules need is made present
   * ({@link ModuleRuntime#prepare}); only when that succeeded are the twins delivered and modules
   * removed, created, stopped and started. Completes with the problems met, by module (an operation
   * that failed); a module that started and failed is no problem here (its state says so).
   * Completes exceptionally, having changed nothing, with {@link
   * io.edgefleet.agent.runtime.ImagePullException} when an image cannot be pulled, and with {@link
   * RuntimeUnavailableException} when the runtime cannot be reached.
   *
   * @param twins each module's desired twin properties, delivered before any module starts
   * @param superseded checked between steps: when it turns true the rest is skipped
   */
  public CompletionStage<Map<String, String>> execute(
      ModuleRuntime runtime, Map<String, JsonNode> twins, BooleanSupplier superseded) {
    Map<String, String> problems = new ConcurrentHashMap<>();
    CompletionStage<Void> done =
        runtime
            .prepare(create)
            .thenRun(() -> twins.forEach(runtime::desiredProperties))
            .thenCompose(
                v ->
                    superseded.getAsBoolean()
                        ? done()
                        : all(remove, name -> runtime.remove(name), problems))
            .thenCompose(
                v ->
                    superseded.getAsBoolean()
                        ? done()
                        : all(create, spec -> runtime.create(spec), problems, ModuleSpec::name))
            .thenCompose(
                v ->
                    superseded.getAsBoolean()
                        ? done()
                        : all(stop, name -> runtime.stop(name), problems));
    for (List<String> group : startGroups) {
      done =
          done.thenCompose(
              v ->
                  superseded.getAsBoolean()
                      ? done()
                      : all(
                          group.stream().filter(n -> !problems.containsKey(n)).toList(),
                          name -> runtime.start(name),
                          problems));
    }
    return done.thenApply(v -> new TreeMap<>(problems));
  }

  private static boolean isUp(RuntimeStatus status) {
    return status == RuntimeStatus.RUNNING || status == RuntimeStatus.BACKOFF;
  }

  /**
   * Whether a module that stays should be started: it was created to be stopped (or never ran), and
   * is not running. Modules that exited are left to their restart policy.
   */
  private static boolean needsStart(RuntimeModule have) {
    RuntimeStatus status = have.state().status();
    if (status != RuntimeStatus.STOPPED) {
      return false;
    }
    return have.spec().desiredStatus() == ModuleStatus.STOPPED || !have.state().hasRun();
  }

  private static CompletionStage<Void> done() {
    return CompletableFuture.completedFuture(null);
  }

  private static CompletionStage<Void> all(
      Collection<String> names,
      Function<String, CompletionStage<?>> op,
      Map<String, String> problems) {
    return all(names, op, problems, n -> n);
  }

  private static <T> CompletionStage<Void> all(
      Collection<T> items,
      Function<T, CompletionStage<?>> op,
      Map<String, String> problems,
      Function<T, String> nameOf) {
    List<CompletableFuture<?>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      CompletionStage<?> stage;
      try {
        stage = op.apply(item);
      } catch (RuntimeException e) {
        stage = CompletableFuture.failedFuture(e);
      }
      futures.add(
          stage
              .handle(
                  (result, error) -> {
                    Throwable cause = unwrap(error);
                    if (cause instanceof RuntimeUnavailableException unavailable) {
                      throw unavailable;
                    }
                    if (cause != null) {
                      problems.put(
                          nameOf.apply(item),
                          cause.getMessage() == null ? cause.toString() : cause.getMessage());
                    }
                    return null;
                  })
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
  }

  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * The status of an applied manifest, given what the runtime runs: 200 once every module that
   * should run has run since it was created (a module that crashes later shows in its own
   * runtimeStatus, as with IoT Edge); 500 naming each module that has not, and why.
   */
  public static DesiredStatus evaluate(
      DeviceManifest manifest, Map<String, RuntimeModule> current, Map<String, String> problems) {
    List<String> failing = new ArrayList<>();
    Map<String, ModuleSpec> desired = desiredModules(manifest);
    desired.forEach(
        (name, spec) -> {
          RuntimeModule have = current.get(name);
          String problem = problems.get(name);
          if (problem != null) {
            failing.add("module " + name + " (" + spec.image() + "): " + problem);
          } else if (have == null) {
            failing.add("module " + name + " (" + spec.image() + ") was not created");
          } else if (spec.desiredStatus() == ModuleStatus.RUNNING && !have.state().hasRun()) {
            failing.add(notRunning(have.state(), spec));
          }
        });
    if (failing.isEmpty()) {
      return DesiredStatus.applied();
    }
    String description =
        failing.size()
            + " of "
            + desired.size()
            + " modules not running: "
            + String.join("; ", failing);
    if (description.length() > 1000) {
      description = description.substring(0, 997) + "...";
    }
    return new DesiredStatus(DesiredStatus.FAILED, description);
  }

  private static String notRunning(ModuleState state, ModuleSpec spec) {
    StringBuilder text =
        new StringBuilder("module ")
            .append(state.name())
            .append(" (")
            .append(spec.image())
            .append(") ");
    // stable while the module backs off and retries, so that the status is not re-sent each time
    text.append(state.message() == null ? "has not started" : state.message());
    text.append("; restart policy ").append(policy(spec));
    return text.toString();
  }

  private static String policy(ModuleSpec spec) {
    return switch (spec.restartPolicy()) {
      case NEVER -> "never";
      case ON_FAILURE -> "on-failure";
      case ON_UNHEALTHY -> "on-unhealthy";
      case ALWAYS -> "always";
    };
  }
}

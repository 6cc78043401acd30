package io.edgefleet.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Where a device's modules run: a Docker or containerd host on a real device, {@link
 * SimulatedModuleRuntime} here. The agent decides what to do (which modules to remove, create,
 * start and stop, in which startup order); the runtime does it, restarts modules that exit under
 * their restart policy, and tells the agent about every change it makes by itself.
 *
 * <p>Operations return a {@link CompletionStage} so that thousands of simulated devices can share a
 * few threads; a runtime that makes blocking calls (a Docker client) runs them on its own executor.
 * When the runtime itself cannot be reached, operations complete exceptionally with (and {@link
 * #modules()} throws) {@link RuntimeUnavailableException}; other failures of one module complete
 * that module's operation exceptionally with a message the agent reports.
 */
public interface ModuleRuntime extends AutoCloseable {

  /**
   * The registry credentials to pull with from now on (replacing earlier ones). Called when the
   * device's registry Secret changes (rotation); modules already created keep running.
   */
  void registryCredentials(Collection<RegistryCredential> credentials);

  /**
   * Makes every image {@code specs} need present before anything changes (the first of edgeAgent's
   * two phases): pulls each one that is missing, unless its pull policy is {@code never}, with the
   * credentials of the registry whose address prefixes its reference. Completes exceptionally with
   * {@link ImagePullException} naming every image that could not be pulled (then nothing may be
   * changed), or {@link RuntimeUnavailableException}. The default has nothing to pull.
   */
  default CompletionStage<Void> prepare(Collection<ModuleSpec> specs) {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Pulls the image (unless its pull policy is {@code never}) with the credentials of its registry,
   * and creates the module from {@code spec}, not started. Fails if a module of that name exists.
   *
   * @return its state once created (normally {@link RuntimeStatus#STOPPED})
   */
  CompletionStage<ModuleState> create(ModuleSpec spec);

  /**
   * Starts a created module. Completes once it runs, or once it has failed to start (then with its
   * state {@link RuntimeStatus#FAILED} or {@link RuntimeStatus#BACKOFF}, exit code and message);
   * from then on the runtime applies the module's restart policy when it exits.
   */
  CompletionStage<ModuleState> start(String name);

  /** Stops a module; a stop the agent asked for is never undone by the restart policy. */
  CompletionStage<ModuleState> stop(String name);

  /** Stops (if needed) and removes a module. */
  CompletionStage<Void> remove(String name);

  /**
   * The modules the runtime has, by name, with the spec each was created from. After an agent
   * restart this is how the agent learns what already runs.
   *
   * @throws RuntimeUnavailableException when the runtime cannot be reached
   */
  Map<String, RuntimeModule> modules();

  /**
   * Registers a listener for state changes the runtime makes by itself (a module exits, backs off,
   * restarts). Called on the runtime's threads; keep it short.
   */
  void addListener(Consumer<ModuleState> listener);

  /** Removes a listener added with {@link #addListener}. */
  void removeListener(Consumer<ModuleState> listener);

  /**
   * A module's desired twin properties ({@code modulesContent.<module>.properties.desired}). IoT
   * Edge delivers these through edgeHub, not the container runtime; the default ignores them.
   */
  default void desiredProperties(String module, JsonNode desired) {}

  /** Releases the runtime's resources; modules keep running (as containers outlive their agent). */
  @Override
  default void close() {}
}

package io.edgefleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.agent.runtime.FailureInjection;
import io.edgefleet.agent.runtime.ModuleRuntime;
import io.edgefleet.agent.runtime.ModuleSpec;
import io.edgefleet.agent.runtime.ModuleState;
import io.edgefleet.agent.runtime.RegistryCredential;
import io.edgefleet.agent.runtime.RuntimeModule;
import io.edgefleet.agent.runtime.RuntimeStatus;
import io.edgefleet.agent.runtime.SimulatedModuleRuntime;
import io.edgefleet.agent.runtime.SimulationSettings;
import io.edgefleet.api.v1alpha1.ModuleStatus;
import io.edgefleet.api.v1alpha1.RestartPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModulePlanTest {

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private static DeviceManifest manifest(ModuleSpec... modules) {
    Map<String, ModuleSpec> byName = new TreeMap<>();
    for (ModuleSpec module : modules) {
      byName.put(module.name(), module);
    }
    ModuleSpec hub =
        new ModuleSpec(
            "edgeHub",
            "mcr.microsoft.com/azureiotedge-hub:1.5",
            null,
            null,
            Map.of(),
            null,
            null,
            null,
            0,
            true);
    return new DeviceManifest("v1", "1.1", hub, byName, Map.of(), Map.of());
  }

  private SimulatedModuleRuntime runtime(Duration startTime, FailureInjection failures) {
    return new SimulatedModuleRuntime(
        SimulationSettings.defaults(startTime).withFailures(failures),
        scheduler,
        Clock.systemUTC(),
        1);
  }

  /** Records when each start is asked for and when it completes. */
  private static final class Recording implements ModuleRuntime {
    final ModuleRuntime inner;
    final List<String> events = new CopyOnWriteArrayList<>();

    Recording(ModuleRuntime inner) {
      this.inner = inner;
    }

    @Override
    public void registryCredentials(Collection<RegistryCredential> credentials) {
      inner.registryCredentials(credentials);
    }

    @Override
    public CompletionStage<ModuleState> create(ModuleSpec spec) {
      events.add("create " + spec.name());
      return inner.create(spec);
    }

    @Override
    public CompletionStage<ModuleState> start(String name) {
      events.add("start " + name);
      return inner.start(name).whenComplete((s, e) -> events.add("up " + name));
    }

    @Override
    public CompletionStage<ModuleState> stop(String name) {
      events.add("stop " + name);
      return inner.stop(name);
    }

    @Override
    public CompletionStage<Void> remove(String name) {
      events.add("remove " + name);
      return inner.remove(name);
    }

    @Override
    public Map<String, RuntimeModule> modules() {
      return inner.modules();
    }

    @Override
    public void addListener(Consumer<ModuleState> listener) {
      inner.addListener(listener);
    }

    @Override
    public void removeListener(Consumer<ModuleState> listener) {
      inner.removeListener(listener);
    }
  }

  private static void run(ModulePlan plan, ModuleRuntime runtime) throws Exception {
    plan.execute(runtime, () -> false).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void startsInStartupOrderWithEqualOrdersTogether() throws Exception {
    Recording runtime = new Recording(runtime(Duration.ofMillis(50), FailureInjection.none()));
    DeviceManifest manifest =
        manifest(
            ModuleSpec.of("c", "c:1").withStartupOrder(5),
            ModuleSpec.of("a", "a:1").withStartupOrder(1),
            ModuleSpec.of("b", "b:1").withStartupOrder(1));
    ModulePlan plan = ModulePlan.of(manifest, runtime.modules());
    assertThat(plan.startGroups())
        .containsExactly(List.of("edgeHub"), List.of("a", "b"), List.of("c"));
    run(plan, runtime);

    List<String> events = runtime.events;
    assertThat(events.subList(0, 4))
        .containsExactlyInAnyOrder("create edgeHub", "create a", "create b", "create c");
    int hubUp = events.indexOf("up edgeHub");
    int startA = events.indexOf("start a");
    int startB = events.indexOf("start b");
    int upA = events.indexOf("up a");
    int upB = events.indexOf("up b");
    int startC = events.indexOf("start c");
    assertThat(startA).isGreaterThan(hubUp);
    assertThat(startB).isGreaterThan(hubUp);
    // together: both asked for before either is up
    assertThat(Math.max(startA, startB)).isLessThan(Math.min(upA, upB));
    assertThat(startC).isGreaterThan(Math.max(upA, upB));
    assertThat(runtime.modules().values())
        .extracting(m -> m.state().status())
        .containsOnly(RuntimeStatus.RUNNING);
  }

  @Test
  void aLaterGroupStartsEvenWhenAnEarlierModuleFails() throws Exception {
    SimulatedModuleRuntime runtime =
        runtime(Duration.ofMillis(10), FailureInjection.images("broken:*"));
    DeviceManifest manifest =
        manifest(
            ModuleSpec.of("a", "broken:1")
                .withStartupOrder(1)
                .withRestartPolicy(RestartPolicy.NEVER),
            ModuleSpec.of("b", "b:1").withStartupOrder(2));
    run(ModulePlan.of(manifest, runtime.modules()), runtime);
    Map<String, RuntimeModule> modules = runtime.modules();
    assertThat(modules.get("a").state().status()).isEqualTo(RuntimeStatus.FAILED);
    assertThat(modules.get("b").state().status()).isEqualTo(RuntimeStatus.RUNNING);

    DesiredStatus status = ModulePlan.evaluate(manifest, modules, Map.of());
    assertThat(status.code()).isEqualTo(500);
    assertThat(status.description())
        .isEqualTo(
            "1 of 3 modules not running: module a (broken:1) failed to start: image matches"
                + " failure pattern broken:* (exit code 1); restart policy never");
  }

  @Test
  void aNewVersionTouchesOnlyWhatChanged() throws Exception {
    Recording runtime = new Recording(runtime(Duration.ofMillis(5), FailureInjection.none()));
    run(
        ModulePlan.of(
            manifest(
                ModuleSpec.of("keep", "keep:1"),
                ModuleSpec.of("gone", "gone:1"),
                ModuleSpec.of("change", "change:1"),
                ModuleSpec.of("halt", "halt:1")),
            runtime.modules()),
        runtime);
    runtime.events.clear();

    DeviceManifest next =
        manifest(
            ModuleSpec.of("keep", "keep:1").withStartupOrder(3),
            ModuleSpec.of("change", "change:2"),
            ModuleSpec.of("halt", "halt:1").withDesiredStatus(ModuleStatus.STOPPED),
            ModuleSpec.of("new", "new:1"));
    ModulePlan plan = ModulePlan.of(next, runtime.modules());
    assertThat(plan.remove()).containsExactlyInAnyOrder("gone", "change");
    assertThat(plan.create())
        .extracting(ModuleSpec::name)
        .containsExactlyInAnyOrder("change", "new");
    assertThat(plan.stop()).containsExactly("halt");
    assertThat(plan.startGroups()).containsExactly(List.of("change", "new"));
    run(plan, runtime);
    Map<String, RuntimeModule> modules = runtime.modules();
    assertThat(modules).containsOnlyKeys("edgeHub", "keep", "change", "halt", "new");
    assertThat(modules.get("change").spec().image()).isEqualTo("change:2");
    assertThat(modules.get("halt").state().status()).isEqualTo(RuntimeStatus.STOPPED);
    assertThat(ModulePlan.evaluate(next, modules, Map.of())).isEqualTo(DesiredStatus.applied());

    assertThat(ModulePlan.of(next, runtime.modules()).isEmpty()).isTrue();
  }

  @Test
  void aModuleCreatedStoppedIsStartedWhenItShouldRun() throws Exception {
    SimulatedModuleRuntime runtime = runtime(Duration.ofMillis(5), FailureInjection.none());
    run(
        ModulePlan.of(
            manifest(ModuleSpec.of("m", "m:1").withDesiredStatus(ModuleStatus.STOPPED)),
            runtime.modules()),
        runtime);
    assertThat(runtime.modules().get("m").state().status()).isEqualTo(RuntimeStatus.STOPPED);
    ModulePlan plan = ModulePlan.of(manifest(ModuleSpec.of("m", "m:1")), runtime.modules());
    assertThat(plan.create()).isEmpty();
    assertThat(plan.startGroups()).containsExactly(List.of("m"));
    run(plan, runtime);
    assertThat(runtime.modules().get("m").state().status()).isEqualTo(RuntimeStatus.RUNNING);
  }

  @Test
  void aSupersededPlanStopsBetweenGroups() throws Exception {
    Recording runtime = new Recording(runtime(Duration.ofMillis(5), FailureInjection.none()));
    DeviceManifest manifest =
        manifest(
            ModuleSpec.of("a", "a:1").withStartupOrder(1),
            ModuleSpec.of("b", "b:1").withStartupOrder(2));
    ModulePlan.of(manifest, runtime.modules())
        .execute(runtime, () -> runtime.events.contains("up edgeHub"))
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    assertThat(runtime.events).doesNotContain("start a", "start b");
  }
}

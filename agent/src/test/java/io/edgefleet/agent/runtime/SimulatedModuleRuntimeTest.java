package io.edgefleet.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edgefleet.api.v1alpha1.RestartPolicy;
import io.edgefleet.testfixtures.ManualScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedModuleRuntimeTest {

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private SimulatedModuleRuntime runtime(FailureInjection failures) {
    return runtime(failures, 1);
  }

  private SimulatedModuleRuntime runtime(FailureInjection failures, long seed) {
    SimulationSettings settings =
        SimulationSettings.defaults(Duration.ofMillis(30))
            .withFailures(failures)
            .withBackoff(Duration.ofMillis(20), Duration.ofMillis(40));
    return new SimulatedModuleRuntime(settings, scheduler, Clock.systemUTC(), seed);
  }

  private static ModuleState get(java.util.concurrent.CompletionStage<ModuleState> stage)
      throws Exception {
    return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static ModuleState state(SimulatedModuleRuntime runtime, String name) {
    return runtime.modules().get(name).state();
  }

  @Test
  void aModuleRunsAfterItsStartTime() throws Exception {
    SimulatedModuleRuntime runtime = runtime(FailureInjection.none());
    ModuleState created = get(runtime.create(ModuleSpec.of("sensor", "sensor:1")));
    assertThat(created.status()).isEqualTo(RuntimeStatus.STOPPED);
    assertThat(created.hasRun()).isFalse();
    long before = System.nanoTime();
    ModuleState started = get(runtime.start("sensor"));
    assertThat(Duration.ofNanos(System.nanoTime() - before))
        .isGreaterThanOrEqualTo(Duration.ofMillis(25));
    assertThat(started.status()).isEqualTo(RuntimeStatus.RUNNING);
    assertThat(started.lastStartTime()).isNotNull();
    assertThat(started.restartCount()).isZero();
    assertThat(started.exitCode()).isNull();
    assertThat(runtime.modules().get("sensor").spec().image()).isEqualTo("sensor:1");
  }

  @Test
  void creatingAModuleTwiceFails() throws Exception {
    SimulatedModuleRuntime runtime = runtime(FailureInjection.none());
    get(runtime.create(ModuleSpec.of("sensor", "sensor:1")));
    assertThatThrownBy(() -> get(runtime.create(ModuleSpec.of("sensor", "sensor:2"))))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("module sensor exists");
  }

  @Test
  void modulesFailByImagePatternOrName() throws Exception {
    SimulatedModuleRuntime runtime =
        runtime(new FailureInjection(Set.of("flaky"), List.of("*/filter:2.*"), 0).withRate(0));
    for (ModuleSpec spec :
        List.of(
            ModuleSpec.of("a", "contoso.azurecr.io/filter:2.0")
                .withRestartPolicy(RestartPolicy.NEVER),
            ModuleSpec.of("b", "contoso.azurecr.io/filter:1.9")
                .withRestartPolicy(RestartPolicy.NEVER),
            ModuleSpec.of("flaky", "sensor:1").withRestartPolicy(RestartPolicy.NEVER))) {
      get(runtime.create(spec));
    }
    ModuleState a = get(runtime.start("a"));
    assertThat(a.status()).isEqualTo(RuntimeStatus.FAILED);
    assertThat(a.exitCode()).isEqualTo(1);
    assertThat(a.hasRun()).isFalse();
    assertThat(a.message()).contains("image matches failure pattern */filter:2.*");
    assertThat(get(runtime.start("b")).status()).isEqualTo(RuntimeStatus.RUNNING);
    ModuleState flaky = get(runtime.start("flaky"));
    assertThat(flaky.status()).isEqualTo(RuntimeStatus.FAILED);
    assertThat(flaky.message()).contains("module flaky is set to fail");
  }

  @Test
  void aFailureRateBreaksAboutThatShareOfImagesTheSameWayEachTime() throws Exception {
    int broken = 0;
    for (int i = 0; i < 400; i++) {
      if (brokenWith(0.25, 7, "m" + i)) {
        broken++;
      }
    }
    assertThat(broken).isBetween(60, 140);
    for (int i = 0; i < 20; i++) {
      assertThat(brokenWith(0.25, 7, "m" + i)).isEqualTo(brokenWith(0.25, 7, "m" + i));
      assertThat(brokenWith(0, 7, "m" + i)).isFalse();
      assertThat(brokenWith(1, 7, "m" + i)).isTrue();
    }
  }

  private boolean brokenWith(double rate, long seed, String module) throws Exception {
    SimulatedModuleRuntime runtime =
        new SimulatedModuleRuntime(
            SimulationSettings.defaults(Duration.ZERO)
                .withFailures(FailureInjection.none().withRate(rate)),
            scheduler,
            Clock.systemUTC(),
            seed);
    get(runtime.create(ModuleSpec.of(module, "img:1").withRestartPolicy(RestartPolicy.NEVER)));
    return get(runtime.start(module)).status() == RuntimeStatus.FAILED;
  }

  @Test
  void restartPolicyNeverLeavesAFailedModuleFailed() throws Exception {
    SimulatedModuleRuntime runtime = runtime(FailureInjection.images("bad:*"));
    get(runtime.create(ModuleSpec.of("m", "bad:1").withRestartPolicy(RestartPolicy.NEVER)));
    assertThat(get(runtime.start("m")).status()).isEqualTo(RuntimeStatus.FAILED);
    // well past the backoff (20-40 ms), nothing restarts it
    await()
        .during(Duration.ofMillis(150))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              ModuleState later = state(runtime, "m");
              assertThat(later.status()).isEqualTo(RuntimeStatus.FAILED);
              assertThat(later.restartCount()).isZero();
            });
  }

  @Test
  void restartPolicyOnFailureBacksOffAndRestartsAFailingModule() throws Exception {
    SimulatedModuleRuntime runtime = runtime(FailureInjection.images("bad:*"));
    List<ModuleState> changes = new CopyOnWriteArrayList<>();
    runtime.addListener(changes::add);
    get(runtime.create(ModuleSpec.of("m", "bad:1").withRestartPolicy(RestartPolicy.ON_FAILURE)));
    assertThat(get(runtime.start("m")).status()).isEqualTo(RuntimeStatus.BACKOFF);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(state(runtime, "m").restartCount()).isGreaterThanOrEqualTo(3));
    ModuleState later = state(runtime, "m");
    assertThat(later.status()).isEqualTo(RuntimeStatus.BACKOFF);
    assertThat(later.exitCode()).isEqualTo(1);
    assertThat(later.hasRun()).isFalse();
    assertThat(changes).extracting(ModuleState::status).contains(RuntimeStatus.BACKOFF);
  }

  @Test
  void restartPolicyOnFailureRestartsACrashButNotACleanExit() throws Exception {
    SimulatedModuleRuntime runtime = runtime(FailureInjection.none());
    get(runtime.create(ModuleSpec.of("crash", "x:1").withRestartPolicy(RestartPolicy.ON_FAILURE)));
    get(runtime.create(ModuleSpec.of("clean", "x:1").withRestartPolicy(RestartPolicy.ON_FAILURE)));
    get(runtime.start("crash"));
    get(runtime.start("clean"));
    List<ModuleState> changes = new CopyOnWriteArrayList<>();
    runtime.addListener(changes::add);
    runtime.exit("crash", 137);
    runtime.exit("clean", 0);
    assertThat(changes)
        .filteredOn(c -> c.name().equals("crash"))
        .first()
        .extracting(ModuleState::status)
        .isEqualTo(RuntimeStatus.BACKOFF);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(state(runtime, "crash").status()).isEqualTo(RuntimeStatus.RUNNING));
    ModuleState crash = state(runtime, "crash");
    assertThat(crash.restartCount()).isEqualTo(1);
    assertThat(crash.exitCode()).isEqualTo(137);
    assertThat(crash.lastExitTime()).isNotNull();
    await()
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              ModuleState clean = state(runtime, "clean");
              assertThat(clean.status()).isEqualTo(RuntimeStatus.STOPPED);
              assertThat(clean.exitCode()).isZero();
              assertThat(clean.restartCount()).isZero();
            });
  }

  @Test
  void restartPolicyAlwaysRestartsEvenACleanExit() throws Exception {
    SimulatedModuleRuntime runtime = runtime(FailureInjection.none());
    get(runtime.create(ModuleSpec.of("m", "x:1").withRestartPolicy(RestartPolicy.ALWAYS)));
    get(runtime.start("m"));
    runtime.exit("m", 0);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              ModuleState m = state(runtime, "m");
              assertThat(m.status()).isEqualTo(RuntimeStatus.RUNNING);
              assertThat(m.restartCount()).isEqualTo(1);
            });
  }

  @Test
  void restartPolicyNeverLeavesACrashedModuleFailed() throws Exception {
    SimulatedModuleRuntime runtime = runtime(FailureInjection.none());
    get(runtime.create(ModuleSpec.of("m", "x:1").withRestartPolicy(RestartPolicy.NEVER)));
    get(runtime.start("m"));
    runtime.exit("m", 2);
    await()
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              ModuleState m = state(runtime, "m");
              assertThat(m.status()).isEqualTo(RuntimeStatus.FAILED);
              assertThat(m.exitCode()).isEqualTo(2);
              assertThat(m.restartCount()).isZero();
              assertThat(m.hasRun()).isTrue();
            });
  }

  @Test
  void stoppingAModuleCancelsItsRestart() throws Exception {
    ManualScheduler time = new ManualScheduler();
    SimulatedModuleRuntime runtime =
        new SimulatedModuleRuntime(
            SimulationSettings.defaults(Duration.ofMillis(10))
                .withFailures(FailureInjection.images("bad:*"))
                .withBackoff(Duration.ofMillis(300), Duration.ofMillis(300)),
            time,
            time.clock(),
            1);
    get(runtime.create(ModuleSpec.of("m", "bad:1")));
    var started = runtime.start("m");
    time.advance(Duration.ofMillis(10));
    assertThat(get(started).status()).isEqualTo(RuntimeStatus.BACKOFF);
    assertThat(time.pending()).as("the restart is scheduled").isEqualTo(1);

    assertThat(get(runtime.stop("m")).status()).isEqualTo(RuntimeStatus.STOPPED);
    time.advance(Duration.ofSeconds(1)); // well past the backoff

    assertThat(state(runtime, "m").status()).isEqualTo(RuntimeStatus.STOPPED);
    assertThat(state(runtime, "m").restartCount()).isZero();
    runtime.remove("m").toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(runtime.modules()).isEmpty();
  }

  @Test
  void anUnreachableRuntimeFailsEveryOperation() {
    SimulatedModuleRuntime runtime = runtime(FailureInjection.none());
    runtime.setAvailable(false);
    assertThatThrownBy(() -> get(runtime.create(ModuleSpec.of("m", "x:1"))))
        .hasCauseInstanceOf(RuntimeUnavailableException.class);
    assertThatThrownBy(runtime::modules).isInstanceOf(RuntimeUnavailableException.class);
    runtime.setAvailable(true);
    assertThat(runtime.modules()).isEmpty();
  }

  @Test
  void pullsUseTheCredentialsOfTheImagesRegistry() throws Exception {
    SimulatedModuleRuntime runtime = runtime(FailureInjection.none());
    runtime.registryCredentials(
        List.of(new RegistryCredential("contoso", "contoso.azurecr.io", "u", "p")));
    get(runtime.create(ModuleSpec.of("a", "contoso.azurecr.io/filter:1")));
    get(runtime.create(ModuleSpec.of("b", "mcr.microsoft.com/sensor:1")));
    assertThat(runtime.pulls())
        .containsExactly(
            "contoso.azurecr.io/filter:1 contoso", "mcr.microsoft.com/sensor:1 anonymous");
    assertThat(runtime.credentials().get(0).toString()).doesNotContain("p]").contains("redacted");
  }

  @Test
  void backoffDoublesUpToItsLimit() {
    SimulationSettings settings =
        SimulationSettings.defaults(Duration.ZERO)
            .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
    assertThat(settings.backoffAfter(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(settings.backoffAfter(3)).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.backoffAfter(30)).isEqualTo(Duration.ofSeconds(5));
  }
}

package io.edgefleet.benchmarks;

import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.NamespaceResolution;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's speed (issue 4): the full decision for a namespace of 100,000 devices and 100
 * deployments (prepare, decide every device, merge, count), and one device against 100 prepared
 * deployments. One thread. {@code parameterPercent} 20 puts per-device parameters in every fifth
 * deployment (docs/concepts.md section 8), to compare with 0 in the same run.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ResolutionBenchmark {

  @Param("100000")
  int devices;

  @Param("100")
  int deployments;

  /** Percent of the deployments using per-device parameters (docs/concepts.md section 8). */
  @Param({"0", "20"})
  int parameterPercent;

  List<DeviceSource> fleet;
  List<DeploymentSource> sources;
  DeploymentSet prepared;
  int next;

  @Setup(Level.Trial)
  public void setUp() {
    fleet = SyntheticNamespace.devices(devices, 42);
    sources = SyntheticNamespace.deployments(deployments, parameterPercent);
    prepared = DeploymentSet.prepare(sources);
    System.gc();
  }

  /**
   * Everything from the deployment sources: parse and check, decide, merge, count. Ten shots to
   * warm up: with fewer, the JIT compiler still takes CPU during the measured shots on two cores
   * (docs/benchmarks.md, "Per-device parameters").
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 10)
  @Measurement(iterations = 5)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public NamespaceResolution fullDecision() {
    return NamespaceResolution.resolve("bench", sources, fleet);
  }

  /** One device against the prepared deployments (what a controller does per device event). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public DeviceDecision oneDevice() {
    DeviceDecision decision = prepared.decide(fleet.get(next));
    next = next + 7919 < fleet.size() ? next + 7919 : (next + 7919) % fleet.size();
    return decision;
  }
}

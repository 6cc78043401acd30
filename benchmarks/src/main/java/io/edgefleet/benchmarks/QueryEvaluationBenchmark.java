package io.edgefleet.benchmarks;

import io.edgefleet.engine.query.QueryException;
import io.edgefleet.engine.query.QueryParser;
import io.edgefleet.engine.query.TargetCondition;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Condition evaluations per second on one thread. Each invocation makes 100,000 evaluations: one
 * pass over the 100,000-device fleet, or 100 passes over a 1,000-device fleet that stays in the CPU
 * caches (which shows the evaluator's own cost, without memory latency).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class QueryEvaluationBenchmark {

  static final int EVALUATIONS = 100_000;

  static final Map<String, String> CONDITIONS =
      Map.of(
          "equality", "tags.environment = 'prod'",
          "andOr",
              "tags.environment = 'prod' AND (tags.roomtype = 'conference' OR tags.floor = '2')",
          "inList", "tags.floor IN ['1', '2', '3', '5', '8']",
          "nestedReported", "properties.reported.lastDesiredStatus.code = 200",
          "docsExample", "tags.environment='prod' AND properties.reported.devicemodel='4000x'");

  @Param({"equality", "andOr", "inList", "nestedReported", "docsExample"})
  public String condition;

  @Param({"100000", "1000"})
  public int fleetSize;

  private FleetDevice[] fleet;
  private TargetCondition compiled;

  @Setup
  public void setUp() throws QueryException {
    fleet = Fleet.generate(fleetSize, 42);
    compiled = QueryParser.parseCondition(CONDITIONS.get(condition));
  }

  @Benchmark
  @OperationsPerInvocation(EVALUATIONS)
  public int evaluate() {
    int matches = 0;
    for (int pass = EVALUATIONS / fleet.length; pass > 0; pass--) {
      for (FleetDevice device : fleet) {
        if (compiled.matches(device)) {
          matches++;
        }
      }
    }
    return matches;
  }
}

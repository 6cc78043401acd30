package io.edgefleet.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The floor for {@code tags.environment = 'prod'}: the same check hand-written against Jackson,
 * with no query engine at all. The gap to {@link QueryEvaluationBenchmark} is the engine's cost;
 * the rest is the cost of reaching each twin in memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class QueryBaselineBenchmark {

  @Param({"100000", "1000"})
  public int fleetSize;

  private FleetDevice[] fleet;
  private final String prod = new String(new char[] {'p', 'r', 'o', 'd'});

  @Setup
  public void setUp() {
    fleet = Fleet.generate(fleetSize, 42);
  }

  @Benchmark
  @OperationsPerInvocation(QueryEvaluationBenchmark.EVALUATIONS)
  public int handWrittenEquality() {
    int matches = 0;
    for (int pass = QueryEvaluationBenchmark.EVALUATIONS / fleet.length; pass > 0; pass--) {
      for (FleetDevice device : fleet) {
        JsonNode value = device.tags().get("environment");
        if (value != null && value.isTextual() && prod.equals(value.textValue())) {
          matches++;
        }
      }
    }
    return matches;
  }
}

package io.edgefleet.benchmarks;

import io.edgefleet.engine.query.MetricQuery;
import io.edgefleet.engine.query.QueryException;
import io.edgefleet.engine.query.QueryParser;
import io.edgefleet.engine.query.TargetCondition;
import io.edgefleet.engine.route.Route;
import io.edgefleet.engine.route.RouteParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Time to parse and compile (or, for an invalid text, reject) one text. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class QueryParseBenchmark {

  public String typical = "tags.environment='prod' AND properties.reported.devicemodel='4000x'";

  public String complex =
      "(tags.building IN ['20', '21', '43'] OR STARTSWITH(tags.location.region, 'eu-'))"
          + " AND NOT tags.environment = 'dev'"
          + " AND properties.reported.lastDesiredStatus.code = 200"
          + " AND configurations.[[prod-base]].status = 'Applied'";

  public String metric =
      "SELECT deviceId FROM devices WHERE properties.reported.lastDesiredStatus.code = 200";

  public String route =
      "FROM /messages/modules/filter/outputs/out1 WHERE $body.temperature > 30"
          + " INTO BrokeredEndpoint(\"/modules/alerts/inputs/in\")";

  public String invalid = "tags.environment='prod' AND properties.reported.devicemodel=";

  @Benchmark
  public TargetCondition typicalCondition() throws QueryException {
    return QueryParser.parseCondition(typical);
  }

  @Benchmark
  public TargetCondition complexCondition() throws QueryException {
    return QueryParser.parseCondition(complex);
  }

  @Benchmark
  public MetricQuery metricQuery() throws QueryException {
    return QueryParser.parseMetricQuery(metric);
  }

  @Benchmark
  public Route route() throws QueryException {
    return RouteParser.parse(route);
  }

  @Benchmark
  public Object invalidCondition() {
    try {
      return QueryParser.parseCondition(invalid);
    } catch (QueryException e) {
      return e;
    }
  }
}

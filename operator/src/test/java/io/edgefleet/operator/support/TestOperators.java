package io.edgefleet.operator.support;

import io.edgefleet.operator.EdgeFleetOperator;
import io.edgefleet.operator.config.OperatorSettings;
import io.edgefleet.operator.config.SettingsParser;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Operators for tests: a free HTTP port and a short status interval. */
public final class TestOperators {

  private TestOperators() {}

  /** Settings for tests, with extra EDGEFLEET_* variables. */
  public static OperatorSettings settings(String... variables) {
    Map<String, String> env = new HashMap<>();
    env.put("EDGEFLEET_HTTP_PORT", "0");
    env.put("EDGEFLEET_STATUS_INTERVAL", "200ms");
    env.put("EDGEFLEET_RECONCILE_THREADS", "8");
    for (int i = 0; i + 1 < variables.length; i += 2) {
      env.put(variables[i], variables[i + 1]);
    }
    return SettingsParser.parse(env);
  }

  /** A started operator. */
  public static EdgeFleetOperator started(KubernetesClient client, OperatorSettings settings) {
    EdgeFleetOperator operator = EdgeFleetOperator.create(client, settings, Clock.systemUTC());
    operator.start();
    return operator;
  }

  /** A started operator with test settings. */
  public static EdgeFleetOperator started(KubernetesClient client) {
    return started(client, settings());
  }
}

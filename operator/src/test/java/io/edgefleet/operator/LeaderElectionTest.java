package io.edgefleet.operator;

import static io.edgefleet.operator.support.Fleet.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.operator.config.OperatorSettings;
import io.edgefleet.operator.support.Fleet;
import io.edgefleet.operator.support.TestOperators;
import io.edgefleet.testfixtures.Fixtures;
import io.edgefleet.testfixtures.MockApiServers;
import io.edgefleet.testfixtures.QuietMockServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Two operators, one Lease: one reconciles; the other takes over when it stops. */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionTest {

  static {
    QuietMockServer.install();
  }

  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void onlyTheLeaderWritesAndAStandbyTakesOver() {
    MockApiServers.allowLeaseChecks(server);
    Fleet fleet = new Fleet(client, "leader");
    fleet.create(Fixtures.deployment("", "base").module("m", "img:1").build());

    EdgeFleetOperator a = TestOperators.started(client, elected("operator-a"));
    EdgeFleetOperator b = TestOperators.started(client, elected("operator-b"));
    try {
      Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> a.leading() || b.leading());
      EdgeFleetOperator leader = a.leading() ? a : b;
      EdgeFleetOperator standby = leader == a ? b : a;
      assertThat(standby.leading()).isFalse();
      assertThat(standby.ready()).as("a standby is ready (caches synced)").isTrue();

      fleet.create(Fixtures.device("", "d1"));
      eventually(() -> assertThat(fleet.manifest("d1")).contains("img:1"));
      assertThat(leader.metrics().apiWrites("ConfigMap", "create")).isEqualTo(1);
      assertThat(standby.metrics().apiWrites("ConfigMap", "create")).isZero();

      leader.close();
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(standby::leading);
      fleet.create(Fixtures.device("", "d2"));
      eventually(() -> assertThat(fleet.manifest("d2")).contains("img:1"));
      assertThat(standby.metrics().apiWrites("ConfigMap", "create")).isEqualTo(1);
    } finally {
      a.close();
      b.close();
    }
  }

  private static OperatorSettings elected(String identity) {
    return TestOperators.settings(
        "EDGEFLEET_LEADER_ELECTION", "true",
        "EDGEFLEET_LEADER_ELECTION_NAMESPACE", "default",
        "EDGEFLEET_LEADER_ELECTION_LEASE_DURATION", "4s",
        "POD_NAME", identity);
  }
}

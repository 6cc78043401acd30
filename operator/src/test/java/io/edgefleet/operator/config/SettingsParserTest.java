package io.edgefleet.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsParserTest {

  @Test
  void defaultsWhenNothingIsSet() {
    OperatorSettings settings = SettingsParser.parse(Map.of());
    assertThat(settings.watchesAllNamespaces()).isTrue();
    assertThat(settings.reconcileThreads()).isEqualTo(16);
    assertThat(settings.leaderElection()).isFalse();
    assertThat(settings.leaseName()).isEqualTo("edgefleet-operator");
    assertThat(settings.httpPort()).isEqualTo(8080);
    assertThat(settings.statusInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.resyncInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void readsEveryVariable() {
    OperatorSettings settings =
        SettingsParser.parse(
            Map.of(
                "EDGEFLEET_WATCH_NAMESPACES", " campus , lab ",
                "EDGEFLEET_RECONCILE_THREADS", "32",
                "EDGEFLEET_LEADER_ELECTION", "true",
                "EDGEFLEET_LEADER_ELECTION_LEASE_DURATION", "4s",
                "EDGEFLEET_STATUS_INTERVAL", "500ms",
                "POD_NAME", "op-0",
                "POD_NAMESPACE", "edgefleet-system"));
    assertThat(settings.watchNamespaces()).containsExactlyInAnyOrder("campus", "lab");
    assertThat(settings.reconcileThreads()).isEqualTo(32);
    assertThat(settings.leaderElection()).isTrue();
    assertThat(settings.leaseNamespace()).isEqualTo("edgefleet-system");
    assertThat(settings.identity()).isEqualTo("op-0");
    assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(4));
    assertThat(settings.statusInterval()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void unknownLogLevelsAndFormatsAreRefusedWithTheVariablesName() {
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("EDGEFLEET_LOG_FORMAT", "xml")))
        .hasMessage("EDGEFLEET_LOG_FORMAT must be one of text, json, not 'xml'");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("EDGEFLEET_LOG_FORMAT", "JSON")))
        .hasMessageContaining("EDGEFLEET_LOG_FORMAT");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("EDGEFLEET_LOG_LEVEL", "LOUD")))
        .hasMessage(
            "EDGEFLEET_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, not 'LOUD'");
    SettingsParser.parse(Map.of("EDGEFLEET_LOG_LEVEL", "debug", "EDGEFLEET_LOG_FORMAT", "json"));
  }

  @Test
  void aBadValueNamesTheVariable() {
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("EDGEFLEET_RECONCILE_THREADS", "many")))
        .hasMessageContaining("EDGEFLEET_RECONCILE_THREADS must be a whole number");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("EDGEFLEET_LEADER_ELECTION", "maybe")))
        .hasMessageContaining("EDGEFLEET_LEADER_ELECTION must be true or false");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("EDGEFLEET_STATUS_INTERVAL", "2 seconds")))
        .hasMessageContaining("EDGEFLEET_STATUS_INTERVAL must be a duration");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("EDGEFLEET_WATCH_NAMESPACES", "Campus")))
        .hasMessageContaining("'Campus' is not a namespace name");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("EDGEFLEET_HTTP_PORT", "70000")))
        .hasMessageContaining("EDGEFLEET_HTTP_PORT must be 0 to 65535");
  }
}

package io.edgefleet.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Written versus running: the sync state of a delivered configuration, from the agent's report. */
class SyncTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}                                                                     | Pending | AgentHasNotReported",
        "{\"lastDesiredStatus\":{\"code\":200}}                                 | Pending | AgentHasNotReported",
        "{\"lastDesiredVersion\":\"old\",\"lastDesiredStatus\":{\"code\":200}}  | Pending | AgentReportsOlderVersion",
        "{\"lastDesiredVersion\":\"v2\",\"lastDesiredStatus\":{\"code\":200}}   | InSync  | AgentReportsDesiredVersion",
        "{\"lastDesiredVersion\":\"v2\",\"lastDesiredStatus\":{\"code\":\"200\"}} | Failed | AgentReportsFailure",
        "{\"lastDesiredVersion\":\"v2\",\"lastDesiredStatus\":{\"code\":500}}   | Failed  | AgentReportsFailure",
        "{\"lastDesiredVersion\":\"v2\"}                                        | Failed  | AgentReportsFailure",
        "{\"lastDesiredVersion\":2,\"lastDesiredStatus\":{\"code\":200}}        | Pending | AgentHasNotReported",
      })
  void deliveredVersionIsInSyncOnlyWhenTheAgentReportsItWith200(
      String reported, String state, String reason) throws Exception {
    Sync sync = Sync.ofDelivered("v2", AgentReport.of((ObjectNode) JSON.readTree(reported)));
    assertThat(sync.state().label()).isEqualTo(state);
    assertThat(sync.reason()).isEqualTo(reason);
    assertThat(sync.message()).contains("v2");
  }

  @Test
  void messagesSayWhatTheAgentReports() throws Exception {
    ObjectNode failed =
        (ObjectNode)
            JSON.readTree(
                "{\"lastDesiredVersion\":\"v2\",\"lastDesiredStatus\":{\"code\":500,"
                    + "\"description\":\"pull of contoso.azurecr.io/a:1 failed\"}}");
    assertThat(Sync.ofDelivered("v2", AgentReport.of(failed)).message())
        .isEqualTo(
            "the agent reports status 500 for version v2: pull of contoso.azurecr.io/a:1 failed");
    ObjectNode older =
        (ObjectNode)
            JSON.readTree("{\"lastDesiredVersion\":\"v1\",\"lastDesiredStatus\":{\"code\":200}}");
    assertThat(Sync.ofDelivered("v2", AgentReport.of(older)).message())
        .isEqualTo("version v2 is written; the agent still reports version v1 (status 200)");
  }

  @Test
  void keptConfigurationsAreFrozenOrNotManaged() {
    assertThat(Sync.frozen("bad", "v1").state()).isEqualTo(SyncState.FROZEN);
    assertThat(Sync.frozen("bad", "v1").message()).contains("bad", "v1");
    assertThat(Sync.notManaged("v1").reason()).isEqualTo("NotManaged");
    assertThat(Sync.notManaged(null).reason()).isEqualTo("NoDeployment");
    assertThat(Sync.undelivered("RegistrySecretMissing", "x").state()).isEqualTo(SyncState.FAILED);
  }

  @Test
  void onlyPendingAndFailedAreBehind() {
    assertThat(SyncState.values())
        .filteredOn(SyncState::behind)
        .containsExactly(SyncState.PENDING, SyncState.FAILED);
  }

  @Test
  void behindDevicesKeepTheFirstByNameAndCountThemAll() {
    BehindDevices behind = new BehindDevices(3);
    AgentReport none = AgentReport.of(null);
    AgentReport ok = new AgentReport("v2", 200, null);
    AgentReport failed = new AgentReport("v2", 500, "boom");
    IntStream.of(9, 3, 7, 1, 5, 8)
        .forEach(i -> behind.offer("d" + i, "v2", i == 7 ? failed : none));
    behind.offer("d0", "v2", ok);
    assertThat(behind.total()).isEqualTo(6);
    assertThat(behind.first()).extracting(BehindDevice::name).containsExactly("d1", "d3", "d5");
    assertThat(behind.first()).allSatisfy(d -> assertThat(d.state()).isEqualTo(SyncState.PENDING));
    BehindDevices all = new BehindDevices(10);
    all.offer("d7", "v2", failed);
    assertThat(all.first())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.state()).isEqualTo(SyncState.FAILED);
              assertThat(d.message()).contains("status 500", "boom");
            });
  }
}

package io.edgefleet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Table responses behind kubectl get's columns. */
class TablesTest {

  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
  private final Harness h = new Harness(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void customResourcesGetTheCrdsPrinterColumns() {
    h.namespace("ns");
    h.create(Harness.DEPLOYMENTS.formatted("ns"), Harness.deployment("ns", "base", 10));
    h.merge(
        Harness.DEPLOYMENTS.formatted("ns") + "/base/status",
        "{\"status\":{\"targetedCount\":7,\"appliedCount\":6,\"conditions\":[{\"type\":\"Ready\","
            + "\"status\":\"True\",\"reason\":\"Applied\",\"message\":\"ok\","
            + "\"lastTransitionTime\":\"2025-01-01T00:00:00Z\"}]}}");
    JsonNode table = h.table(Harness.DEPLOYMENTS.formatted("ns")).body();
    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(columns(table))
        .containsExactly(
            "Name",
            "Layered",
            "Priority",
            "Target",
            "Targeted",
            "Applied",
            "Pending",
            "Succeeded",
            "Failed",
            "Ready",
            "Age");
    JsonNode cells = table.path("rows").get(0).path("cells");
    assertThat(cells.get(0).asText()).isEqualTo("base");
    assertThat(cells.get(1).asBoolean()).isFalse();
    assertThat(cells.get(2).asInt()).isEqualTo(10);
    assertThat(cells.get(3).asText()).isEqualTo("*");
    assertThat(cells.get(4).asInt()).isEqualTo(7);
    assertThat(cells.get(6).isNull())
        .as("a missing value is null (kubectl prints it empty)")
        .isTrue();
    assertThat(cells.get(9).asText()).isEqualTo("True");
    JsonNode object = table.path("rows").get(0).path("object");
    assertThat(object.path("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(object.path("metadata").path("name").asText()).isEqualTo("base");
  }

  @Test
  void listValuesPrintAsJsonAndDatesAsAges() {
    Tables tables = new Tables(h.core.catalog, Clock.fixed(NOW, ZoneOffset.UTC));
    ApiResource devices =
        h.core.catalog.find("edgefleet.io", "v1alpha1", "edgedevices").orElseThrow();
    ObjectNode device =
        (ObjectNode)
            Json.parse(
                "{\"metadata\":{\"name\":\"d\",\"creationTimestamp\":\"2025-01-01T11:56:50Z\"},"
                    + "\"status\":{\"baseDeployment\":\"base\",\"layers\":[\"a\",\"b\"],"
                    + "\"managed\":true,\"syncState\":\"InSync\",\"desiredVersion\":\"v1\"}}");
    JsonNode cells =
        tables.table(devices, List.of(device), "1", null, true).path("rows").get(0).path("cells");
    assertThat(cells.get(1).asText()).isEqualTo("base");
    assertThat(cells.get(2).asText()).isEqualTo("[\"a\",\"b\"]");
    assertThat(cells.get(3).asText()).isEqualTo("InSync");
    assertThat(cells.get(4).asText()).isEqualTo("v1");
    assertThat(cells.get(5).isNull()).isTrue();
    assertThat(cells.get(6).isNull()).isTrue();
    assertThat(cells.get(7).asText()).isEqualTo("3m10s");
  }

  @Test
  void builtInKindsGetTheirUsualColumns() {
    h.namespace("ns");
    h.create(Harness.CONFIGMAPS.formatted("ns"), Harness.configMap("ns", "c", null));
    JsonNode cm = h.table(Harness.CONFIGMAPS.formatted("ns")).body();
    assertThat(columns(cm)).containsExactly("Name", "Data", "Age");
    assertThat(cm.path("rows").get(0).path("cells").get(1).asInt()).isEqualTo(1);
    assertThat(columns(h.table("/api/v1/namespaces").body()))
        .containsExactly("Name", "Status", "Age");
    JsonNode ns = h.table("/api/v1/namespaces/ns").body();
    assertThat(ns.path("rows").get(0).path("cells").get(1).asText()).isEqualTo("Active");
    assertThat(columns(h.table("/api/v1/namespaces/ns/secrets").body()))
        .containsExactly("Name", "Type", "Data", "Age");
    assertThat(columns(h.table("/api/v1/namespaces/ns/events").body()))
        .containsExactly("Last Seen", "Type", "Reason", "Object", "Message", "Name");
  }

  @Test
  void agesReadLikeKubectls() {
    assertThat(Tables.humanDuration(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
    assertThat(Tables.humanDuration(Duration.ofMillis(-500))).isEqualTo("0s");
    assertThat(Tables.humanDuration(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Tables.humanDuration(Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(Tables.humanDuration(Duration.ofSeconds(190))).isEqualTo("3m10s");
    assertThat(Tables.humanDuration(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Tables.humanDuration(Duration.ofMinutes(42))).isEqualTo("42m");
    assertThat(Tables.humanDuration(Duration.ofMinutes(200))).isEqualTo("3h20m");
    assertThat(Tables.humanDuration(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(Tables.humanDuration(Duration.ofHours(75))).isEqualTo("3d3h");
    assertThat(Tables.humanDuration(Duration.ofDays(40))).isEqualTo("40d");
    assertThat(Tables.humanDuration(Duration.ofDays(800))).isEqualTo("2y70d");
    assertThat(Tables.humanDuration(Duration.ofDays(3650))).isEqualTo("10y");
  }

  private static List<String> columns(JsonNode table) {
    List<String> names = new ArrayList<>();
    table.path("columnDefinitions").forEach(c -> names.add(c.path("name").asText()));
    return names;
  }
}

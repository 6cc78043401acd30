package io.edgefleet.sandbox;

import static io.edgefleet.sandbox.Harness.CONFIGMAPS;
import static io.edgefleet.sandbox.Harness.DEVICES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox deletes what the API server's garbage collector and namespace controller delete. */
class GarbageCollectionTest {

  private Harness h = new Harness();

  GarbageCollectionTest() {
    h.namespace("ns");
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void deletingAnOwnerDeletesItsDependentsAndTheirs() {
    JsonNode device = h.create(DEVICES.formatted("ns"), Harness.device("ns", "d1", "{}"));
    JsonNode cm =
        h.create(CONFIGMAPS.formatted("ns"), Harness.configMap("ns", "owned", uid(device)));
    h.create(CONFIGMAPS.formatted("ns"), Harness.configMap("ns", "grandchild", uid(cm)));
    h.create(CONFIGMAPS.formatted("ns"), Harness.configMap("ns", "unrelated", null));

    assertThat(h.delete(DEVICES.formatted("ns") + "/d1").code()).isEqualTo(200);
    h.awaitGc();

    assertThat(h.get(CONFIGMAPS.formatted("ns") + "/owned").code()).isEqualTo(404);
    assertThat(h.get(CONFIGMAPS.formatted("ns") + "/grandchild").code()).isEqualTo(404);
    assertThat(h.get(CONFIGMAPS.formatted("ns") + "/unrelated").code()).isEqualTo(200);
  }

  @Test
  void aDependentWithAnotherOwnerLeftOnlyLosesTheDanglingReference() {
    JsonNode a = h.create(DEVICES.formatted("ns"), Harness.device("ns", "a", "{}"));
    JsonNode b = h.create(DEVICES.formatted("ns"), Harness.device("ns", "b", "{}"));
    String twoOwners =
        Harness.configMap("ns", "shared", uid(a))
            .replace(
                "}]",
                "},{\"apiVersion\":\"v1\",\"kind\":\"X\",\"name\":\"b\",\"uid\":\""
                    + uid(b)
                    + "\"}]");
    h.create(CONFIGMAPS.formatted("ns"), twoOwners);

    h.delete(DEVICES.formatted("ns") + "/a");
    h.awaitGc();

    JsonNode shared = h.get(CONFIGMAPS.formatted("ns") + "/shared").body();
    assertThat(shared.path("metadata").path("ownerReferences")).hasSize(1);
    assertThat(shared.path("metadata").path("ownerReferences").get(0).path("uid").asText())
        .isEqualTo(uid(b));
  }

  @Test
  void orphanPropagationKeepsDependentsAndDropsTheirReference() {
    JsonNode device = h.create(DEVICES.formatted("ns"), Harness.device("ns", "d1", "{}"));
    h.create(CONFIGMAPS.formatted("ns"), Harness.configMap("ns", "kept", uid(device)));

    Harness.Response r =
        h.call(
            "DELETE",
            DEVICES.formatted("ns") + "/d1",
            "application/json",
            "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Orphan\"}");
    assertThat(r.code()).isEqualTo(200);
    h.awaitGc();

    JsonNode kept = h.get(CONFIGMAPS.formatted("ns") + "/kept").body();
    assertThat(kept.path("metadata").has("ownerReferences")).isFalse();
  }

  @Test
  void anObjectCreatedForAnOwnerThatIsGoneIsCollected() {
    h.create(
        CONFIGMAPS.formatted("ns"),
        Harness.configMap("ns", "dangling", "00000000-0000-0000-0000-00000000dead"));
    h.awaitGc();
    assertThat(h.get(CONFIGMAPS.formatted("ns") + "/dangling").code()).isEqualTo(404);
  }

  @Test
  void deletingANamespaceDeletesEverythingInIt() {
    h.namespace("other");
    h.create(DEVICES.formatted("ns"), Harness.device("ns", "d1", "{}"));
    h.create(CONFIGMAPS.formatted("ns"), Harness.configMap("ns", "c", null));
    h.create(CONFIGMAPS.formatted("other"), Harness.configMap("other", "c", null));

    assertThat(h.delete("/api/v1/namespaces/ns").code()).isEqualTo(200);
    h.awaitGc();

    assertThat(h.get("/apis/edgefleet.io/v1alpha1/edgedevices").body().path("items")).isEmpty();
    assertThat(h.get(CONFIGMAPS.formatted("ns") + "/c").code()).isEqualTo(404);
    assertThat(h.get(CONFIGMAPS.formatted("other") + "/c").code()).isEqualTo(200);
    assertThat(h.post(CONFIGMAPS.formatted("ns"), Harness.configMap("ns", "late", null)).code())
        .isEqualTo(404);
  }

  @Test
  void deletingACrdDeletesItsObjectsAndItsApi() {
    h.create(DEVICES.formatted("ns"), Harness.device("ns", "d1", "{}"));
    assertThat(
            h.delete(
                    "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/edgedevices.edgefleet.io")
                .code())
        .isEqualTo(200);
    assertThat(h.get(DEVICES.formatted("ns")).code()).isEqualTo(404);
    assertThat(h.core.store.snapshot()).noneMatch(s -> s.contains("\"kind\":\"EdgeDevice\""));
  }

  @Test
  void finalizersHoldADeletionUntilTheyAreRemoved() {
    h.create(
        DEVICES.formatted("ns"),
        Harness.device("ns", "d1", "{}")
            .replace(
                "\"namespace\":\"ns\"",
                "\"namespace\":\"ns\",\"finalizers\":[\"example.com/hold\"]"));
    JsonNode marked = h.delete(DEVICES.formatted("ns") + "/d1").body();
    assertThat(marked.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
    assertThat(h.get(DEVICES.formatted("ns") + "/d1").code()).isEqualTo(200);
    Harness.Response released =
        h.merge(DEVICES.formatted("ns") + "/d1", "{\"metadata\":{\"finalizers\":null}}");
    assertThat(released.code()).isEqualTo(200);
    assertThat(h.get(DEVICES.formatted("ns") + "/d1").code()).isEqualTo(404);
  }

  @Test
  void eventsExpireAfterTheirTimeToLive() {
    h.close();
    h = new Harness(Clock.systemUTC(), Duration.ofSeconds(2));
    h.namespace("ns");
    String old = Instant.now().minus(Duration.ofHours(2)).toString();
    h.create(
        "/api/v1/namespaces/ns/events",
        "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"old\"},"
            + "\"involvedObject\":{\"kind\":\"EdgeDevice\",\"name\":\"d1\"},\"reason\":\"R\","
            + "\"lastTimestamp\":\""
            + old
            + "\"}");
    h.create(
        "/api/v1/namespaces/ns/events",
        "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"new\"},"
            + "\"involvedObject\":{\"kind\":\"EdgeDevice\",\"name\":\"d1\"},\"reason\":\"R\","
            + "\"lastTimestamp\":\""
            + Instant.now()
            + "\"}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.get("/api/v1/namespaces/ns/events/old").code() == 404);
    assertThat(h.get("/api/v1/namespaces/ns/events/new").code()).isEqualTo(200);
  }

  private static String uid(JsonNode o) {
    return o.path("metadata").path("uid").asText();
  }
}

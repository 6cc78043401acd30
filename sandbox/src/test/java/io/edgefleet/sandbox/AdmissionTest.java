package io.edgefleet.sandbox;

import static io.edgefleet.sandbox.Harness.CONFIGMAPS;
import static io.edgefleet.sandbox.Harness.DEPLOYMENTS;
import static io.edgefleet.sandbox.Harness.DEVICES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.validation.ApiServerErrors;
import io.edgefleet.validation.CrdValidator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Writes of custom resources are admitted as kube-apiserver admits them. */
class AdmissionTest {

  private final Harness h = new Harness();

  AdmissionTest() {
    h.namespace("ns");
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void anInvalidObjectIsAnsweredWithTheApiServers422Status() {
    String bad = Harness.deployment("ns", "bad", -1);
    Harness.Response r = h.post(DEPLOYMENTS.formatted("ns"), bad);
    CrdValidator validator = CrdValidator.load(EdgeFleetCrds.yaml().get(1));
    JsonNode expected =
        ApiServerErrors.invalidStatus(
            "EdgeDeployment",
            "edgefleet.io",
            "bad",
            validator.admitCreate(Json.parse(bad)).errors());
    assertThat(r.code()).isEqualTo(422);
    assertThat(r.body()).isEqualTo(expected);
    assertThat(r.message())
        .isEqualTo(
            "EdgeDeployment.edgefleet.io \"bad\" is invalid: spec.priority: Invalid value: -1:"
                + " spec.priority in body should be greater than or equal to 0");
    assertThat(h.get(DEPLOYMENTS.formatted("ns") + "/bad").code()).isEqualTo(404);
  }

  @Test
  void celRulesAreEnforcedOnPatchesToo() {
    h.create(DEPLOYMENTS.formatted("ns"), Harness.deployment("ns", "d", 1));
    Harness.Response r =
        h.merge(
            DEPLOYMENTS.formatted("ns") + "/d",
            "{\"spec\":{\"layered\":true,\"runtime\":{\"schemaVersion\":\"1.1\"}}}");
    assertThat(r.code()).isEqualTo(422);
    assertThat(r.message()).contains("spec.runtime is only allowed on standard deployments");
  }

  @Test
  void defaultsFromTheSchemaAreStoredAndStatusIsDroppedOnCreate() {
    JsonNode created =
        h.create(
            DEPLOYMENTS.formatted("ns"),
            Harness.deployment("ns", "d", 1)
                .replace("}}}", "}},\"status\":{\"targetedCount\":5}}"));
    assertThat(created.path("spec").path("layered").asBoolean(true)).isFalse();
    assertThat(created.has("status")).isFalse();
    assertThat(created.path("metadata").path("generation").asInt()).isEqualTo(1);
    assertThat(created.path("metadata").path("uid").asText()).isNotEmpty();
  }

  @Test
  void generationMovesWithTheSpecOnly() {
    String path = DEVICES.formatted("ns") + "/d1";
    JsonNode created =
        h.create(DEVICES.formatted("ns"), Harness.device("ns", "d1", "{\"a\":\"1\"}"));
    String rv0 = rv(created);

    JsonNode labelled = h.merge(path, "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}").body();
    assertThat(generation(labelled)).isEqualTo(1);
    assertThat(rv(labelled)).isNotEqualTo(rv0);

    JsonNode status = h.merge(path + "/status", "{\"status\":{\"reported\":{\"k\":1}}}").body();
    assertThat(generation(status)).isEqualTo(1);
    assertThat(status.path("status").path("reported").path("k").asInt()).isEqualTo(1);

    JsonNode spec = h.merge(path, "{\"spec\":{\"tags\":{\"a\":\"2\"}}}").body();
    assertThat(generation(spec)).isEqualTo(2);
    assertThat(spec.path("status").path("reported").path("k").asInt())
        .as("the main resource keeps status")
        .isEqualTo(1);

    JsonNode same = h.merge(path, "{\"spec\":{\"tags\":{\"a\":\"2\"}}}").body();
    assertThat(rv(same)).as("a write that changes nothing").isEqualTo(rv(spec));
  }

  @Test
  void theStatusSubresourceChangesOnlyStatus() {
    String path = DEVICES.formatted("ns") + "/d1";
    h.create(DEVICES.formatted("ns"), Harness.device("ns", "d1", "{\"a\":\"1\"}"));
    JsonNode r =
        h.merge(
                path + "/status",
                "{\"spec\":{\"tags\":{\"a\":\"changed\"}},\"metadata\":{\"labels\":{\"l\":\"v\"}},"
                    + "\"status\":{\"managed\":true}}")
            .body();
    assertThat(r.path("spec").path("tags").path("a").asText()).isEqualTo("1");
    assertThat(r.path("metadata").has("labels")).isFalse();
    assertThat(r.path("status").path("managed").asBoolean()).isTrue();
    // and the main resource ignores status
    JsonNode main = h.merge(path, "{\"status\":{\"managed\":false}}").body();
    assertThat(main.path("status").path("managed").asBoolean()).isTrue();
  }

  @Test
  void statusIsValidatedAgainstTheSchema() {
    String path = DEVICES.formatted("ns") + "/d1";
    h.create(DEVICES.formatted("ns"), Harness.device("ns", "d1", "{}"));
    Harness.Response r = h.merge(path + "/status", "{\"status\":{\"managed\":\"yes\"}}");
    assertThat(r.code()).isEqualTo(422);
    assertThat(r.message()).contains("status.managed: Invalid value: \"string\"");
  }

  @Test
  void staleResourceVersionsConflictOnTheObjectAndOnItsStatus() {
    String path = DEVICES.formatted("ns") + "/d1";
    JsonNode created = h.create(DEVICES.formatted("ns"), Harness.device("ns", "d1", "{}"));
    String stale = rv(created);
    h.merge(path, "{\"spec\":{\"tags\":{\"a\":\"1\"}}}");

    Harness.Response put = h.put(path, withRv(created, stale));
    assertThat(put.code()).isEqualTo(409);
    assertThat(put.message())
        .isEqualTo(
            "Operation cannot be fulfilled on edgedevices.edgefleet.io \"d1\": the object has been"
                + " modified; please apply your changes to the latest version and try again");
    assertThat(put.body().path("reason").asText()).isEqualTo("Conflict");

    Harness.Response status = h.put(path + "/status", withRv(created, stale));
    assertThat(status.code()).isEqualTo(409);

    Harness.Response patch =
        h.merge(path, "{\"metadata\":{\"resourceVersion\":\"" + stale + "\"},\"spec\":{}}");
    assertThat(patch.code()).isEqualTo(409);
  }

  @Test
  void anUpdateOfACustomResourceNeedsAResourceVersion() {
    JsonNode created = h.create(DEVICES.formatted("ns"), Harness.device("ns", "d1", "{}"));
    Harness.Response r = h.put(DEVICES.formatted("ns") + "/d1", withRv(created, ""));
    assertThat(r.code()).isEqualTo(422);
    assertThat(r.message())
        .isEqualTo(
            "EdgeDevice.edgefleet.io \"d1\" is invalid: metadata.resourceVersion: Invalid value:"
                + " 0x0: must be specified for an update");
    // built-in kinds allow unconditional updates
    JsonNode cm = h.create(CONFIGMAPS.formatted("ns"), Harness.configMap("ns", "c", null));
    assertThat(h.put(CONFIGMAPS.formatted("ns") + "/c", withRv(cm, "")).code()).isEqualTo(200);
  }

  @Test
  void unknownFieldsAreDroppedWithAWarningOrRejectedWhenStrict() {
    String body =
        Harness.device("ns", "d1", "{}").replace("\"spec\":{", "\"spec\":{\"colour\":\"red\",");
    Harness.Response strict =
        h.call(
            "POST", DEVICES.formatted("ns") + "?fieldValidation=Strict", "application/json", body);
    assertThat(strict.code()).isEqualTo(400);
    assertThat(strict.message())
        .isEqualTo(
            "EdgeDevice in version \"v1alpha1\" cannot be handled as a EdgeDevice: strict decoding"
                + " error: unknown field \"spec.colour\"");
    Harness.Response warn = h.post(DEVICES.formatted("ns"), body);
    assertThat(warn.code()).isEqualTo(201);
    assertThat(warn.warnings()).containsExactly("unknown field \"spec.colour\"");
    assertThat(warn.body().path("spec").has("colour")).isFalse();

    Harness.Response cm =
        h.call(
            "POST",
            CONFIGMAPS.formatted("ns") + "?fieldValidation=Strict",
            "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"dat\":{}}");
    assertThat(cm.code()).isEqualTo(400);
    assertThat(cm.message()).endsWith("strict decoding error: unknown field \"dat\"");
  }

  @Test
  void patchesOfEveryKindAreAppliedBeforeValidation() {
    String path = DEVICES.formatted("ns") + "/d1";
    h.create(DEVICES.formatted("ns"), Harness.device("ns", "d1", "{\"a\":\"1\",\"b\":\"2\"}"));
    JsonNode merged = h.merge(path, "{\"spec\":{\"tags\":{\"a\":null}}}").body();
    assertThat(merged.path("spec").path("tags").has("a")).isFalse();
    assertThat(merged.path("spec").path("tags").path("b").asText()).isEqualTo("2");

    Harness.Response json =
        h.call(
            "PATCH",
            path,
            "application/json-patch+json",
            "[{\"op\":\"add\",\"path\":\"/spec/tags/c\",\"value\":\"3\"}]");
    assertThat(json.code()).isEqualTo(200);
    assertThat(json.body().path("spec").path("tags").path("c").asText()).isEqualTo("3");

    Harness.Response badJson =
        h.call(
            "PATCH",
            path,
            "application/json-patch+json",
            "[{\"op\":\"replace\",\"path\":\"/spec/nothing/here\",\"value\":1}]");
    assertThat(badJson.code()).isEqualTo(422);

    Harness.Response smp =
        h.call("PATCH", path, "application/strategic-merge-patch+json", "{\"spec\":{}}");
    assertThat(smp.code()).isEqualTo(415);
    Harness.Response ssa = h.call("PATCH", path, "application/apply-patch+yaml", "spec: {}");
    assertThat(ssa.code()).isEqualTo(415);
    assertThat(ssa.message()).contains("server-side apply is not supported");
  }

  @Test
  void createsCheckTheNamespaceTheNameAndExistence() {
    Harness.Response missing =
        h.post(DEVICES.formatted("nowhere"), Harness.device("nowhere", "d1", "{}"));
    assertThat(missing.code()).isEqualTo(404);
    assertThat(missing.message()).isEqualTo("namespaces \"nowhere\" not found");

    h.create(DEVICES.formatted("ns"), Harness.device("ns", "d1", "{}"));
    Harness.Response twice = h.post(DEVICES.formatted("ns"), Harness.device("ns", "d1", "{}"));
    assertThat(twice.code()).isEqualTo(409);
    assertThat(twice.message()).isEqualTo("edgedevices.edgefleet.io \"d1\" already exists");
    assertThat(twice.body().path("reason").asText()).isEqualTo("AlreadyExists");

    Harness.Response other =
        h.post(DEVICES.formatted("ns"), Harness.device("elsewhere", "d2", "{}"));
    assertThat(other.code()).isEqualTo(400);

    Harness.Response generated =
        h.post(
            DEVICES.formatted("ns"),
            Harness.device("ns", "", "{}").replace("\"name\":\"\"", "\"generateName\":\"dev-\""));
    assertThat(generated.code()).isEqualTo(201);
    assertThat(generated.body().path("metadata").path("name").asText()).matches("dev-[a-z0-9]{5}");
  }

  @Test
  void dryRunChecksWithoutStoring() {
    Harness.Response r =
        h.call(
            "POST",
            DEVICES.formatted("ns") + "?dryRun=All",
            "application/json",
            Harness.device("ns", "d1", "{}"));
    assertThat(r.code()).isEqualTo(201);
    assertThat(h.get(DEVICES.formatted("ns") + "/d1").code()).isEqualTo(404);
  }

  @Test
  void builtInKindsGetTheApiServersConversions() {
    JsonNode secret =
        h.create(
            "/api/v1/namespaces/ns/secrets",
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"},"
                + "\"stringData\":{\"user\":\"me\"}}");
    assertThat(secret.path("data").path("user").asText()).isEqualTo("bWU=");
    assertThat(secret.has("stringData")).isFalse();
    assertThat(secret.path("type").asText()).isEqualTo("Opaque");
    assertThat(secret.path("metadata").has("generation")).isFalse();
    JsonNode ns = h.get("/api/v1/namespaces/ns").body();
    assertThat(ns.path("status").path("phase").asText()).isEqualTo("Active");
    JsonNode same = h.merge("/api/v1/namespaces/ns", "{\"metadata\":{\"labels\":null}}").body();
    assertThat(rv(same)).as("a cluster-scoped no-op write").isEqualTo(rv(ns));
    assertThat(same.path("metadata").has("namespace")).isFalse();
  }

  @Test
  void listsAreSortedTypedAndFilteredBySelectors() {
    h.create(DEVICES.formatted("ns"), Harness.device("ns", "b", "{}"));
    h.create(DEVICES.formatted("ns"), Harness.device("ns", "a", "{}"));
    h.merge(DEVICES.formatted("ns") + "/b", "{\"metadata\":{\"labels\":{\"env\":\"prod\"}}}");
    JsonNode list = h.get(DEVICES.formatted("ns")).body();
    assertThat(list.path("kind").asText()).isEqualTo("EdgeDeviceList");
    assertThat(list.path("apiVersion").asText()).isEqualTo("edgefleet.io/v1alpha1");
    assertThat(names(list)).containsExactly("a", "b");
    assertThat(names(h.get(DEVICES.formatted("ns") + "?labelSelector=env+in+(prod,test)").body()))
        .containsExactly("b");
    assertThat(names(h.get(DEVICES.formatted("ns") + "?labelSelector=env%21%3Dprod").body()))
        .containsExactly("a");
    assertThat(names(h.get(DEVICES.formatted("ns") + "?fieldSelector=metadata.name%3Da").body()))
        .containsExactly("a");
    assertThat(names(h.get("/apis/edgefleet.io/v1alpha1/edgedevices").body()))
        .containsExactly("a", "b");
  }

  private static List<String> names(JsonNode list) {
    return java.util.stream.StreamSupport.stream(list.path("items").spliterator(), false)
        .map(i -> i.path("metadata").path("name").asText())
        .toList();
  }

  private static String withRv(JsonNode object, String rv) {
    com.fasterxml.jackson.databind.node.ObjectNode copy =
        (com.fasterxml.jackson.databind.node.ObjectNode) object.deepCopy();
    Json.metadata(copy).put("resourceVersion", rv);
    if (rv.isEmpty()) {
      Json.metadata(copy).remove("resourceVersion");
    }
    return Json.write(copy);
  }

  private static String rv(JsonNode o) {
    return o.path("metadata").path("resourceVersion").asText();
  }

  private static int generation(JsonNode o) {
    return o.path("metadata").path("generation").asInt();
  }
}

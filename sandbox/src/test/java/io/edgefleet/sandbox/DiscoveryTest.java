package io.edgefleet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The discovery documents kubectl reads, and how CRDs change them. */
class DiscoveryTest {

  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void theCoreGroupListsTheServedKinds() {
    assertThat(h.get("/api").body().path("versions").get(0).asText()).isEqualTo("v1");
    JsonNode v1 = h.get("/api/v1").body();
    assertThat(v1.path("kind").asText()).isEqualTo("APIResourceList");
    assertThat(v1.path("groupVersion").asText()).isEqualTo("v1");
    JsonNode cm = resource(v1, "configmaps");
    assertThat(cm.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(cm.path("namespaced").asBoolean()).isTrue();
    assertThat(texts(cm.path("shortNames"))).containsExactly("cm");
    assertThat(texts(cm.path("verbs")))
        .contains("create", "get", "list", "watch", "patch", "delete");
    assertThat(resource(v1, "namespaces").path("namespaced").asBoolean()).isFalse();
    assertThat(resource(v1, "namespaces/status").path("kind").asText()).isEqualTo("Namespace");
    assertThat(names(v1)).contains("secrets", "events", "serviceaccounts");
  }

  @Test
  void theEdgeFleetGroupIsBuiltFromTheCrds() {
    JsonNode doc = h.get("/apis/edgefleet.io/v1alpha1").body();
    assertThat(doc.path("groupVersion").asText()).isEqualTo("edgefleet.io/v1alpha1");
    JsonNode devices = resource(doc, "edgedevices");
    assertThat(devices.path("kind").asText()).isEqualTo("EdgeDevice");
    assertThat(devices.path("singularName").asText()).isEqualTo("edgedevice");
    assertThat(texts(devices.path("shortNames"))).containsExactly("edev");
    assertThat(texts(devices.path("categories"))).containsExactly("edgefleet");
    assertThat(texts(resource(doc, "edgedevices/status").path("verbs")))
        .containsExactly("get", "patch", "update");
    assertThat(texts(resource(doc, "edgedeployments").path("shortNames"))).containsExactly("edep");
  }

  @Test
  void theGroupListHasEveryNamedGroup() {
    JsonNode groups = h.get("/apis").body();
    List<String> names = new ArrayList<>();
    groups.path("groups").forEach(g -> names.add(g.path("name").asText()));
    assertThat(names)
        .contains(
            "apiextensions.k8s.io",
            "apps",
            "authorization.k8s.io",
            "coordination.k8s.io",
            "edgefleet.io",
            "events.k8s.io",
            "rbac.authorization.k8s.io");
    JsonNode edgefleet = h.get("/apis/edgefleet.io").body();
    assertThat(edgefleet.path("preferredVersion").path("groupVersion").asText())
        .isEqualTo("edgefleet.io/v1alpha1");
    assertThat(names(h.get("/apis/coordination.k8s.io/v1").body())).containsExactly("leases");
    assertThat(names(h.get("/apis/apps/v1").body())).containsExactly("controllerrevisions");
    assertThat(names(h.get("/apis/authorization.k8s.io/v1").body()))
        .contains("selfsubjectrulesreviews", "selfsubjectaccessreviews");
  }

  @Test
  void unservedPathsAreNotFound() {
    Harness.Response r = h.get("/apis/batch/v1");
    assertThat(r.code()).isEqualTo(404);
    assertThat(r.body().path("reason").asText()).isEqualTo("NotFound");
    assertThat(h.get("/api/v1/namespaces/default/pods").code()).isEqualTo(404);
    assertThat(h.get("/version").body().path("minor").asText()).isEqualTo("32");
  }

  @Test
  void aNewCrdIsServedAndValidatedAndItsRemovalRemovesIt() throws Exception {
    String crd =
        new String(
            getClass().getResourceAsStream("/widgets-crd.yaml").readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    JsonNode created =
        h.create(
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Json.write(Json.parse(crd)));
    assertThat(created.path("status").path("conditions").toString()).contains("Established");
    JsonNode doc = h.get("/apis/example.com/v1").body();
    assertThat(resource(doc, "widgets").path("kind").asText()).isEqualTo("Widget");
    h.namespace("ns");
    Harness.Response bad =
        h.post(
            "/apis/example.com/v1/namespaces/ns/widgets",
            "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"},"
                + "\"spec\":{\"size\":-1}}");
    assertThat(bad.code()).isEqualTo(422);
    h.delete("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com");
    assertThat(h.get("/apis/example.com/v1").code()).isEqualTo(404);
  }

  @Test
  void anInvalidCrdIsRejected() {
    Harness.Response r =
        h.post(
            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
            "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\","
                + "\"metadata\":{\"name\":\"wrong.example.com\"},\"spec\":{\"group\":\"example.com\","
                + "\"names\":{\"plural\":\"things\",\"kind\":\"Thing\"},\"scope\":\"Namespaced\","
                + "\"versions\":[]}}");
    assertThat(r.code()).isEqualTo(422);
    assertThat(r.message()).contains("metadata.name");
  }

  @Test
  void authorizationReviewsAllowEverything() {
    Harness.Response rules =
        h.post(
            "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
            "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectRulesReview\","
                + "\"spec\":{\"namespace\":\"default\"}}");
    assertThat(rules.code()).isEqualTo(201);
    JsonNode rule = rules.body().path("status").path("resourceRules").get(0);
    assertThat(texts(rule.path("verbs"))).containsExactly("*");
    assertThat(texts(rule.path("resources"))).containsExactly("*");
    Harness.Response access =
        h.post(
            "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"spec\":{}}");
    assertThat(access.body().path("status").path("allowed").asBoolean()).isTrue();
  }

  private static JsonNode resource(JsonNode list, String name) {
    for (JsonNode r : list.path("resources")) {
      if (r.path("name").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError(name + " not in " + list);
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.path("resources").forEach(r -> names.add(r.path("name").asText()));
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}

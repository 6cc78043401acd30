package io.edgefleet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAPI v3 documents kubectl apply and kubectl explain read. */
class OpenApiTest {

  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void theIndexPointsAtOneDocumentPerGroupVersion() {
    JsonNode paths = h.get("/openapi/v3").body().path("paths");
    assertThat(paths.has("api/v1")).isTrue();
    String url = paths.path("apis/edgefleet.io/v1alpha1").path("serverRelativeURL").asText();
    assertThat(url).startsWith("/openapi/v3/apis/edgefleet.io/v1alpha1?hash=");
    assertThat(h.get(url).code()).isEqualTo(200);
  }

  @Test
  void patchOperationsDeclareFieldValidationForTheirKind() {
    JsonNode doc = h.get("/openapi/v3/apis/edgefleet.io/v1alpha1").body();
    JsonNode patch =
        doc.path("paths")
            .path("/apis/edgefleet.io/v1alpha1/namespaces/{namespace}/edgedevices/{name}")
            .path("patch");
    assertThat(patch.path("x-kubernetes-group-version-kind").path("kind").asText())
        .isEqualTo("EdgeDevice");
    List<String> params = new ArrayList<>();
    patch.path("parameters").forEach(p -> params.add(p.path("name").asText()));
    assertThat(params).contains("fieldValidation", "dryRun");
    assertThat(patch.path("requestBody").path("content").has("application/merge-patch+json"))
        .isTrue();
    assertThat(
            patch.path("requestBody").path("content").has("application/strategic-merge-patch+json"))
        .isFalse();
    JsonNode core = h.get("/openapi/v3/api/v1").body();
    assertThat(
            core.path("paths")
                .path("/api/v1/namespaces/{namespace}/configmaps/{name}")
                .path("patch")
                .path("x-kubernetes-group-version-kind")
                .path("kind")
                .asText())
        .isEqualTo("ConfigMap");
  }

  @Test
  void theCrdSchemaIsPublishedWithItsKind() {
    JsonNode schemas =
        h.get("/openapi/v3/apis/edgefleet.io/v1alpha1").body().path("components").path("schemas");
    JsonNode deployment = schemas.path("io.edgefleet.v1alpha1.EdgeDeployment");
    assertThat(deployment.path("x-kubernetes-group-version-kind").get(0).path("kind").asText())
        .isEqualTo("EdgeDeployment");
    assertThat(
            deployment
                .path("properties")
                .path("spec")
                .path("properties")
                .path("priority")
                .path("type")
                .asText())
        .isEqualTo("integer");
    assertThat(
            deployment
                .path("properties")
                .path("metadata")
                .path("allOf")
                .get(0)
                .path("$ref")
                .asText())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    assertThat(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")).isTrue();
  }

  @Test
  void aNewCrdChangesTheDocumentsHash() {
    String before = h.get("/openapi/v3").body().toString();
    h.create(
        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
        Json.write(
            Json.parse(
                "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n"
                    + "  name: things.example.com\nspec:\n  group: example.com\n  scope: Cluster\n"
                    + "  names: {kind: Thing, plural: things}\n  versions:\n  - name: v1\n"
                    + "    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n"
                    + "        type: object\n")));
    JsonNode after = h.get("/openapi/v3").body();
    assertThat(after.toString()).isNotEqualTo(before);
    assertThat(after.path("paths").has("apis/example.com/v1")).isTrue();
  }
}

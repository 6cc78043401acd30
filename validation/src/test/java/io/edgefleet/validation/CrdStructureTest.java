package io.edgefleet.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CrdStructureTest {

  private static String crd(String schema) {
    return """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.io}
        spec:
          group: example.io
          scope: Namespaced
          names: {kind: Widget, plural: widgets}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
        """
        + schema.indent(8);
  }

  private static final String PREFIX = "spec.versions[0].schema.openAPIV3Schema";

  @Test
  void theTestCrdIsFine() {
    assertThat(CrdStructure.check(CrdValidatorTest.resource("widgets-crd.yaml"))).isEmpty();
  }

  @Test
  void everyNodeNeedsAType() {
    assertThat(
            CrdStructure.check(
                crd("type: object\nproperties:\n  spec: {properties: {a: {type: string}}}")))
        .containsExactly(
            PREFIX
                + ".properties[spec].type: Required value: must not be empty for specified object fields");
    assertThat(
            CrdStructure.check(
                crd(
                    "type: object\nproperties:\n  spec: {x-kubernetes-preserve-unknown-fields: true}")))
        .isEmpty();
  }

  @Test
  void additionalPropertiesRules() {
    assertThat(
            CrdStructure.check(
                crd(
                    "type: object\nproperties:\n  spec: {type: object, properties: {a: {type: string}}, additionalProperties: {type: string}}")))
        .containsExactly(
            PREFIX
                + ".properties[spec].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive");
    assertThat(
            CrdStructure.check(
                crd(
                    "type: object\nproperties:\n  spec: {type: object, additionalProperties: false}")))
        .containsExactly(
            PREFIX
                + ".properties[spec].additionalProperties: Forbidden: additionalProperties cannot be set to false");
  }

  @Test
  void rootMetadataMayOnlyRestrictNameAndGenerateName() {
    assertThat(
            CrdStructure.check(
                crd(
                    "type: object\nproperties:\n  metadata: {type: object, properties: {labels: {type: object}}}")))
        .containsExactly(
            PREFIX
                + ".properties[metadata]: Forbidden: must not specify anything other than name and"
                + " generateName, but metadata is implicitly specified");
  }

  @Test
  void rulesMustCompileAgainstTheirNodesType() {
    assertThat(
            CrdStructure.check(
                crd(
                    "type: object\nproperties:\n  spec:\n    type: object\n    properties: {n: {type: integer}}\n    x-kubernetes-validations: [{rule: \"self.m > 1\"}]")))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith(
                        PREFIX
                            + ".properties[spec].x-kubernetes-validations[0].rule: Invalid value: \"self.m > 1\": compilation failed:")
                    .contains("undefined field 'm'"));
    assertThat(
            CrdStructure.check(
                crd(
                    "type: object\nproperties:\n  spec:\n    type: object\n    properties: {n: {type: integer}}\n    x-kubernetes-validations: [{rule: \"self.n\"}]")))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("cel expression must evaluate to a bool"));
  }

  @Test
  void aRuleOnAMapOfUntypedValuesHasNoTypeInformation() {
    String schema =
        "type: object\nproperties:\n  spec:\n    type: object\n    additionalProperties: {x-kubernetes-preserve-unknown-fields: true}\n    x-kubernetes-validations: [{rule: \"self.all(k, k != '')\"}]";
    assertThat(CrdStructure.check(crd(schema)))
        .containsExactly(
            PREFIX
                + ".properties[spec].x-kubernetes-validations: Internal error: internal error: failed"
                + " to construct type information for x-kubernetes-validations rules: unable to convert"
                + " structural schema to CEL declarations");
    assertThatThrownBy(() -> CrdValidator.load(crd(schema)))
        .isInstanceOf(InvalidCrdException.class)
        .hasMessageContaining("failed to construct type information");
  }
}

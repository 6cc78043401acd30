package io.edgefleet.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.validation.CrdStructure;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated CRDs are what a real API server accepts: structural schemas, and every CEL rule
 * compiles against the type the API server derives from the rule's node.
 */
class CrdStructureTest {

  @ParameterizedTest
  @ValueSource(strings = {GeneratedCrds.DEVICES, GeneratedCrds.DEPLOYMENTS})
  void generatedCrdIsStructuralAndEveryRuleCompiles(String file) {
    assertThat(CrdStructure.check(GeneratedCrds.json(file))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {GeneratedCrds.DEVICES, GeneratedCrds.DEPLOYMENTS})
  void everyRuleIsCheckedSoABrokenCopyOfEachIsReported(String file) {
    JsonNode crd = GeneratedCrds.json(file);
    List<ObjectNode> ruled = new ArrayList<>();
    collectRuled(crd, ruled);
    if (file.equals(GeneratedCrds.DEPLOYMENTS)) {
      assertThat(ruled).as("schema nodes with x-kubernetes-validations").hasSizeGreaterThan(5);
    }
    for (int i = 0; i < ruled.size(); i++) {
      JsonNode broken = crd.deepCopy();
      List<ObjectNode> copies = new ArrayList<>();
      collectRuled(broken, copies);
      ObjectNode rule = (ObjectNode) copies.get(i).get("x-kubernetes-validations").get(0);
      rule.put("rule", "(" + rule.get("rule").asText() + ") && noSuchVariable");
      assertThat(CrdStructure.check(broken))
          .as("a typo in the rule at node %d must be reported", i)
          .anySatisfy(p -> assertThat(p).contains("undeclared reference to 'noSuchVariable'"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {GeneratedCrds.DEVICES, GeneratedCrds.DEPLOYMENTS})
  void anUntypedFieldIsReported(String file) {
    ObjectNode crd = (ObjectNode) GeneratedCrds.json(file);
    ObjectNode spec =
        (ObjectNode) crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties");
    spec.putObject("untyped").put("description", "no type");
    assertThat(CrdStructure.check(crd))
        .containsExactly(
            "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[untyped].type:"
                + " Required value: must not be empty for specified object fields");
  }

  private static void collectRuled(JsonNode node, List<ObjectNode> out) {
    if (node.isObject()) {
      if (node.has("x-kubernetes-validations")) {
        out.add((ObjectNode) node);
      }
      node.elements().forEachRemaining(child -> collectRuled(child, out));
    } else if (node.isArray()) {
      node.forEach(child -> collectRuled(child, out));
    }
  }
}

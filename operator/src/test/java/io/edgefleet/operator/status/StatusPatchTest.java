package io.edgefleet.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What is sent to write the operator's status fields, one row per shape of the stored status: the
 * patch applied to what the API server holds gives exactly the wanted fields, and leaves what the
 * operator does not own (a device's {@code reported}) as it was.
 */
class StatusPatchTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> OWNED = Set.of("managed", "layers", "conditions");

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of(
            "no status yet: a merge patch creates it",
            null,
            "{'managed':true,'layers':['a']}",
            PatchType.JSON_MERGE,
            "{'managed':true,'layers':['a']}"),
        Arguments.of(
            "every owned field replaced, arrays included, reported kept",
            "{'managed':false,'layers':['a','b'],'conditions':[{'type':'Ready'}],"
                + "'reported':{'v':1}}",
            "{'managed':true,'layers':['c'],'conditions':[]}",
            PatchType.JSON,
            "{'managed':true,'layers':['c'],'conditions':[],'reported':{'v':1}}"),
        Arguments.of(
            "an owned field no longer wanted is removed",
            "{'managed':true,'layers':['a'],'reported':{'v':1}}",
            "{'managed':false}",
            PatchType.JSON,
            "{'managed':false,'reported':{'v':1}}"),
        Arguments.of(
            "an owned field someone else wrote (not in the cached copy) is removed too",
            "{'layers':['forged']}",
            "{'managed':true}",
            PatchType.JSON,
            "{'managed':true}"),
        Arguments.of(
            "nothing wanted: every owned field goes, reported stays",
            "{'managed':true,'reported':{'v':1}}",
            "{}",
            PatchType.JSON,
            "{'reported':{'v':1}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void thePatchGivesTheWantedFieldsAndLeavesTheRest(
      String shape, String stored, String wanted, PatchType type, String result)
      throws JsonProcessingException {
    StatusPatch patch = StatusPatch.of(stored != null, json(wanted), OWNED);

    assertThat(patch.type()).isEqualTo(type);
    ObjectNode object = json("{'metadata':{'name':'d1'}}");
    if (stored != null) {
      object.set("status", json(stored));
    }
    JsonNode patched =
        type == PatchType.JSON
            ? JsonPatch.apply(JSON.readTree(patch.body()), object)
            : merge(object, JSON.readTree(patch.body()));
    assertThat(patched.get("status")).isEqualTo(json(result));
    assertThat(patched.get("metadata")).isEqualTo(object.get("metadata"));
  }

  /**
   * A real API server refuses to remove a field that is not there: an unwanted field is first set
   * to null, then removed, so the patch succeeds whether or not it is stored.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void theJsonPatchNamesEveryOwnedFieldAndNothingElse(
      String shape, String stored, String wanted, PatchType type, String result)
      throws JsonProcessingException {
    ObjectNode wantedStatus = json(wanted);
    StatusPatch patch = StatusPatch.of(stored != null, wantedStatus, OWNED);
    if (type != PatchType.JSON) {
      assertThat(JSON.readTree(patch.body()).fieldNames()).toIterable().containsExactly("status");
      return;
    }
    List<String> expected = new ArrayList<>();
    for (String field : new TreeSet<>(OWNED)) {
      if (wantedStatus.has(field)) {
        expected.add("add /status/" + field + " " + wantedStatus.get(field));
      } else {
        expected.add("add /status/" + field + " null");
        expected.add("remove /status/" + field + " -");
      }
    }
    List<String> operations = new ArrayList<>();
    JSON.readTree(patch.body())
        .forEach(
            op ->
                operations.add(
                    op.get("op").asText()
                        + " "
                        + op.get("path").asText()
                        + " "
                        + (op.has("value") ? op.get("value").toString() : "-")));
    assertThat(operations).containsExactlyElementsOf(expected);
  }

  @Test
  void aFieldTheOperatorDoesNotOwnIsNeverSent() {
    assertThatThrownBy(() -> StatusPatch.of(true, json("{'reported':{'v':2}}"), OWNED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reported");
    assertThatThrownBy(() -> StatusPatch.of(false, json("{'managed':true,'x':1}"), OWNED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x");
  }

  /** RFC 7386 merge, as the API server applies a merge patch. */
  private static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target != null && target.isObject() ? target.deepCopy() : JSON.createObjectNode();
    patch
        .properties()
        .forEach(
            e -> {
              if (e.getValue().isNull()) {
                result.remove(e.getKey());
              } else {
                result.set(e.getKey(), merge(result.get(e.getKey()), e.getValue()));
              }
            });
    return result;
  }
}

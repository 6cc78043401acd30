package io.edgefleet.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrdValidatorTest {

  static final CrdValidator WIDGETS = CrdValidator.load(resource("widgets-crd.yaml"));

  static String resource(String name) {
    try (InputStream in = CrdValidatorTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode widget(String specYaml) {
    return Json.read(
        "apiVersion: example.io/v1\nkind: Widget\nmetadata: {name: w1, namespace: ns}\nspec: "
            + specYaml);
  }

  static List<String> errors(String specYaml) {
    return WIDGETS.validate(widget(specYaml)).stream().map(FieldError::toString).toList();
  }

  @Test
  void aValidObjectHasNoErrors() {
    assertThat(errors("{size: 3, color: red, labels: {x-a: b}, limits: {cpu: {max: 2}}}"))
        .isEmpty();
  }

  @Test
  void schemaErrorsReadLikeTheApiServers() {
    assertThat(errors("{size: 0, ratio: 1.5, code: abc}"))
        .containsExactly(
            "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1",
            "spec.ratio: Invalid value: 1.5: spec.ratio in body should be less than 1.5",
            "spec.code: Invalid value: \"abc\": spec.code in body should match '^[A-Z]{3}$'");
    assertThat(errors("{size: 3, color: pink}"))
        .containsExactly(
            "spec.color: Unsupported value: \"pink\": supported values: \"red\", \"green\","
                + " \"blue\"",
            "<nil>: Invalid value: \"null\": some validation rules were not checked because the"
                + " object was invalid; correct the existing errors to complete validation");
    assertThat(errors("{size: 3, code: ABCD}"))
        .contains("spec.code: Too long: may not be more than 3 bytes");
    assertThat(errors("{size: '3'}"))
        .contains(
            "spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\"");
    assertThat(errors("{}")).contains("spec.size: Required value");
    assertThat(errors("{size: 3, labels: {x-a: a, x-b: b, x-c: c}, parts: [a, b, c, d]}"))
        .contains(
            "spec.labels: Too many: 3: must have at most 2 items",
            "spec.parts: Too many: 4: must have at most 3 items");
    assertThat(errors("{size: 3, parts: [a, a]}"))
        .containsExactly("spec.parts[1]: Duplicate value: \"a\"");
  }

  @Test
  void celRulesRunAtTheirNodeWithTheApiServersPaths() {
    assertThat(errors("{size: 7, color: red}"))
        .containsExactly("spec: Invalid value: \"object\": red widgets are small");
    assertThat(errors("{size: 3, labels: {y: z}}"))
        .containsExactly(
            "spec.labels: Invalid value: \"object\": failed rule: self.all(k, k.startsWith('x-'))");
    assertThat(errors("{size: 3, limits: {cpu: {max: -1}, mem: {}}}"))
        .containsExactly(
            "spec.limits[cpu]: Invalid value: \"object\": max must not be negative",
            "spec.limits[mem]: Invalid value: \"object\": no such key: max evaluating rule: max must"
                + " not be negative");
  }

  @Test
  void theRootRuleSeesMetadataName() {
    JsonNode w = widget("{size: 3}");
    ((com.fasterxml.jackson.databind.node.ObjectNode) w.get("metadata"))
        .put("name", "much-too-long");
    assertThat(WIDGETS.validate(w))
        .extracting(FieldError::toString)
        .containsExactly("<nil>: Invalid value: \"object\": name too long");
  }

  @Test
  void unknownFieldsArePrunedNotRejectedAndListedForStrictMode() {
    JsonNode w =
        widget(
            "{size: 3, colour: red, limits: {cpu: {max: 1, min: 0}}, extra: {known: a, free: {b: 1}}}");
    assertThat(WIDGETS.validate(w)).isEmpty();
    assertThat(WIDGETS.unknownFields(w)).containsExactly("spec.colour", "spec.limits[cpu].min");
    JsonNode pruned = WIDGETS.prune(w).object();
    assertThat(pruned.at("/spec/colour").isMissingNode()).isTrue();
    assertThat(pruned.at("/spec/extra/free/b").asInt()).isEqualTo(1);
    assertThat(ApiServerErrors.strictDecodingMessage("Widget", "v1", WIDGETS.unknownFields(w)))
        .isEqualTo(
            "Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown"
                + " field \"spec.colour\", unknown field \"spec.limits[cpu].min\"");
  }

  @Test
  void nullsAreDroppedUnlessNullableAndDefaultsApplied() {
    Admission a = WIDGETS.admitCreate(widget("{size: 3, color: null, note: null}"));
    assertThat(a.errors()).isEmpty();
    assertThat(a.object().at("/spec").has("color")).isFalse();
    assertThat(a.object().at("/spec/note").isNull()).isTrue();
    assertThat(a.object().at("/spec/mode").asText()).isEqualTo("auto");
  }

  @Test
  void createDropsStatusAndNamesFromGenerateName() {
    JsonNode w =
        Json.read(
            "{apiVersion: example.io/v1, kind: Widget, metadata: {generateName: w-},"
                + " spec: {size: 1}, status: {phase: Done}}");
    Admission a = WIDGETS.admitCreate(w);
    assertThat(a.allowed()).isTrue();
    assertThat(a.object().has("status")).isFalse();
    assertThat(a.object().at("/metadata/name").asText()).matches("w-[a-z0-9]{5}");
  }

  @Test
  void updatesRunTransitionRulesAndRatchetUnchangedValues() {
    JsonNode old = widget("{size: 5, color: red}"); // invalid already: red widgets are small
    assertThat(WIDGETS.validateUpdate(widget("{size: 4, color: red}"), old))
        .extracting(FieldError::toString)
        .containsExactly("spec: Invalid value: \"object\": size can only grow");
    assertThat(WIDGETS.validateUpdate(widget("{size: 5, color: red, code: ABC}"), old))
        .extracting(FieldError::toString)
        .containsExactly("spec: Invalid value: \"object\": red widgets are small");
    JsonNode oldBad = widget("{size: 5, ratio: 2.0}");
    assertThat(WIDGETS.validateUpdate(widget("{size: 6, ratio: 2.0}"), oldBad)).isEmpty();
    assertThat(WIDGETS.validate(widget("{size: 6, ratio: 2.0}"))).hasSize(1);
  }

  @Test
  void typeMetaMustMatchTheCrd() {
    JsonNode w = Json.read("{apiVersion: example.io/v2, kind: Gadget, metadata: {name: a}}");
    assertThat(WIDGETS.validate(w))
        .extracting(FieldError::toString)
        .containsExactly(
            "apiVersion: Unsupported value: \"example.io/v2\": supported values: \"example.io/v1\"",
            "kind: Unsupported value: \"Gadget\": supported values: \"Widget\"");
  }

  @Test
  void apiServerMessageAndStatusBody() {
    List<FieldError> errors = WIDGETS.validate(widget("{size: -1, color: red}"));
    assertThat(ApiServerErrors.invalidMessage("Widget", "example.io", "w1", errors))
        .isEqualTo(
            "Widget.example.io \"w1\" is invalid: spec.size: Invalid value: -1: spec.size in body"
                + " should be greater than or equal to 1");
    List<FieldError> two =
        List.of(
            errors.get(0),
            errors.get(0),
            new FieldError("spec", FieldError.Type.INVALID, "\"object\"", "x"));
    assertThat(ApiServerErrors.invalidMessage("Widget", "example.io", "w1", two))
        .isEqualTo(
            "Widget.example.io \"w1\" is invalid: [spec.size: Invalid value: -1: spec.size in body"
                + " should be greater than or equal to 1, spec: Invalid value: \"object\": x]");
    JsonNode status = ApiServerErrors.invalidStatus("Widget", "example.io", "w1", errors);
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("status").asText()).isEqualTo("Failure");
    assertThat(status.path("reason").asText()).isEqualTo("Invalid");
    assertThat(status.path("code").asInt()).isEqualTo(422);
    assertThat(status.at("/details/kind").asText()).isEqualTo("Widget");
    assertThat(status.at("/details/causes/0/reason").asText()).isEqualTo("FieldValueInvalid");
    assertThat(status.at("/details/causes/0/field").asText()).isEqualTo("spec.size");
    assertThat(status.at("/details/causes/0/message").asText())
        .isEqualTo("Invalid value: -1: spec.size in body should be greater than or equal to 1");
  }

  @Test
  void goFormatting() {
    assertThat(GoFormat.float64(4294967295.0)).isEqualTo("4.294967295e+09");
    assertThat(GoFormat.float64(1.5)).isEqualTo("1.5");
    assertThat(GoFormat.float64(100000)).isEqualTo("100000");
    assertThat(GoFormat.float64(0.00001)).isEqualTo("1e-05");
    assertThat(GoFormat.quote("a\"b\n")).isEqualTo("\"a\\\"b\\n\"");
  }
}

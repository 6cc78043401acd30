package io.edgefleet.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.edgefleet.validation.ApiServerErrors;
import io.edgefleet.validation.CrdValidator;
import io.edgefleet.validation.FieldError;
import io.edgefleet.validation.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad objects (table in {@code rejected/cases.yaml}) are rejected by the generated CRDs with the
 * field and message a user would see from the API server, and each object is accepted again once
 * its defect is removed.
 */
class RejectedObjectsTest {

  private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat (\\d+) (.+?)}}");

  record Case(
      String name,
      String base,
      JsonNode patch,
      int moreModules,
      String field,
      String message,
      JsonNode fix) {
    @Override
    public String toString() {
      return name;
    }

    CrdValidator validator() {
      return base.equals("device") ? GeneratedCrds.devices() : GeneratedCrds.deployments();
    }

    JsonNode broken() {
      JsonNode object = resource("rejected/base-" + base + ".yaml");
      object = mergePatch(object, expand(patch));
      for (int i = 0; i < moreModules; i++) {
        ((ObjectNode) object.at("/spec/modules"))
            .putObject("extra" + i)
            .put("image", "contoso.azurecr.io/extra:" + i);
      }
      return object;
    }

    JsonNode fixed() {
      return mergePatch(broken(), expand(fix));
    }
  }

  static Stream<Case> cases() {
    JsonNode table = resource("rejected/cases.yaml");
    return StreamSupport.stream(table.spliterator(), false)
        .map(
            c ->
                new Case(
                    c.path("name").asText(),
                    c.path("base").asText("deployment"),
                    c.path("patch"),
                    c.path("moreModules").asInt(0),
                    c.path("field").asText(),
                    c.path("message").asText(),
                    c.path("fix")));
  }

  @Test
  void theTableHasEnoughCases() {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(25);
  }

  @Test
  void theBaseObjectsAreValid() {
    assertThat(GeneratedCrds.deployments().validate(resource("rejected/base-deployment.yaml")))
        .isEmpty();
    assertThat(GeneratedCrds.devices().validate(resource("rejected/base-device.yaml"))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRejectedWithTheFieldAndMessageAUserSees(Case c) {
    List<FieldError> errors = c.validator().validate(c.broken());

    assertThat(errors)
        .as("errors of '%s'", c.name())
        .anySatisfy(
            e -> {
              assertThat(e.field()).isEqualTo(c.field());
              assertThat(e.toString()).contains(c.message());
            });
    String name = c.broken().at("/metadata/name").asText();
    assertThat(ApiServerErrors.invalidMessage(c.validator().kind(), "edgefleet.io", name, errors))
        .startsWith(c.validator().kind() + ".edgefleet.io \"" + name + "\" is invalid: ")
        .contains(c.field() + ": ")
        .contains(c.message());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isAcceptedOnceTheDefectIsRemoved(Case c) {
    assertThat(c.validator().validate(c.fixed()))
        .as("errors after the fix of '%s'", c.name())
        .isEmpty();
  }

  private static JsonNode resource(String name) {
    try (InputStream in = RejectedObjectsTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** RFC 7386 JSON merge patch. */
  private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? (ObjectNode) target.deepCopy()
            : Json.read("{}").deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
      }
    }
    return result;
  }

  /** Replaces {@code {{repeat N X}}} in every string by X repeated N times. */
  private static JsonNode expand(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return Json.read("{}");
    }
    if (node.isTextual()) {
      Matcher m = REPEAT.matcher(node.textValue());
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(
            b, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
      }
      m.appendTail(b);
      return TextNode.valueOf(b.toString());
    }
    JsonNode copy = node.deepCopy();
    if (copy.isObject()) {
      ObjectNode o = (ObjectNode) copy;
      o.fieldNames().forEachRemaining(k -> {});
      List<String> keys =
          StreamSupport.stream(((Iterable<String>) o::fieldNames).spliterator(), false).toList();
      for (String k : keys) {
        o.set(k, expand(o.get(k)));
      }
    }
    return copy;
  }
}

package io.edgefleet.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reading YAML or JSON documents into Jackson trees. */
public final class Json {

  static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private Json() {}

  /** One YAML or JSON document (JSON is YAML). */
  public static JsonNode read(String yamlOrJson) {
    try {
      return YAML.readTree(yamlOrJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not YAML or JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Every non-empty document of a multi-document YAML stream, in order. */
  public static List<JsonNode> readAll(String yaml) {
    List<JsonNode> out = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(yaml)) {
      var docs = YAML.readValues(parser, JsonNode.class);
      while (docs.hasNextValue()) {
        JsonNode d = docs.nextValue();
        if (d != null && !d.isNull() && !d.isMissingNode()) {
          out.add(d);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}

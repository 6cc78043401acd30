package io.edgefleet.cli.azure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading Azure manifests (JSON, duplicate keys refused) and writing YAML and JSON. */
final class AzureJson {

  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  static final YAMLMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build());

  private AzureJson() {}

  /**
   * Reads one JSON document. A key given twice is an error (Azure would silently keep the last).
   */
  static JsonNode read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such file");
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      throw new IOException(
          file
              + (location == null ? "" : ":" + location.getLineNr() + ":" + location.getColumnNr())
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }

  static String yaml(JsonNode node) throws JsonProcessingException {
    return YAML.writeValueAsString(node);
  }
}

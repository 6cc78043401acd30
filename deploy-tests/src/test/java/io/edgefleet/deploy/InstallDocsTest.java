package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The values table of docs/install.md matches values.yaml: every value documented, defaults equal.
 */
class InstallDocsTest {

  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (.*?) \\| (.*) \\|$");

  @Test
  void everyValueIsDocumentedAndEveryDocumentedKeyExists() throws IOException {
    JsonNode values = values();
    Map<String, String> documented = documentedDefaults();
    assertThat(documented).hasSizeGreaterThan(30);

    for (String leaf : leaves(values)) {
      assertThat(
              documented.keySet().stream()
                  .anyMatch(k -> leaf.equals(k) || leaf.startsWith(k + ".")))
          .as("values.yaml key %s is missing from the table in docs/install.md", leaf)
          .isTrue();
    }
    for (String key : documented.keySet()) {
      assertThat(at(values, key).isMissingNode())
          .as("docs/install.md documents %s, which values.yaml does not have", key)
          .isFalse();
    }
  }

  @Test
  void documentedScalarDefaultsAreTheDefaults() throws IOException {
    JsonNode values = values();
    documentedDefaults()
        .forEach(
            (key, cell) -> {
              JsonNode value = at(values, key);
              if (value.isValueNode()) {
                String expected = value.asText().isEmpty() ? "\"\"" : value.asText();
                assertThat(cell)
                    .as("default of %s in docs/install.md", key)
                    .isEqualTo("`" + expected + "`");
              } else if (value.isEmpty()) {
                assertThat(cell)
                    .as("default of %s in docs/install.md", key)
                    .isEqualTo(value.isArray() ? "`[]`" : "`{}`");
              }
            });
  }

  private static JsonNode values() throws IOException {
    return Rendered.YAML.readTree(Files.readString(Repo.chart().resolve("values.yaml")));
  }

  /** key -> default cell of the "## Values" table. */
  private static Map<String, String> documentedDefaults() throws IOException {
    List<String> lines = Files.readAllLines(Repo.path("docs/install.md"));
    int start = lines.indexOf("## Values");
    assertThat(start).as("docs/install.md has a '## Values' section").isNotNegative();
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        assertThat(rows.put(row.group(1), row.group(2)))
            .as("documented twice: " + row.group(1))
            .isNull();
      }
    }
    return rows;
  }

  private static JsonNode at(JsonNode node, String dottedKey) {
    JsonNode current = node;
    for (String part : dottedKey.split("\\.")) {
      current = current.path(part);
    }
    return current;
  }

  /** Dotted paths to every scalar, list and empty map of values.yaml. */
  private static List<String> leaves(JsonNode values) {
    List<String> leaves = new ArrayList<>();
    collect("", values, leaves);
    return leaves;
  }

  private static void collect(String prefix, JsonNode node, List<String> leaves) {
    if (!node.isObject() || node.isEmpty()) {
      leaves.add(prefix);
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      collect(
          prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
          field.getValue(),
          leaves);
    }
  }
}

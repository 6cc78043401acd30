package io.edgefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** values.schema.json makes a wrong value fail helm template and helm lint, naming the value. */
class ValuesSchemaTest {

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          replicaCount: three                     | /replicaCount
          replicaCount: 0                         | /replicaCount
          logFormat: xml                          | /logFormat
          logLevel: VERBOSE                       | /logLevel
          replicas: 3                             | additional properties 'replicas' not allowed
          image: {repository: x, tag: 1.0, pullPolicy: Sometimes} | /image/pullPolicy
          image: {repository: x, registry: y}     | additional properties 'registry' not allowed
          watchNamespaces: campus                 | /watchNamespaces
          watchNamespaces: [Campus_1]             | /watchNamespaces/0
          watchNamespaces: [campus, campus]       | /watchNamespaces
          leaderElection: {enabled: yes-please}   | /leaderElection/enabled
          reconcileThreads: 0                     | /reconcileThreads
          statusInterval: two seconds             | /statusInterval
          httpPort: 80                            | /httpPort
          metrics: {serviceMonitor: {enable: true}} | additional properties 'enable' not allowed
          podDisruptionBudget: {minAvailable: half} | /podDisruptionBudget/minAvailable
          extraEnv: [{value: x}]                  | /extraEnv/0
          resources: {limits: {memory: lots}}     | /resources/limits/memory
          """)
  void aWrongValueFailsTemplateAndLint(String values, String expectedError) throws IOException {
    Path file = tmp.resolve("wrong-values.yaml");
    Files.writeString(file, values + "\n");

    Processes.Result template = Helm.template(List.of(file));
    assertThat(template.succeeded()).as(template.describe()).isFalse();
    assertThat(template.stderr())
        .as(template.describe())
        .contains("values don't meet the specifications of the schema")
        .contains(expectedError);

    Processes.Result lint = Helm.lint(List.of(file));
    assertThat(lint.succeeded()).as(lint.describe()).isFalse();
    assertThat(lint.stdout() + lint.stderr()).as(lint.describe()).contains(expectedError);
  }

  @Test
  void theSampleValueFilesAreValid() throws IOException {
    try (var files = Files.list(Repo.root().resolve("deploy-tests/src/test/resources/values"))) {
      List<Path> all = files.sorted().toList();
      assertThat(all).hasSizeGreaterThanOrEqualTo(6);
      for (Path file : all) {
        Processes.Result result = Helm.template(List.of(file));
        assertThat(result.succeeded()).as(result.describe()).isTrue();
      }
    }
  }

  @Test
  void schemaIsDraft07AndStrictAtTheTop() throws IOException {
    JsonNode schema =
        Rendered.YAML.readTree(Files.readString(Repo.chart().resolve("values.schema.json")));
    assertThat(schema.path("$schema").asText())
        .isEqualTo("http://json-schema.org/draft-07/schema#");
    assertThat(schema.path("additionalProperties").isBoolean()).isTrue();
    assertThat(schema.path("additionalProperties").asBoolean()).isFalse();
    JsonNode values = Rendered.YAML.readTree(Files.readString(Repo.chart().resolve("values.yaml")));
    values
        .fieldNames()
        .forEachRemaining(
            key ->
                assertThat(schema.path("properties").has(key))
                    .as("schema describes " + key)
                    .isTrue());
  }
}

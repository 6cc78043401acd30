package io.edgefleet.engine.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.contract.ContentHash;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.engine.manifest.CanonicalJson;
import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Per-device parameters (docs/concepts.md section 8): one table or test per rule. */
class ParametersTest {

  private static final String MODULE = "/modulesContent/$edgeAgent/properties.desired/modules/app";

  // ---- fixtures ----

  static DeploymentSource deployment(String name, String specYaml) {
    try {
      return new DeploymentSource(
          "test", name, null, 1, Scenario.YAML.readValue(specYaml, EdgeDeploymentSpec.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DeploymentSource base(String modulesAndTwins) {
    return deployment("base", "priority: 10\ntargetCondition: \"*\"\n" + modulesAndTwins);
  }

  static DeviceSource device(String name, String tagsJson) {
    return device(name, tagsJson, "{}", null);
  }

  static DeviceSource device(
      String name, String tagsJson, String reportedJson, CurrentConfiguration current) {
    return new DeviceSource(
        "test",
        name,
        (ObjectNode) CanonicalJson.read(tagsJson),
        (ObjectNode) CanonicalJson.read(reportedJson),
        current,
        Set.of());
  }

  static DeviceDecision decide(DeviceSource device, DeploymentSource... deployments) {
    return DeploymentSet.prepare(List.of(deployments)).decide(device);
  }

  static JsonNode manifest(DeviceDecision decision) {
    assertThat(decision.outcome()).as("%s", decision.parameterErrors()).isEqualTo(Outcome.APPLY);
    ResolvedConfiguration configuration = decision.configuration();
    // what is written is the canonical text of what is held, and the version is its parts hash
    // (a configuration without placeholders: its content hash)
    String text = configuration.manifestJson();
    assertThat(text).isEqualTo(CanonicalJson.write(configuration.manifest()));
    assertThat(configuration.provenanceJson())
        .isEqualTo(CanonicalJson.write(configuration.provenance()));
    if (configuration.parameters().isEmpty()) {
      assertThat(configuration.desiredVersion())
          .isIn(ContentHash.of(text), ContentHash.ofParts(text));
    } else {
      assertThat(configuration.desiredVersion()).isEqualTo(ContentHash.ofParts(text));
    }
    return configuration.manifest();
  }

  static String env(DeviceDecision decision, String name) {
    return manifest(decision).at(MODULE + "/env/" + name + "/value").textValue();
  }

  /**
   * The canonical text of a device's configuration is written once around the filled-in values
   * (TextWithHoles): with values that need escaping, in every kind of field, in layers and the
   * base, it is still exactly the whole tree's canonical text ({@link #manifest}).
   */
  @Test
  void theTextAroundTheValuesIsWrittenOnceAndIsTheWholeTreesText() {
    DeploymentSource base =
        base(
            """
            modules:
              zeta: {image: "z:${tags.v}", env: {A: "${deviceId}", B: "x${tags.q}y$${z}"}}
              alpha:
                image: "a:1"
                createOptions:
                  Env: ["ROOM=${tags.q}", "ID=${deviceId}"]
                  HostConfig: {Binds: ["/d/${tags.v}:/data"]}
                  Labels: {k: "${tags.u}"}
            moduleTwins:
              zeta:
                properties.desired: {whole: "${tags.obj}", text: "n=${tags.n}", list: ["${tags.u}", 2]}
            """);
    DeploymentSource layer =
        deployment(
            "layer",
            """
            layered: true
            priority: 20
            targetCondition: "*"
            modules:
              mid: {image: "m:1", env: {Q: "${tags.q}"}}
            moduleTwins:
              alpha:
                properties.desired.settings: {u: "${tags.u}", n: "${tags.n}"}
            """);
    String tags =
        "{\"v\": \"1.0\", \"q\": \"quote \\\" back\\\\ nl\\n tab\\t\", \"u\": \"ünï \u2028 é\","
            + " \"n\": 5, \"obj\": {\"b\": [1, {\"y\": 2, \"x\": 1}], \"a\": null}}";
    for (String name : List.of("d-1", "d\"2")) {
      DeviceDecision decision = decide(device(name, tags), base, layer);
      JsonNode manifest = manifest(decision);
      assertThat(manifest.at("/modulesContent/zeta/properties.desired/whole/b/1/x").asInt())
          .isEqualTo(1);
      assertThat(manifest.at(MODULE.replace("app", "zeta") + "/env/A/value").textValue())
          .isEqualTo(name);
    }
  }

  /**
   * However many parts come before the one with placeholders (hashed once for every device) and
   * however long the text between placeholders (copied or hashed in place), the version is the
   * parts hash of the whole text, and differs by device.
   */
  @Test
  void theVersionIsThePartsHashWhateverTheLengthsAroundThePlaceholders() {
    for (int before : List.of(0, 3, 40)) {
      StringBuilder modules = new StringBuilder("modules:\n");
      for (int i = 0; i < before; i++) {
        modules.append(
            String.format(
                "  a%02d: {image: \"registry.example.com/team/module-%02d:1.2.3\"}%n", i, i));
      }
      modules.append("  zz: {image: \"z:${tags.v}\", env: {A: \"${deviceId}\", B: \"x\"}}\n");
      String first = null;
      for (String name : List.of("d-1", "d-2")) {
        DeviceDecision decision =
            decide(device(name, "{\"v\": \"1.0\"}"), base(modules.toString()));
        manifest(decision); // the text is the whole tree's, and the version its parts hash
        ResolvedConfiguration configuration = decision.configuration();
        assertThat(configuration.manifestJson().indexOf(name) > 1024).isEqualTo(before == 40);
        if (first == null) {
          first = configuration.desiredVersion();
        } else {
          assertThat(configuration.desiredVersion())
              .as("%d modules before", before)
              .isNotEqualTo(first);
        }
      }
    }
  }

  /**
   * Characters outside the basic plane (a surrogate pair) and surrogates without their other half,
   * in the deployment's text or in a device's values: the text and hash are still the whole tree's
   * (a merged text with an unpaired surrogate is written whole for each device).
   */
  @Test
  void surrogatesPairedOrNotGiveTheWholeTreesTextAndHash() {
    String tags = "{\"pair\": \"\\uD83D\\uDE00\", \"lone\": \"x\\uD83Dy\"}";
    for (String literal : List.of("smile \\U0001F600", "lone \\uDE00 half")) {
      DeviceDecision decision =
          decide(
              device("d-1", tags),
              base(
                  "modules:\n  app:\n    image: app:1\n    env:\n"
                      + "      A: \""
                      + literal
                      + " ${tags.pair}\"\n"
                      + "      B: \"${tags.lone}\"\n"
                      + "      C: \"${deviceId}\"\n"
                      + "      D: \""
                      + literal
                      + "\"\n"));
      assertThat(env(decision, "A")).as(literal).endsWith(" \uD83D\uDE00");
      assertThat(env(decision, "B")).isEqualTo("x\uD83Dy");
    }
  }

  // ---- text substitution: env, image, createOptions ----

  @ParameterizedTest(name = "{0} with tags {1}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          Room ${tags.room}                 ; {"room": "2.01"}                ; Room 2.01
          ${deviceId}                       ; {}                              ; dev-1
          floor-${tags.floor}               ; {"floor": 2}                    ; floor-2
          t=${tags.t}                       ; {"t": 21.5}                     ; t=21.5
          on=${tags.on}                     ; {"on": true}                    ; on=true
          ${tags.location.building}/${tags.location.floor} ; {"location": {"building": "B20", "floor": 3}} ; B20/3
          ${tags.n}                         ; {"n": 7}                        ; 7
          $${tags.room}                     ; {"room": "x"}                   ; ${tags.room}
          cost $5 $$ {x}                    ; {}                              ; cost $5 $$ {x}
          $${a}-${tags.room}-$${b}          ; {"room": "r"}                   ; ${a}-r-${b}
          """)
  void envValuesAreWrittenAsText(String template, String tags, String expected) {
    DeviceDecision decision =
        decide(
            device("dev-1", tags),
            base(
                "modules:\n  app:\n    image: app:1\n    env:\n      V: '"
                    + template.strip()
                    + "'\n"));
    assertThat(env(decision, "V")).isEqualTo(expected.strip());
  }

  @Test
  void imageAndReportedPropertiesAreSubstituted() {
    DeviceDecision decision =
        decide(
            device("d", "{\"channel\": \"beta\"}", "{\"arch\": {\"name\": \"arm64\"}}", null),
            base(
                "modules:\n  app:\n    image: 'reg/app-${properties.reported.arch.name}:${tags.channel}'\n"));
    assertThat(manifest(decision).at(MODULE + "/settings/image").textValue())
        .isEqualTo("reg/app-arm64:beta");
  }

  @Test
  void stringsInsideCreateOptionsAreSubstitutedAsTextAtAnyDepth() {
    DeviceDecision decision =
        decide(
            device("d", "{\"port\": 8080, \"room\": \"2.01\"}"),
            base(
                """
                modules:
                  app:
                    image: app:1
                    createOptions:
                      Env: ["ROOM=${tags.room}", "FIXED=1"]
                      HostConfig:
                        PortBindings:
                          80/tcp: [{HostPort: "${tags.port}"}]
                      Labels: {literal: "$${x}"}
                """));
    JsonNode options =
        CanonicalJson.read(manifest(decision).at(MODULE + "/settings/createOptions").textValue());
    assertThat(options.at("/Env/0").textValue()).isEqualTo("ROOM=2.01");
    assertThat(options.at("/Env/1").textValue()).isEqualTo("FIXED=1");
    assertThat(options.at("/HostConfig/PortBindings/80~1tcp/0/HostPort").textValue())
        .isEqualTo("8080");
    assertThat(options.at("/Labels/literal").textValue()).isEqualTo("${x}");
  }

  // ---- module twin values: typed when exactly one placeholder ----

  @ParameterizedTest(name = "{0} with tags {1}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          ${tags.v}        ; {"v": 21.5}               ; 21.5
          ${tags.v}        ; {"v": 3}                  ; 3
          ${tags.v}        ; {"v": false}              ; false
          ${tags.v}        ; {"v": "text"}             ; "text"
          ${tags.v}        ; {"v": {"z": 1, "a": [1, {"y": 2, "b": 3}]}} ; {"a":[1,{"b":3,"y":2}],"z":1}
          ${tags.v}        ; {"v": [1, "x"]}           ; [1,"x"]
          ${deviceId}      ; {}                        ; "dev-1"
          v=${tags.v}      ; {"v": 21.5}               ; "v=21.5"
          ${tags.v}${tags.v} ; {"v": 1}                ; "11"
          $${tags.v}       ; {"v": 1}                  ; "${tags.v}"
          """)
  void twinValuesAreTypedWhenExactlyOnePlaceholder(String template, String tags, String json) {
    DeviceDecision decision =
        decide(
            device("dev-1", tags),
            base(
                "modules:\n  app: {image: 'app:1'}\nmoduleTwins:\n  app:\n"
                    + "    properties.desired.settings:\n      value: '"
                    + template.strip()
                    + "'\n      list: ['${deviceId}', 2]\n"));
    JsonNode desired = manifest(decision).at("/modulesContent/app/properties.desired/settings");
    assertThat(desired.get("value")).isEqualTo(CanonicalJson.read(json.strip()));
    assertThat(desired.at("/list/0").textValue()).isEqualTo("dev-1");
    assertThat(desired.at("/list/1").intValue()).isEqualTo(2);
  }

  // ---- missing and disallowed values ----

  @ParameterizedTest(name = "{0} with tags {1}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          env        ; Room ${tags.room}      ; {}                       ; spec.modules.app.env.V            ; the device has no tag room
          env        ; ${tags.room}           ; {"room": null}           ; spec.modules.app.env.V            ; the device has no tag room
          env        ; ${tags.a.b}            ; {"a": "flat"}            ; spec.modules.app.env.V            ; the device has no tag a.b
          env        ; ${properties.reported.fw} ; {}                    ; spec.modules.app.env.V            ; the device reports no fw
          env        ; x${tags.loc}           ; {"loc": {"b": 1}}        ; spec.modules.app.env.V            ; tags.loc is an object, which cannot be written inside a string
          env        ; ${tags.loc}            ; {"loc": [1]}             ; spec.modules.app.env.V            ; tags.loc is an array
          twin       ; x${tags.loc}           ; {"loc": {"b": 1}}        ; spec.moduleTwins.app.properties.desired.settings.value ; tags.loc is an object
          twin       ; ${tags.missing}        ; {}                       ; spec.moduleTwins.app.properties.desired.settings.value ; the device has no tag missing
          """)
  void aMissingOrDisallowedValueKeepsTheCurrentConfiguration(
      String where, String template, String tags, String field, String problem) {
    String spec =
        where.strip().equals("env")
            ? "modules:\n  app:\n    image: app:1\n    env:\n      V: '" + template.strip() + "'\n"
            : "modules:\n  app: {image: 'app:1'}\nmoduleTwins:\n  app:\n"
                + "    properties.desired.settings:\n      value: '"
                + template.strip()
                + "'\n";
    CurrentConfiguration current = new CurrentConfiguration("v-old", "base", List.of());
    DeviceSource device = device("dev-1", tags.strip(), "{}", current);
    DeploymentSet set = DeploymentSet.prepare(List.of(base(spec)));
    DeviceDecision decision = set.decide(device);

    assertThat(decision.outcome()).isEqualTo(Outcome.KEEP_PARAMETER_ERROR);
    assertThat(decision.configuration()).isNull();
    assertThat(decision.desiredVersion()).isEqualTo("v-old");
    assertThat(decision.baseName()).isEqualTo("base");
    assertThat(decision.managed()).isTrue();
    assertThat(decision.applies("base")).as("not applied for that deployment").isFalse();
    assertThat(decision.parameterErrors()).hasSize(1);
    ParameterError error = decision.parameterErrors().get(0);
    assertThat(error.deployment()).isEqualTo("base");
    assertThat(error.field()).isEqualTo(field.strip());
    assertThat(error.message())
        .contains(field.strip())
        .contains("deployment base")
        .contains(problem.strip());
    assertThat(decision.relevant().get(0).reason())
        .startsWith("not applied: placeholder ")
        .contains(problem.strip());

    NamespaceResolution resolution = NamespaceResolution.resolve("test", set, List.of(device));
    DeploymentReport report = resolution.reports().get(0);
    assertThat(report.targetedCount()).isEqualTo(1);
    assertThat(report.appliedCount()).isZero();
    assertThat(report.parameterErrorCount()).isEqualTo(1);
  }

  @Test
  void aNewDeviceWithAMissingValueGetsNothing() {
    DeviceDecision decision =
        decide(device("d", "{}"), base("modules:\n  app:\n    image: 'app:${tags.version}'\n"));
    assertThat(decision.outcome()).isEqualTo(Outcome.KEEP_PARAMETER_ERROR);
    assertThat(decision.baseName()).isNull();
    assertThat(decision.desiredVersion()).isNull();
    assertThat(decision.parameterErrors().get(0).placeholder()).isEqualTo("${tags.version}");
    assertThat(decision.parameterErrors().get(0).field()).isEqualTo("spec.modules.app.image");
  }

  @Test
  void aLayersMissingValueCountsAgainstTheLayerOnly() {
    DeploymentSource base = base("modules:\n  app: {image: 'app:1'}\n");
    DeploymentSource layer =
        deployment(
            "room-layer",
            """
            priority: 20
            layered: true
            targetCondition: "*"
            modules:
              display: {image: "display:1", env: {ROOM: "${tags.room}"}}
            """);
    CurrentConfiguration current = new CurrentConfiguration("v-old", "base", List.of());
    DeviceSource without = device("a", "{}", "{}", current);
    DeviceSource with = device("b", "{\"room\": \"2.01\"}", "{}", current);
    NamespaceResolution resolution =
        NamespaceResolution.resolve("test", List.of(base, layer), List.of(without, with));

    DeviceDecision a = resolution.decisions().get(0);
    assertThat(a.outcome()).isEqualTo(Outcome.KEEP_PARAMETER_ERROR);
    assertThat(a.applies("base")).isTrue();
    assertThat(a.applies("room-layer")).isFalse();
    assertThat(a.desiredVersion()).isEqualTo("v-old");
    DeploymentReport baseReport = resolution.reports().get(0);
    DeploymentReport layerReport = resolution.reports().get(1);
    assertThat(baseReport.appliedCount()).isEqualTo(2);
    assertThat(baseReport.parameterErrorCount()).isZero();
    assertThat(layerReport.appliedCount()).isEqualTo(1);
    assertThat(layerReport.parameterErrorCount()).isEqualTo(1);
  }

  // ---- values from layers and provenance ----

  @Test
  void placeholdersComeFromTheDeploymentThatSuppliedThePart() {
    DeploymentSource base =
        base(
            """
            modules:
              app: {image: "app:1", env: {SITE: "${tags.site}"}}
            moduleTwins:
              app:
                properties.desired: {name: "${tags.missing}", fixed: 1}
            """);
    DeploymentSource layer =
        deployment(
            "layer",
            """
            priority: 20
            layered: true
            targetCondition: "*"
            moduleTwins:
              app:
                properties.desired.name: {first: "${deviceId}", count: "${tags.count}"}
            """);
    DeviceDecision decision =
        decide(device("dev-9", "{\"site\": \"s1\", \"count\": 4}"), base, layer);

    // the layer replaced the base's name, so the base's ${tags.missing} is not used
    JsonNode twin = manifest(decision).at("/modulesContent/app/properties.desired");
    assertThat(twin.at("/name/first").textValue()).isEqualTo("dev-9");
    assertThat(twin.at("/name/count").intValue()).isEqualTo(4);
    assertThat(twin.at("/fixed").intValue()).isEqualTo(1);
    assertThat(decision.configuration().parameters())
        .containsExactly(
            new ParameterUse(
                "layer",
                "spec.moduleTwins.app.properties.desired.name.count",
                "${tags.count}",
                CanonicalJson.read("4")),
            new ParameterUse(
                "layer",
                "spec.moduleTwins.app.properties.desired.name.first",
                "${deviceId}",
                CanonicalJson.read("\"dev-9\"")),
            new ParameterUse(
                "base", "spec.modules.app.env.SITE", "${tags.site}", CanonicalJson.read("\"s1\"")));
    JsonNode provenance = CanonicalJson.read(decision.configuration().provenanceJson());
    assertThat(provenance.at("/parameters/2/field").textValue())
        .isEqualTo("spec.modules.app.env.SITE");
    assertThat(provenance.at("/parameters/2/placeholder").textValue()).isEqualTo("${tags.site}");
    assertThat(provenance.at("/parameters/2/value").textValue()).isEqualTo("s1");
    assertThat(provenance.at("/parameters/2/deployment").textValue()).isEqualTo("base");
    assertThat(provenance.at("/parameters/0/deployment").textValue()).isEqualTo("layer");
  }

  @Test
  void aLayerReplacingAParameterizedModuleDropsItsPlaceholders() {
    DeploymentSource base = base("modules:\n  app: {image: 'app:${tags.missing}'}\n");
    DeploymentSource layer =
        deployment(
            "layer",
            "priority: 20\nlayered: true\ntargetCondition: \"*\"\nmodules:\n  app: {image: 'app:2'}\n");
    DeviceDecision decision = decide(device("d", "{}"), base, layer);
    assertThat(manifest(decision).at(MODULE + "/settings/image").textValue()).isEqualTo("app:2");
    assertThat(decision.configuration().parameters()).isEmpty();
  }

  // ---- content hash: exactly the devices whose values change ----

  @Test
  void theContentHashFollowsTheValuesAndNothingElse() {
    DeploymentSet set =
        DeploymentSet.prepare(
            List.of(
                base(
                    "modules:\n  app:\n    image: app:1\n    env:\n"
                        + "      ROOM: '${tags.room}'\n      FW: '${properties.reported.fw}'\n")));
    DeviceDecision first =
        set.decide(device("a", "{\"room\": \"1\", \"x\": 1}", "{\"fw\": \"1.0\"}", null));
    DeviceDecision sameValues =
        set.decide(device("b", "{\"room\": \"1\", \"other\": true}", "{\"fw\": \"1.0\"}", null));
    DeviceDecision unrelatedTagChanged =
        set.decide(device("a", "{\"room\": \"1\", \"x\": 2}", "{\"fw\": \"1.0\", \"y\": 1}", null));
    DeviceDecision tagChanged =
        set.decide(device("a", "{\"room\": \"2\", \"x\": 1}", "{\"fw\": \"1.0\"}", null));
    DeviceDecision reportedChanged =
        set.decide(device("a", "{\"room\": \"1\", \"x\": 1}", "{\"fw\": \"1.1\"}", null));

    assertThat(sameValues.desiredVersion()).isEqualTo(first.desiredVersion());
    assertThat(sameValues.configuration()).as("shared").isSameAs(first.configuration());
    assertThat(unrelatedTagChanged.desiredVersion()).isEqualTo(first.desiredVersion());
    assertThat(unrelatedTagChanged.configuration().provenanceJson())
        .isEqualTo(first.configuration().provenanceJson());
    assertThat(tagChanged.desiredVersion()).isNotEqualTo(first.desiredVersion());
    assertThat(reportedChanged.desiredVersion())
        .isNotEqualTo(first.desiredVersion())
        .isNotEqualTo(tagChanged.desiredVersion());
    assertThat(env(reportedChanged, "FW")).isEqualTo("1.1");
    assertThat(first.desiredVersion())
        .isEqualTo(ContentHash.ofParts(first.configuration().manifestJson()));
  }

  @Test
  void aValueOfAnotherTypeWithTheSameTextGivesTheSameManifest() {
    DeploymentSet set =
        DeploymentSet.prepare(List.of(base("modules:\n  app: {image: 'app:${tags.v}'}\n")));
    DeviceDecision number = set.decide(device("a", "{\"v\": 2}"));
    DeviceDecision text = set.decide(device("b", "{\"v\": \"2\"}"));
    assertThat(number.desiredVersion()).isEqualTo(text.desiredVersion());
  }

  @Test
  void withoutPlaceholdersEveryDeviceSharesOneConfiguration() {
    DeploymentSet set =
        DeploymentSet.prepare(List.of(base("modules:\n  app: {image: 'app:1', env: {A: '$x'}}\n")));
    DeviceDecision a = set.decide(device("a", "{\"room\": \"1\"}"));
    DeviceDecision b = set.decide(device("b", "{\"room\": \"2\"}"));
    assertThat(a.configuration()).isSameAs(b.configuration());
    assertThat(a.configuration().parameters()).isEmpty();
    assertThat(a.configuration().provenance().has("parameters")).isFalse();
    // its version is the content hash of its text, as before per-device parameters
    assertThat(a.desiredVersion()).isEqualTo(ContentHash.of(a.configuration().manifestJson()));
  }

  // ---- what is never substituted ----

  @Test
  void targetConditionsMetricsAndRoutesAreNeverSubstituted() {
    DeploymentSource deployment =
        deployment(
            "base",
            """
            priority: 10
            targetCondition: "tags.marker = '${deviceId}'"
            metrics:
              literal: "SELECT deviceId FROM devices WHERE tags.marker = '${deviceId}'"
            modules:
              app: {image: "app:1"}
            routes:
              up: {route: "FROM /messages/* WHERE $connectionDeviceId = '${deviceId}' INTO $upstream"}
            """);
    DeviceSource literal = device("dev-1", "{\"marker\": \"${deviceId}\"}");
    DeviceSource named = device("dev-2", "{\"marker\": \"dev-2\"}");
    NamespaceResolution resolution =
        NamespaceResolution.resolve("test", List.of(deployment), List.of(literal, named));
    assertThat(resolution.reports().get(0).validity().isValid()).isTrue();
    assertThat(resolution.decisions().get(0).outcome()).isEqualTo(Outcome.APPLY);
    assertThat(resolution.decisions().get(1).outcome()).isEqualTo(Outcome.KEEP_UNMANAGED);
    assertThat(resolution.reports().get(0).metrics()).containsEntry("literal", 1L);
    assertThat(
            resolution
                .decisions()
                .get(0)
                .configuration()
                .manifest()
                .at("/modulesContent/$edgeHub/properties.desired/routes/up/route")
                .textValue())
        .contains("'${deviceId}'");
  }

  // ---- validation ----

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      textBlock =
          """
          modules: {app: {image: 'app:${tags.v'}}                                 ; spec.modules.app.image: '${' is not closed by '}' (write '$${' for a literal '${') at column 5
          modules: {app: {image: 'a', env: {E: 'x ${tag.v}'}}}                    ; spec.modules.app.env.E: unknown placeholder '${tag.v}'
          modules: {app: {image: 'a', createOptions: {Env: ['A=1', 'B=${tags.}']}}} ; spec.modules.app.createOptions.Env[1]: placeholder '${tags.}' has an empty or malformed key
          moduleTwins: {app: {properties.desired.s: {a: {b: '${nope}'}}}}         ; spec.moduleTwins.app.properties.desired.s.a.b: unknown placeholder '${nope}'
          """)
  void malformedPlaceholdersMakeTheDeploymentInvalidWithTheColumn(String spec, String message) {
    PreparedDeployment prepared =
        PreparedDeployment.prepare(
            deployment("bad", "priority: 1\ntargetCondition: \"*\"\n" + spec.strip()));
    assertThat(prepared.valid()).isFalse();
    assertThat(prepared.validity().reason()).isEqualTo(InvalidReason.InvalidSpec);
    assertThat(prepared.validity().message()).contains(message.strip()).contains("^");
  }

  @Test
  void wellFormedPlaceholdersAreValidAndMarkTheirModules() {
    PreparedDeployment prepared =
        PreparedDeployment.prepare(
            deployment(
                "ok",
                """
                priority: 1
                targetCondition: "*"
                modules:
                  a: {image: "a:${tags.v}"}
                  b: {image: "b:1"}
                moduleTwins:
                  b:
                    properties.desired: {x: "$${literal}"}
                """));
    assertThat(prepared.valid()).as("%s", prepared.validity().message()).isTrue();
    assertThat(prepared.hasParameters()).isTrue();
    assertThat(prepared.parameterModules()).containsExactly("a");
    assertThat(prepared.parameterTwins()).containsExactly("b");
  }
}

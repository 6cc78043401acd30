package io.edgefleet.engine.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.contract.ContentHash;
import io.edgefleet.engine.manifest.CanonicalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parts hash made per device from what a merge wrote once is the parts hash of the device's
 * whole text ({@link ContentHash#ofParts}), for any number and place of parts and holes.
 */
class PartsHashTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String[] TEXTS = {
    "", "a", "room 12", "quote \" and \\ backslash", "tab\tnewline\n", "é ü 東京", "emoji 😀", "${x}"
  };

  @Test
  void perDeviceHashIsTheWholeTextsPartsHash() {
    Random random = new Random(17);
    for (int round = 0; round < 300; round++) {
      ObjectNode manifest = manifest(random);
      List<List<Object>> holes = holes(manifest, random);
      ObjectNode sorted = (ObjectNode) CanonicalJson.sorted(manifest);
      PartsHash parts = PartsHash.of(sorted, holes);
      assertThat(parts).as("round %d", round).isNotNull();
      for (int device = 0; device < 3; device++) {
        JsonNode[] values = new JsonNode[holes.size()];
        PathCopy filled = new PathCopy(sorted);
        for (int i = 0; i < values.length; i++) {
          values[i] = value(random);
          filled.set(holes.get(i), values[i]);
        }
        String text = CanonicalJson.writeSorted(CanonicalJson.sorted(filled.root()));
        assertThat(parts.hash(values, PartsHashTest::write))
            .as("round %d device %d: %s", round, device, text)
            .isEqualTo(ContentHash.ofParts(text));
      }
    }
  }

  @Test
  void aHoleOutsideThePartsOrAMarkInTheTextIsLeftToTheWholeText() {
    ObjectNode manifest = fixed();
    List<Object> inFrame = List.of("modulesContent", "$edgeAgent", "properties.desired", "x");
    assertThat(PartsHash.of(manifest, List.of(inFrame))).isNull();

    // text that looks like the marks: in the frame, or like a hole's in a part, is not cut; like
    // a part's in a part, it is just text; an unpaired surrogate cannot be cut into bytes
    List<List<Object>> twinB = List.of(twinPath("app", "b"));
    assertThat(PartsHash.of(withText(FRAME, "\uE000edgefleet-part-0\uE000"), twinB)).isNull();
    assertThat(PartsHash.of(withText(FRAME, "\uE000edgefleet-part-x\uE000"), twinB)).isNull();
    assertThat(PartsHash.of(withText(TWIN, "\uE000edgefleet-hole-0\uE000"), twinB)).isNull();
    assertThat(PartsHash.of(withText(TWIN, "\uD800"), twinB)).isNull();
    ObjectNode partInAPart = withText(TWIN, "\uE000edgefleet-part-0\uE000");
    PartsHash parts = PartsHash.of(partInAPart, twinB);
    ((ObjectNode) partInAPart.at(TWIN)).put("b", 7);
    assertThat(parts.hash(new JsonNode[] {JSON.numberNode(7)}, PartsHashTest::write))
        .isEqualTo(ContentHash.ofParts(CanonicalJson.write(partInAPart)));

    assertThat(PartsHash.of(fixed(), List.of(twinPath("app", "b")))).isNotNull();
  }

  private static void write(int hole, JsonNode[] values, Utf8Buffer text, StringBuilder chars) {
    String json = CanonicalJson.write(values[hole]);
    text.append(json, 0, json.length());
  }

  private static ObjectNode fixed() {
    ObjectNode manifest = JSON.objectNode();
    ObjectNode contents = manifest.putObject("modulesContent");
    ObjectNode desired = contents.putObject("$edgeAgent").putObject("properties.desired");
    desired.put("x", "1");
    desired.putObject("modules").putObject("app").put("type", "docker");
    contents.putObject("app").putObject("properties.desired").put("b", "2");
    return manifest;
  }

  private static final String FRAME = "/modulesContent/$edgeAgent/properties.desired";
  private static final String TWIN = "/modulesContent/app/properties.desired";

  /** {@link #fixed} with {@code text} at key "a" of the object at {@code pointer}, sorted. */
  private static ObjectNode withText(String pointer, String text) {
    ObjectNode manifest = fixed();
    ((ObjectNode) manifest.at(pointer)).put("a", text);
    return (ObjectNode) CanonicalJson.sorted(manifest);
  }

  private static List<Object> twinPath(String module, String key) {
    return List.of("modulesContent", module, "properties.desired", key);
  }

  /** A manifest of a few modules and twins, with text of all kinds in the frame and the parts. */
  private static ObjectNode manifest(Random random) {
    ObjectNode manifest = JSON.objectNode();
    ObjectNode contents = manifest.putObject("modulesContent");
    ObjectNode agent = contents.putObject("$edgeAgent").putObject("properties.desired");
    agent.put("schemaVersion", "1.1");
    agent.putObject("runtime").put("type", "docker").put("note", text(random));
    ObjectNode modules = agent.putObject("modules");
    int count = random.nextInt(6);
    for (int m = 0; m < count; m++) {
      String name = "m" + random.nextInt(100) + text(random).replace("\"", "");
      ObjectNode module = modules.putObject(name);
      module.putObject("settings").put("image", "img:" + m).put("createOptions", "{}");
      ObjectNode env = module.putObject("env");
      for (int e = random.nextInt(4); e > 0; e--) {
        env.putObject("E" + e).put("value", text(random));
      }
      if (random.nextBoolean()) {
        ObjectNode twin = contents.putObject(name).putObject("properties.desired");
        twin.put("a", text(random)).put("n", random.nextInt(9)).put("x", 1.5).put("e", 1e-7);
        twin.put("big", 12345678901234567890.0).putNull("none").put("yes", true);
        twin.putArray("list").add(text(random)).add(random.nextInt(5));
      }
    }
    contents.putObject("$edgeHub").putObject("properties.desired").put("r", text(random));
    if (random.nextBoolean()) {
      manifest.put("other", text(random));
    }
    return manifest;
  }

  /** The paths of some strings inside the parts. */
  private static List<List<Object>> holes(ObjectNode manifest, Random random) {
    List<List<Object>> strings = new ArrayList<>();
    JsonNode contents = manifest.get("modulesContent");
    contents
        .properties()
        .forEach(
            entry -> {
              List<Object> at = List.of("modulesContent", entry.getKey());
              if (entry.getKey().equals("$edgeAgent")) {
                JsonNode modules = entry.getValue().at("/properties.desired/modules");
                modules
                    .properties()
                    .forEach(
                        m ->
                            strings(
                                m.getValue(),
                                append(
                                    append(append(at, "properties.desired"), "modules"),
                                    m.getKey()),
                                strings));
              } else {
                strings(entry.getValue(), at, strings);
              }
            });
    List<List<Object>> holes = new ArrayList<>();
    for (List<Object> path : strings) {
      if (random.nextInt(3) == 0) {
        holes.add(path);
      }
    }
    if (holes.isEmpty()) {
      holes.add(strings.get(random.nextInt(strings.size())));
    }
    return holes;
  }

  private static void strings(JsonNode node, List<Object> path, List<List<Object>> into) {
    if (node.isTextual()) {
      into.add(path);
    } else if (node.isObject()) {
      node.properties().forEach(e -> strings(e.getValue(), append(path, e.getKey()), into));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        strings(node.get(i), append(path, i), into);
      }
    }
  }

  private static List<Object> append(List<Object> path, Object key) {
    List<Object> longer = new ArrayList<>(path);
    longer.add(key);
    return longer;
  }

  private static String text(Random random) {
    return TEXTS[random.nextInt(TEXTS.length)];
  }

  private static JsonNode value(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> JSON.numberNode(random.nextInt(1000));
      case 1 -> JSON.objectNode().put("k", text(random)).put("b", random.nextBoolean());
      default -> JSON.textNode(text(random) + random.nextInt(100));
    };
  }
}

package io.edgefleet.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two desired versions an agent accepts (docs/agent.md, "The desired version"). */
class ContentHashTest {
  private static final String MANIFEST =
      "{\"modulesContent\":{\"$edgeAgent\":{\"properties.desired\":{\"modules\":{\"app\":"
          + "{\"env\":{\"ROOM\":{\"value\":\"Raum 12 – Süd\"}}},\"off\":null},"
          + "\"schemaVersion\":\"1.1\"}},\"$edgeHub\":{\"properties.desired\":{\"routes\":{}}},"
          + "\"app\":{\"properties.desired\":{\"n\":1}},\"note\":\"text\"},\"other\":{\"a\":{}}}";

  @Test
  void thePartsAreTheModulesTheHubAndTheTwinsObjects() {
    assertThat(parts(MANIFEST))
        .containsExactly(
            "{\"env\":{\"ROOM\":{\"value\":\"Raum 12 – Süd\"}}}",
            "{\"properties.desired\":{\"routes\":{}}}",
            "{\"properties.desired\":{\"n\":1}}");
    // found in any layout of the text, not only the canonical one
    assertThat(parts(" {\n \"modulesContent\" : { \"m\" : { } , \"x\" : [ {} ] } }\n"))
        .containsExactly("{ }");
    assertThat(ManifestParts.spans("[1, {\"modulesContent\": {\"m\": {}}}]")).isEmpty();
    assertThat(ManifestParts.spans("{\"modulesContent\": ")).isNull();
    assertThat(ManifestParts.spans("{} {}")).isNull();
    assertThat(ManifestParts.spans("")).isNull();
  }

  /** The definition, step by step: frame and offsets, then the parts' first 16 bytes. */
  @Test
  void thePartsHashIsTheFramesHashThenEachPartsHash() throws Exception {
    List<String> parts = parts(MANIFEST);
    String frame = MANIFEST;
    List<Integer> offsets = new ArrayList<>();
    for (String part : parts) {
      int at = frame.indexOf(part);
      offsets.add(frame.substring(0, at).getBytes(StandardCharsets.UTF_8).length);
      frame = frame.substring(0, at) + frame.substring(at + part.length());
    }
    assertThat(frame)
        .isEqualTo(
            "{\"modulesContent\":{\"$edgeAgent\":{\"properties.desired\":{\"modules\":{\"app\":"
                + ",\"off\":null},\"schemaVersion\":\"1.1\"}},\"$edgeHub\":,\"app\":,"
                + "\"note\":\"text\"},\"other\":{\"a\":{}}}");
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(frame.getBytes(StandardCharsets.UTF_8));
    ByteBuffer where = ByteBuffer.allocate(4 * offsets.size());
    offsets.forEach(where::putInt);
    sha.update(where.array());
    MessageDigest outer = MessageDigest.getInstance("SHA-256");
    outer.update(sha.digest());
    for (String part : parts) {
      outer.update(sha.digest(part.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }
    String expected = HexFormat.of().formatHex(outer.digest(), 0, 8);

    assertThat(ContentHash.ofParts(MANIFEST)).isEqualTo(expected).hasSize(ContentHash.LENGTH);
    assertThat(ContentHash.ofParts(MANIFEST)).isNotEqualTo(ContentHash.of(MANIFEST));
  }

  @Test
  void anyChangeChangesThePartsHash() {
    String base = ContentHash.ofParts(MANIFEST);
    // inside a part, in the frame, and text moved from a part into the frame
    assertThat(ContentHash.ofParts(MANIFEST.replace("Raum 12", "Raum 13"))).isNotEqualTo(base);
    assertThat(ContentHash.ofParts(MANIFEST.replace("\"1.1\"", "\"1.0\""))).isNotEqualTo(base);
    assertThat(
            ContentHash.ofParts(
                "{\"modulesContent\":{\"a\":{\"x\":1},\"b\":{}}}".replace("\"b\":{}", "\"b\":2")))
        .isNotEqualTo(ContentHash.ofParts("{\"modulesContent\":{\"a\":{\"x\":1},\"b\":{}}}"));
    assertThat(ContentHash.ofParts("{\"modulesContent\":{\"a\":{},\"b\":{\"x\":1}}}"))
        .isNotEqualTo(ContentHash.ofParts("{\"modulesContent\":{\"a\":{\"x\":1},\"b\":{}}}"));
    assertThat(ContentHash.ofParts(MANIFEST + "x")).isNull();
  }

  @Test
  void aVersionIsEitherHashOfTheText() {
    assertThat(ContentHash.isVersionOf(ContentHash.of(MANIFEST), MANIFEST)).isTrue();
    assertThat(ContentHash.isVersionOf(ContentHash.ofParts(MANIFEST), MANIFEST)).isTrue();
    assertThat(ContentHash.isVersionOf("0123456789abcdef", MANIFEST)).isFalse();
    assertThat(ContentHash.isVersionOf(null, MANIFEST)).isFalse();
    assertThat(ContentHash.isVersionOf(ContentHash.of("x"), "x")).isTrue();
    assertThat(ContentHash.isVersionOf(ContentHash.of("y"), "x")).isFalse();
  }

  private static List<String> parts(String text) {
    int[] spans = ManifestParts.spans(text);
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < spans.length; i += 2) {
      parts.add(text.substring(spans[i], spans[i + 1]));
    }
    return parts;
  }
}

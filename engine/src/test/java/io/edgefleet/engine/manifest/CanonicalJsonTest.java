package io.edgefleet.engine.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void aStringIsWrittenAsTheWriterWritesItForEveryCharacter() {
    StringBuilder every = new StringBuilder();
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      if (!Character.isSurrogate(c)) {
        String one = "a" + c + "b";
        assertThat(CanonicalJson.writeString(one))
            .as("character %04x", (int) c)
            .isEqualTo(
                CanonicalJson.write(
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(one)));
        every.append(c);
      }
    }
    String text = every + "\uD83D\uDE00 end";
    assertThat(CanonicalJson.writeString(text))
        .isEqualTo(
            CanonicalJson.write(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(text)));
  }

  @Test
  void sortsKeysAtEveryLevelAndDropsWhiteSpace() {
    String text =
        CanonicalJson.write(
            CanonicalJson.read("{ \"b\": {\"z\": 1, \"a\": [ {\"y\":2,\"x\":1} ]}, \"a\": true }"));
    assertThat(text).isEqualTo("{\"a\":true,\"b\":{\"a\":[{\"x\":1,\"y\":2}],\"z\":1}}");
  }

  @Test
  void equalContentInAnyKeyOrderHasTheSameHash() {
    assertThat(CanonicalJson.hash(CanonicalJson.read("{\"a\":1,\"b\":{\"c\":\"x\",\"d\":null}}")))
        .isEqualTo(
            CanonicalJson.hash(CanonicalJson.read("{\"b\":{\"d\":null,\"c\":\"x\"},\"a\":1}")));
  }

  @Test
  void differentContentHasADifferentHash() {
    assertThat(CanonicalJson.hash(CanonicalJson.read("{\"a\":1}")))
        .isNotEqualTo(CanonicalJson.hash(CanonicalJson.read("{\"a\":2}")));
  }

  @Test
  void hashIsTheFirstSixteenHexDigitsOfSha256OfTheUtf8Text() {
    // sha256("{}") = 44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a
    assertThat(CanonicalJson.hash("{}")).isEqualTo("44136fa355b3678a");
    assertThat(CanonicalJson.hash("{\"é\":\"ü\"}")).hasSize(16).matches("[0-9a-f]{16}");
  }
}

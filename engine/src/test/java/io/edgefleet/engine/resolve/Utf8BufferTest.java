package io.edgefleet.engine.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.api.contract.ContentHash;
import io.edgefleet.engine.manifest.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8BufferTest {

  @Test
  void feedsTheSameBytesAsGetBytesForEveryKindOfCharacter() {
    List<String> texts =
        List.of(
            "",
            "ascii \"quoted\" \\\\",
            "é ü ß", // two bytes
            "€ \uE000 \uFFFF", // three bytes
            "\uD83D\uDE00 emoji", // a surrogate pair: four bytes
            "lone high \uD83D then", // unpaired surrogates are written as '?'
            "lone low \uDE00",
            "ends on a high \uD83D",
            "x".repeat(2000) + "é€\uD83D\uDE00"); // longer than the buffer
    for (String text : texts) {
      assertThat(viaBuffer(text, 0, text.length(), 8)).as(text).isEqualTo(viaString(text));
      assertThat(viaBuffer(text, 0, text.length(), 512)).as(text).isEqualTo(viaString(text));
    }
  }

  @Test
  void aRangeIsThatPartOfTheText() {
    String text = "abc\uD83D\uDE00def";
    assertThat(viaBuffer(text, 3, 5, 16)).isEqualTo(viaString("\uD83D\uDE00"));
    // a range that cuts a pair writes its half as '?', as the substring would
    assertThat(viaBuffer(text, 0, 4, 16)).isEqualTo(viaString(text.substring(0, 4)));
  }

  @Test
  void randomTextsGiveTheSameBytes() {
    SplittableRandom random = new SplittableRandom(7);
    for (int t = 0; t < 2000; t++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        text.append(
            switch (random.nextInt(4)) {
              case 0 -> (char) random.nextInt(0x80);
              case 1 -> (char) random.nextInt(0x800);
              case 2 -> (char) (0xD800 + random.nextInt(0x800)); // surrogates, paired or not
              default -> (char) random.nextInt(0x10000);
            });
      }
      String s = text.toString();
      assertThat(viaBuffer(s, 0, s.length(), 4 + random.nextInt(20)))
          .as("text %d", t)
          .isEqualTo(viaString(s));
    }
  }

  @Test
  void saysWhetherASurrogateWasUnpairedUntilCleared() {
    Utf8Buffer buffer = new Utf8Buffer(4);
    buffer.append("pair \uD83D\uDE00", 0, 7);
    assertThat(buffer.hadUnpairedSurrogate()).isFalse();
    buffer.append("lone \uD83D", 0, 6);
    assertThat(buffer.hadUnpairedSurrogate()).isTrue();
    buffer.clear();
    assertThat(buffer.hadUnpairedSurrogate()).isFalse();
    assertThat(buffer.length()).isZero();
  }

  @Test
  void aClearedBufferWritesTheNextTextFromTheStart() {
    Utf8Buffer buffer = new Utf8Buffer(4);
    buffer.append("x".repeat(100) + "\u20AC", 0, 101);
    buffer.clear();
    buffer.append("é", 0, 1).append(new byte[] {'a', 'b', 'c'}, 1, 3);
    assertThat(buffer.toByteArray()).isEqualTo("ébc".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void escapesAsTheCanonicalTextDoesForEveryCharacterButSurrogates() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0xD800; c++) {
      all.append(c);
    }
    for (char c = 0xE000; c != 0; c++) {
      all.append(c);
    }
    assertEscapedAsCanonical(all.toString());
    SplittableRandom random = new SplittableRandom(11);
    for (int t = 0; t < 2000; t++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(30);
      for (int i = 0; i < length; i++) {
        char c =
            switch (random.nextInt(4)) {
              case 0 -> (char) random.nextInt(0x20);
              case 1 -> "\"\\/'".charAt(random.nextInt(4));
              case 2 -> (char) random.nextInt(0x80);
              default -> (char) random.nextInt(0xD800);
            };
        text.append(c);
      }
      assertEscapedAsCanonical(text.toString());
    }
  }

  @Test
  void refusesASurrogateWhichTheCallerWritesAsCharacters() {
    assertThat(new Utf8Buffer(4).appendEscaped("pair \uD83D\uDE00")).isFalse();
    assertThat(new Utf8Buffer(4).appendEscaped("lone \uDE00")).isFalse();
  }

  private static void assertEscapedAsCanonical(String text) {
    Utf8Buffer buffer = new Utf8Buffer(4);
    buffer.append('"');
    assertThat(buffer.appendEscaped(text)).isTrue();
    buffer.append('"');
    assertThat(new String(buffer.toByteArray(), StandardCharsets.UTF_8))
        .isEqualTo(CanonicalJson.writeString(text));
  }

  /** The digest of the text written in two pieces, into a buffer that starts small and grows. */
  private static String viaBuffer(String text, int from, int to, int capacity) {
    Utf8Buffer buffer = new Utf8Buffer(capacity);
    int middle = from + (to - from) / 2;
    if (middle > from
        && Character.isHighSurrogate(text.charAt(middle - 1))
        && Character.isLowSurrogate(text.charAt(middle))) {
      middle--; // a pair split in two would be two unpaired halves
    }
    buffer.append(text, from, middle).append(text, middle, to);
    MessageDigest digest = ContentHash.digest();
    buffer.update(digest);
    return ContentHash.fromDigest(digest.digest());
  }

  private static String viaString(String text) {
    MessageDigest digest = ContentHash.digest();
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    return ContentHash.fromDigest(digest.digest());
  }
}

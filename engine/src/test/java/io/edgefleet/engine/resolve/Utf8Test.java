package io.edgefleet.engine.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.api.contract.ContentHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8Test {

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

  private static String viaBuffer(String text, int from, int to, int bufferSize) {
    MessageDigest digest = ContentHash.digest();
    Utf8.update(digest, new StringBuilder(text), from, to, new byte[bufferSize]);
    return ContentHash.fromDigest(digest.digest());
  }

  private static String viaString(String text) {
    MessageDigest digest = ContentHash.digest();
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    return ContentHash.fromDigest(digest.digest());
  }
}

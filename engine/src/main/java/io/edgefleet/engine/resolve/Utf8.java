package io.edgefleet.engine.resolve;

import java.security.MessageDigest;

/**
 * Feeds a digest the UTF-8 bytes of part of a text through a reusable buffer, without making a
 * string or a byte array for it: the same bytes as {@code String.getBytes(UTF_8)}, which writes an
 * unpaired surrogate as {@code ?}.
 */
final class Utf8 {

  private Utf8() {}

  /**
   * Updates {@code digest} with the UTF-8 bytes of {@code text[from, to)}.
   *
   * @param buffer scratch space of at least 4 bytes
   */
  static void update(MessageDigest digest, CharSequence text, int from, int to, byte[] buffer) {
    int n = 0;
    int limit = buffer.length - 4;
    for (int i = from; i < to; i++) {
      if (n > limit) {
        digest.update(buffer, 0, n);
        n = 0;
      }
      char c = text.charAt(i);
      if (c < 0x80) {
        buffer[n++] = (byte) c;
      } else if (c < 0x800) {
        buffer[n++] = (byte) (0xC0 | (c >> 6));
        buffer[n++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int code = Character.toCodePoint(c, text.charAt(++i));
        buffer[n++] = (byte) (0xF0 | (code >> 18));
        buffer[n++] = (byte) (0x80 | ((code >> 12) & 0x3F));
        buffer[n++] = (byte) (0x80 | ((code >> 6) & 0x3F));
        buffer[n++] = (byte) (0x80 | (code & 0x3F));
      } else if (Character.isSurrogate(c)) {
        buffer[n++] = '?';
      } else {
        buffer[n++] = (byte) (0xE0 | (c >> 12));
        buffer[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buffer[n++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    digest.update(buffer, 0, n);
  }
}

package io.edgefleet.engine.resolve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A growable run of UTF-8 bytes, cleared and reused from one text to the next: the same bytes as
 * {@code String.getBytes(UTF_8)}, which writes an unpaired surrogate as {@code ?}.
 */
final class Utf8Buffer {

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes;
  private int length;
  private boolean unpaired;

  Utf8Buffer(int capacity) {
    this.bytes = new byte[Math.max(16, capacity)];
  }

  /** Empties the buffer, keeping its space. */
  void clear() {
    length = 0;
    unpaired = false;
  }

  int length() {
    return length;
  }

  /** The space the buffer holds, written or not. */
  int capacity() {
    return bytes.length;
  }

  /** Whether a surrogate without its other half was written (as {@code ?}) since the last clear. */
  boolean hadUnpairedSurrogate() {
    return unpaired;
  }

  /** A copy of the bytes written. */
  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  /** Updates {@code digest} with the bytes written. */
  void update(MessageDigest digest) {
    digest.update(bytes, 0, length);
  }

  /** Cuts what was written back to its first {@code length} bytes. */
  void setLength(int length) {
    if (length < 0 || length > this.length) {
      throw new IndexOutOfBoundsException(length);
    }
    this.length = length;
  }

  /** Appends an ASCII character. */
  Utf8Buffer append(char ascii) {
    ensure(1);
    bytes[length++] = (byte) ascii;
    return this;
  }

  /**
   * Appends {@code value} as it appears between the quotes of a JSON string in EdgeFleet's
   * canonical text (the escapes of {@code CanonicalJson.appendEscaped}), as UTF-8, or returns false
   * at its first surrogate (having written part of it): a surrogate's bytes depend on the
   * characters around it, so such text is written through {@link #append(CharSequence, int, int)}
   * instead.
   */
  boolean appendEscaped(String value) {
    int size = value.length();
    ensure(size + 6);
    byte[] out = bytes;
    int n = length;
    for (int i = 0; i < size; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        out[n++] = (byte) c;
        continue;
      }
      if (out.length - n < size - i + 6) {
        length = n;
        ensure(3 * (size - i) + 6);
        out = bytes;
      }
      switch (c) {
        case '"', '\\' -> {
          out[n++] = '\\';
          out[n++] = (byte) c;
        }
        case '\b' -> n = escape(out, n, 'b');
        case '\t' -> n = escape(out, n, 't');
        case '\n' -> n = escape(out, n, 'n');
        case '\f' -> n = escape(out, n, 'f');
        case '\r' -> n = escape(out, n, 'r');
        default -> {
          if (c < 0x20) {
            out[n++] = '\\';
            out[n++] = 'u';
            out[n++] = '0';
            out[n++] = '0';
            out[n++] = HEX[c >> 4];
            out[n++] = HEX[c & 0xF];
          } else if (Character.isSurrogate(c)) {
            length = n;
            return false;
          } else {
            n = encode(out, n, c);
          }
        }
      }
    }
    length = n;
    return true;
  }

  /** Writes the two or three bytes of {@code c} (at least 0x80, not a surrogate) at {@code n}. */
  private static int encode(byte[] out, int n, char c) {
    if (c < 0x800) {
      out[n] = (byte) (0xC0 | (c >> 6));
      out[n + 1] = (byte) (0x80 | (c & 0x3F));
      return n + 2;
    }
    out[n] = (byte) (0xE0 | (c >> 12));
    out[n + 1] = (byte) (0x80 | ((c >> 6) & 0x3F));
    out[n + 2] = (byte) (0x80 | (c & 0x3F));
    return n + 3;
  }

  private static int escape(byte[] out, int n, char letter) {
    out[n] = '\\';
    out[n + 1] = (byte) letter;
    return n + 2;
  }

  /** Appends the bytes {@code source[from, to)}. */
  Utf8Buffer append(byte[] source, int from, int to) {
    ensure(to - from);
    System.arraycopy(source, from, bytes, length, to - from);
    length += to - from;
    return this;
  }

  /** Appends the UTF-8 bytes of {@code text[from, to)}. */
  Utf8Buffer append(CharSequence text, int from, int to) {
    // room for one byte a char, and four more: an ASCII char always fits, and the room is checked
    // again before a wider one (at most three bytes a char; a pair of surrogates takes four)
    ensure(to - from + 4);
    byte[] out = bytes;
    int n = length;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        out[n++] = (byte) c;
        continue;
      }
      if (out.length - n < to - i + 4) {
        length = n;
        ensure(3 * (to - i) + 4);
        out = bytes;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int code = Character.toCodePoint(c, text.charAt(++i));
        out[n++] = (byte) (0xF0 | (code >> 18));
        out[n++] = (byte) (0x80 | ((code >> 12) & 0x3F));
        out[n++] = (byte) (0x80 | ((code >> 6) & 0x3F));
        out[n++] = (byte) (0x80 | (code & 0x3F));
      } else if (Character.isSurrogate(c)) {
        out[n++] = '?';
        unpaired = true;
      } else {
        n = encode(out, n, c);
      }
    }
    length = n;
    return this;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(length + more, 2 * bytes.length));
    }
  }
}

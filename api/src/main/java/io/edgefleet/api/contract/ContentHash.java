package io.edgefleet.api.contract;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * EdgeFleet's content hash: the first 16 hex digits (64 bits) of the SHA-256 of the UTF-8 text. The
 * desired version of a configuration is this hash of its canonical manifest text, or for a
 * configuration with per-device parameters its parts hash ({@link #ofParts}); docs/agent.md, "The
 * desired version".
 */
public final class ContentHash {

  /** Length of a content hash in hex digits. */
  public static final int LENGTH = 16;

  /** How many bytes of a part's SHA-256 its parts hash takes ({@link #ofParts}). */
  public static final int PART_HASH_BYTES = 16;

  private ContentHash() {}

  /** The content hash of {@code text}. */
  public static String of(String text) {
    return fromDigest(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The parts hash of a manifest's text, or null when the text is not one JSON value: the first 16
   * hex digits of the SHA-256 of the frame's hash followed by each part's. The frame is the text
   * with every part of {@link ManifestParts} taken out; its hash is the SHA-256 of its UTF-8 text
   * followed by where each part was taken out (the frame's UTF-8 length before it, four bytes,
   * big-endian). A part's hash is the first 16 bytes of the SHA-256 of its UTF-8 text. Devices
   * whose configurations differ only inside a few parts share the work on the others.
   */
  public static String ofParts(String text) {
    int[] spans = ManifestParts.spans(text);
    if (spans == null) {
      return null;
    }
    MessageDigest outer = digest();
    MessageDigest part = digest();
    StringBuilder frame = new StringBuilder(text.length());
    ByteBuffer offsets = ByteBuffer.allocate(spans.length * 2);
    int from = 0;
    int frameBytes = 0;
    for (int i = 0; i < spans.length; i += 2) {
      frameBytes += utf8(text.substring(from, spans[i])).length;
      frame.append(text, from, spans[i]);
      offsets.putInt(frameBytes);
      from = spans[i + 1];
    }
    frame.append(text, from, text.length());
    part.update(utf8(frame.toString()));
    part.update(offsets.array());
    outer.update(part.digest());
    for (int i = 0; i < spans.length; i += 2) {
      outer.update(part.digest(utf8(text.substring(spans[i], spans[i + 1]))), 0, PART_HASH_BYTES);
    }
    return fromDigest(outer.digest());
  }

  /** Whether {@code version} is the content hash or the parts hash of {@code text}. */
  public static boolean isVersionOf(String version, String text) {
    return version != null && (version.equals(of(text)) || version.equals(ofParts(text)));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A SHA-256 digest, for hashing a text given in pieces (their UTF-8 bytes, in order). */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The content hash whose SHA-256 is {@code sha256}. */
  public static String fromDigest(byte[] sha256) {
    return HexFormat.of().formatHex(sha256, 0, LENGTH / 2);
  }
}

package io.edgefleet.api.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * EdgeFleet's content hash: the first 16 hex digits (64 bits) of the SHA-256 of the UTF-8 text. The
 * desired version of a configuration is this hash of its canonical manifest text.
 */
public final class ContentHash {

  /** Length of a content hash in hex digits. */
  public static final int LENGTH = 16;

  private ContentHash() {}

  /** The content hash of {@code text}. */
  public static String of(String text) {
    return fromDigest(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
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

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
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

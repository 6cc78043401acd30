package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.contract.ContentHash;
import io.edgefleet.engine.manifest.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.List;

/**
 * The canonical text of a tree in which the values at some paths (the holes) change: the text
 * between them, written once as UTF-8, and the order in which the holes appear in it. Filling in
 * each hole's text gives exactly the canonical text of the tree with those values.
 */
final class TextWithHoles {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String MARK = "\uE000edgefleet-hole-";
  private static final String END = "\uE000";
  private static final String QUOTED_MARK = "\"" + MARK;
  private static final String END_QUOTE = END + "\"";
  // a thread's buffer for the text from the first hole on is kept for the next device unless a
  // rare large text made it bigger than this
  private static final int KEPT_BUFFER = 1 << 20;
  // a first piece up to this long is hashed again for each device: cheaper than copying a digest
  // (a few hundred bytes of state for the collector)
  private static final int HASHED_AGAIN = 1024;
  // pieces at least this long are hashed where they are rather than copied into the buffer first
  private static final int IN_PLACE = 256;
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * A thread's space for writing texts: reused, so hashing a device's text allocates only the
   * hash's own text (and a copy of a digest when the first piece is long), and cutting a merge's
   * text only the bytes kept.
   */
  private static final class Scratch {
    final StringBuilder hole = new StringBuilder(256);
    final StringBuilder tree = new StringBuilder(16 * 1024);
    final Utf8Buffer text = new Utf8Buffer(16 * 1024);
    final byte[] sha256 = new byte[32];
    final MessageDigest digest = ContentHash.digest();

    /** Lets go of this space if a rare large text made it bigger than is worth keeping. */
    void release() {
      if (text.capacity() > KEPT_BUFFER
          || tree.capacity() > KEPT_BUFFER
          || hole.capacity() > KEPT_BUFFER) {
        SCRATCH.remove();
      }
    }
  }

  /** Writes the UTF-8 text of a hole, given its index, for one device's values. */
  @FunctionalInterface
  interface HoleText {
    /**
     * @param chars scratch space for a hole's text as characters
     */
    void write(int hole, JsonNode[] values, Utf8Buffer text, StringBuilder chars);
  }

  // the text without the holes, UTF-8: segment k is utf8[cuts[k], cuts[k + 1])
  private final byte[] utf8;
  private final int[] cuts;
  // order[k]: the hole between segments k and k + 1
  private final int[] order;
  // the digest of the first piece, taken once when hashing it again for each device would cost
  // more than copying the digest (null: it is hashed again, from the thread's own digest)
  private final MessageDigest afterFirst;

  private TextWithHoles(byte[] utf8, int[] cuts, int[] order) {
    this.utf8 = utf8;
    this.cuts = cuts;
    this.order = order;
    if (cuts[1] > HASHED_AGAIN) {
      this.afterFirst = ContentHash.digest();
      afterFirst.update(utf8, 0, cuts[1]);
    } else {
      this.afterFirst = null;
    }
  }

  /**
   * The content hash of the text with the holes put in, from UTF-8 bytes (the segments end at ASCII
   * quotes, so no character is split): the first segment is hashed again, or its digest taken once
   * is copied when it is long; the holes and short segments are written into the thread's buffer
   * and hashed from there; long segments are hashed where they are.
   */
  String hash(JsonNode[] values, HoleText holes) {
    Scratch scratch = SCRATCH.get();
    MessageDigest digest = scratch.digest;
    digest.reset();
    if (afterFirst == null) {
      digest.update(utf8, 0, cuts[1]);
    } else {
      try {
        digest = (MessageDigest) afterFirst.clone();
      } catch (CloneNotSupportedException e) {
        digest.update(utf8, 0, cuts[1]);
      }
    }
    Utf8Buffer text = scratch.text;
    text.clear();
    for (int k = 0; k < order.length; k++) {
      holes.write(order[k], values, text, scratch.hole);
      int from = cuts[k + 1];
      int to = cuts[k + 2];
      if (to - from < IN_PLACE) {
        text.append(utf8, from, to);
      } else {
        // a long piece is hashed where it is, after what was written before it
        text.update(digest);
        text.clear();
        digest.update(utf8, from, to - from);
      }
    }
    text.update(digest);
    scratch.release();
    try {
      digest.digest(scratch.sha256, 0, scratch.sha256.length);
    } catch (DigestException e) {
      throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
    }
    return ContentHash.fromDigest(scratch.sha256);
  }

  /**
   * The text of {@code tree} with holes at {@code paths}, or null when its text already holds the
   * mark or a surrogate without its other half (then callers write the whole tree).
   *
   * @param sorted whether {@code tree} lists its keys in sorted order already
   */
  static TextWithHoles of(ObjectNode tree, List<List<Object>> paths, boolean sorted) {
    PathCopy marked = new PathCopy(tree);
    for (int i = 0; i < paths.size(); i++) {
      marked.set(paths.get(i), JSON.textNode(MARK + i + END));
    }
    Scratch scratch = SCRATCH.get();
    try {
      StringBuilder text = scratch.tree;
      text.setLength(0);
      CanonicalJson.appendSorted(
          text, sorted ? marked.root() : CanonicalJson.sorted(marked.root()));
      // one mark per hole, and none in the text around them (the mark cannot be escaped: it
      // holds no character JSON escapes)
      int marks = 0;
      for (int at = text.indexOf(MARK); at >= 0; at = text.indexOf(MARK, at + MARK.length())) {
        marks++;
      }
      if (marks != paths.size()) {
        return null;
      }
      Utf8Buffer utf8 = scratch.text;
      utf8.clear();
      int[] cuts = new int[paths.size() + 2];
      int[] order = new int[paths.size()];
      int from = 0;
      for (int k = 0; k < paths.size(); k++) {
        int start = text.indexOf(QUOTED_MARK, from);
        int end = text.indexOf(END_QUOTE, start);
        if (start < 0 || end < 0) {
          return null;
        }
        cuts[k] = utf8.length();
        utf8.append(text, from, start);
        order[k] = Integer.parseInt(text, start + QUOTED_MARK.length(), end, 10);
        from = end + END_QUOTE.length();
      }
      cuts[paths.size()] = utf8.length();
      utf8.append(text, from, text.length());
      cuts[paths.size() + 1] = utf8.length();
      // the text is made again from the bytes: only well-formed text comes back the same
      return utf8.hadUnpairedSurrogate()
          ? null
          : new TextWithHoles(utf8.toByteArray(), cuts, order);
    } finally {
      scratch.release();
    }
  }

  /** The text with {@code holes[i]} (the text of hole {@code i}) put in. */
  String fill(String[] holes) {
    int size = utf8.length;
    for (String hole : holes) {
      size += hole.length();
    }
    StringBuilder text = new StringBuilder(size);
    for (int k = 0; k < order.length; k++) {
      text.append(segment(k)).append(holes[order[k]]);
    }
    return text.append(segment(order.length)).toString();
  }

  private String segment(int k) {
    return new String(utf8, cuts[k], cuts[k + 1] - cuts[k], StandardCharsets.UTF_8);
  }
}

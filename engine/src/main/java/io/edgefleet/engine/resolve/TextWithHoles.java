package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.engine.manifest.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
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
  // a thread's buffers are kept for the next text unless a rare large text made them bigger
  private static final int KEPT_BUFFER = 1 << 20;
  // pieces at least this long are hashed where they are rather than copied into the buffer first
  private static final int IN_PLACE = 256;
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * A thread's space for writing texts: reused, so hashing a device's text allocates nothing, and
   * cutting a merge's text only the bytes kept.
   */
  private static final class Scratch {
    final StringBuilder hole = new StringBuilder(256);
    final Utf8Buffer text = new Utf8Buffer(16 * 1024);

    /** Lets go of this space if a rare large text made it bigger than is worth keeping. */
    void release() {
      if (text.capacity() > KEPT_BUFFER || hole.capacity() > KEPT_BUFFER) {
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

  private TextWithHoles(byte[] utf8, int[] cuts, int[] order) {
    this.utf8 = utf8;
    this.cuts = cuts;
    this.order = order;
  }

  /** How many holes the text has. */
  int holes() {
    return order.length;
  }

  /**
   * Hashes the text with the holes put in, from UTF-8 bytes (the segments end at ASCII quotes, so
   * no character is split): the holes and short segments are written into the thread's buffer and
   * hashed from there; long segments are hashed where they are.
   */
  void digest(JsonNode[] values, HoleText holes, MessageDigest digest) {
    Scratch scratch = SCRATCH.get();
    Utf8Buffer text = scratch.text;
    text.clear();
    text.append(utf8, 0, cuts[1]);
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
  }

  /** {@code tree} with a mark in place of the value at each of {@code paths} (see {@link #cut}). */
  static ObjectNode marked(ObjectNode tree, List<List<Object>> paths) {
    PathCopy marked = new PathCopy(tree);
    for (int i = 0; i < paths.size(); i++) {
      marked.set(paths.get(i), JSON.textNode(MARK + i + END));
    }
    return marked.root();
  }

  /**
   * The text of {@code tree} with holes at {@code paths}, or null when its text already holds the
   * mark or a surrogate without its other half (then callers write the whole tree).
   *
   * @param sorted whether {@code tree} lists its keys in sorted order already
   */
  static TextWithHoles of(ObjectNode tree, List<List<Object>> paths, boolean sorted) {
    ObjectNode marked = marked(tree, paths);
    StringBuilder text =
        CanonicalJson.appendSorted(
            new StringBuilder(), sorted ? marked : CanonicalJson.sorted(marked));
    TextWithHoles cut = cut(text, 0, text.length());
    return cut == null || cut.holes() != paths.size() ? null : cut;
  }

  /**
   * Where the marks of {@link #marked} (or text that looks like one) are in {@code text}, in order:
   * found in one pass, so that callers cutting a text into pieces do not search each piece to the
   * end of the text.
   */
  static int[] marks(StringBuilder text) {
    int[] marks = new int[8];
    int n = 0;
    for (int at = text.indexOf(MARK); at >= 0; at = text.indexOf(MARK, at + MARK.length())) {
      if (n == marks.length) {
        marks = Arrays.copyOf(marks, n * 2);
      }
      marks[n++] = at;
    }
    return Arrays.copyOf(marks, n);
  }

  /** Whether one of {@code marks} (from {@link #marks}) is in {@code [from, to)}. */
  static boolean anyIn(int[] marks, int from, int to) {
    int at = Arrays.binarySearch(marks, from);
    int next = at >= 0 ? at : -at - 1;
    return next < marks.length && marks[next] < to;
  }

  /**
   * The canonical text {@code text[from, to)} of a tree made by {@link #marked}, cut at its marks;
   * null when it holds a surrogate without its other half (the text is made again from its bytes:
   * only well-formed text comes back the same) or a mark that is not a whole string. A mark cannot
   * be escaped: it holds no character JSON escapes.
   */
  static TextWithHoles cut(StringBuilder text, int from, int to) {
    Scratch scratch = SCRATCH.get();
    try {
      Utf8Buffer utf8 = scratch.text;
      utf8.clear();
      int[] cuts = new int[8];
      int[] order = new int[6];
      int holes = 0;
      for (int at = text.indexOf(MARK, from); at >= 0 && at < to; at = text.indexOf(MARK, from)) {
        int start = at - 1;
        int end = text.indexOf(END_QUOTE, at + MARK.length());
        if (start < from || text.charAt(start) != '"' || end < 0 || end >= to) {
          return null;
        }
        if (holes + 2 >= cuts.length) {
          cuts = Arrays.copyOf(cuts, cuts.length * 2);
          order = Arrays.copyOf(order, cuts.length);
        }
        cuts[holes] = utf8.length();
        utf8.append(text, from, start);
        try {
          order[holes] = Integer.parseInt(text, at + MARK.length(), end, 10);
        } catch (NumberFormatException e) {
          return null;
        }
        holes++;
        from = end + END_QUOTE.length();
      }
      cuts[holes] = utf8.length();
      utf8.append(text, from, to);
      cuts[holes + 1] = utf8.length();
      return utf8.hadUnpairedSurrogate()
          ? null
          : new TextWithHoles(
              utf8.toByteArray(), Arrays.copyOf(cuts, holes + 2), Arrays.copyOf(order, holes));
    } finally {
      scratch.release();
    }
  }

  /** The text with {@code holes[i]} (the text of hole {@code i}) put in. */
  String fill(String[] holes) {
    int size = utf8.length;
    for (int hole : order) {
      size += holes[hole].length();
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

package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.contract.ContentHash;
import io.edgefleet.api.contract.ManifestParts;
import io.edgefleet.engine.manifest.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The desired version of a configuration with per-device parameters: the parts hash of its manifest
 * ({@link ContentHash#ofParts}, docs/agent.md "The desired version"), made for each device from
 * what its merged configuration wrote once. The frame and every part without a placeholder are
 * hashed once per merge; per device only the parts with placeholders (a module's specification, a
 * module twin) are hashed, and the short list of the parts' hashes.
 */
final class PartsHash {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String CONTENTS = "modulesContent";
  private static final String AGENT = "$edgeAgent";
  private static final List<Object> DESIRED = List.of("properties.desired");
  private static final List<Object> MODULES = List.of("properties.desired", "modules");
  private static final String PART = "\uE000edgefleet-part-";
  private static final String END = "\uE000";
  private static final int PART_BYTES = ContentHash.PART_HASH_BYTES;
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  // a thread's buffers are kept for the next merge unless a rare large text made them bigger
  private static final int KEPT_BUFFER = 1 << 20;

  /** A thread's digests (one for the list of hashes, one for a part) and buffers. */
  private static final class Scratch {
    final MessageDigest outer = ContentHash.digest();
    final MessageDigest part = ContentHash.digest();
    final byte[] sha256 = new byte[32];
    final StringBuilder text = new StringBuilder(16 * 1024);
    final Utf8Buffer utf8 = new Utf8Buffer(16 * 1024);

    /** Lets go of the buffers if a rare large text made them bigger than is worth keeping. */
    void release() {
      if (text.capacity() > KEPT_BUFFER || utf8.capacity() > KEPT_BUFFER) {
        SCRATCH.remove();
      }
    }
  }

  // what the outer hash reads before the first part with holes: the frame's hash, then each part's
  private final byte[] before;
  // the parts with holes, in order; what the outer hash reads after each, up to the next one
  private final TextWithHoles[] holed;
  private final byte[][] after;

  private PartsHash(byte[] before, TextWithHoles[] holed, byte[][] after) {
    this.before = before;
    this.holed = holed;
    this.after = after;
  }

  /**
   * How to hash {@code manifest} (sorted) with holes at {@code paths} for each device; null when a
   * hole is not inside a part, or when a text is one {@link TextWithHoles#cut} refuses (then
   * callers write the whole tree for each device and take its parts hash).
   */
  static PartsHash of(ObjectNode manifest, List<List<Object>> paths) {
    ObjectNode marked = TextWithHoles.marked(manifest, paths);
    List<List<Object>> parts = parts(marked);
    // the frame (each part replaced by a mark), then each part: written with one writer
    PathCopy frame = new PathCopy(marked);
    List<JsonNode> trees = new ArrayList<>(parts.size() + 1);
    trees.add(frame.root());
    for (int i = 0; i < parts.size(); i++) {
      trees.add(at(marked, parts.get(i)));
      frame.set(parts.get(i), JSON.textNode(PART + i + END));
    }
    Scratch scratch = SCRATCH.get();
    try {
      StringBuilder text = scratch.text;
      text.setLength(0);
      int[] ends = new int[trees.size()];
      CanonicalJson.appendEachSorted(text, trees, ends);
      return of(text, ends, paths.size(), scratch);
    } finally {
      scratch.release();
    }
  }

  /**
   * Cuts the frame {@code text[0, ends[0])} at its part marks and hashes it, and each part {@code
   * i}, {@code text[ends[i], ends[i + 1])}, unless it holds holes.
   */
  private static PartsHash of(StringBuilder text, int[] ends, int holes, Scratch scratch) {
    int parts = ends.length - 1;
    int[] marks = TextWithHoles.marks(text);
    if (TextWithHoles.anyIn(marks, 0, ends[0])) {
      return null;
    }
    Utf8Buffer utf8 = scratch.utf8;
    utf8.clear();
    int[] order = new int[parts];
    int[] frameOffsets = new int[parts];
    int found = 0;
    int from = 0;
    for (int at = text.indexOf(PART); at >= 0 && at < ends[0]; at = text.indexOf(PART, from)) {
      int end = text.indexOf(END + "\"", at + PART.length());
      if (found == parts || at == 0 || text.charAt(at - 1) != '"' || end < 0 || end > ends[0]) {
        return null;
      }
      utf8.append(text, from, at - 1);
      try {
        order[found] = Integer.parseInt(text, at + PART.length(), end, 10);
      } catch (NumberFormatException e) {
        return null;
      }
      frameOffsets[found++] = utf8.length();
      from = end + 2;
    }
    utf8.append(text, from, ends[0]);
    if (found != parts || utf8.hadUnpairedSurrogate()) {
      return null;
    }
    MessageDigest digest = scratch.part;
    digest.reset();
    utf8.update(digest);
    for (int offset : frameOffsets) {
      digest.update(offset(offset));
    }
    ByteArrayOutputStream run = new ByteArrayOutputStream(32 + PART_BYTES * parts);
    run.writeBytes(digest.digest());
    List<TextWithHoles> holed = new ArrayList<>();
    List<byte[]> runs = new ArrayList<>();
    int cutHoles = 0;
    for (int k = 0; k < parts; k++) {
      int start = ends[order[k]];
      int end = ends[order[k] + 1];
      if (TextWithHoles.anyIn(marks, start, end)) {
        TextWithHoles cut = TextWithHoles.cut(text, start, end);
        if (cut == null) {
          return null;
        }
        runs.add(run.toByteArray());
        run.reset();
        holed.add(cut);
        cutHoles += cut.holes();
      } else {
        utf8.clear();
        utf8.append(text, start, end);
        if (utf8.hadUnpairedSurrogate()) {
          return null;
        }
        utf8.update(digest);
        run.write(digest.digest(), 0, PART_BYTES);
      }
    }
    runs.add(run.toByteArray());
    if (cutHoles != holes) {
      return null;
    }
    return new PartsHash(
        runs.get(0),
        holed.toArray(TextWithHoles[]::new),
        runs.subList(1, runs.size()).toArray(byte[][]::new));
  }

  /** The parts hash of the manifest with the holes filled in with {@code values}. */
  String hash(JsonNode[] values, TextWithHoles.HoleText holes) {
    Scratch scratch = SCRATCH.get();
    MessageDigest outer = scratch.outer;
    MessageDigest part = scratch.part;
    outer.reset();
    part.reset();
    outer.update(before);
    try {
      for (int k = 0; k < holed.length; k++) {
        holed[k].digest(values, holes, part);
        part.digest(scratch.sha256, 0, scratch.sha256.length);
        outer.update(scratch.sha256, 0, PART_BYTES);
        outer.update(after[k]);
      }
      outer.digest(scratch.sha256, 0, scratch.sha256.length);
    } catch (DigestException e) {
      throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
    }
    return ContentHash.fromDigest(scratch.sha256);
  }

  /**
   * The paths of the parts of a manifest, as {@link ManifestParts} finds them in its text: each
   * object in {@code modulesContent} but {@code $edgeAgent}, each object among its modules.
   */
  private static List<List<Object>> parts(ObjectNode manifest) {
    List<List<Object>> parts = new ArrayList<>();
    JsonNode contents = manifest.get(CONTENTS);
    if (contents == null || !contents.isObject()) {
      return parts;
    }
    contents
        .properties()
        .forEach(
            entry -> {
              if (!entry.getValue().isObject()) {
                return;
              }
              if (!AGENT.equals(entry.getKey())) {
                parts.add(List.of(CONTENTS, entry.getKey()));
                return;
              }
              if (!isObject(at(entry.getValue(), DESIRED))) {
                return;
              }
              JsonNode modules = at(entry.getValue(), MODULES);
              if (isObject(modules)) {
                modules
                    .properties()
                    .forEach(
                        module -> {
                          if (module.getValue().isObject()) {
                            parts.add(
                                List.of(
                                    CONTENTS,
                                    AGENT,
                                    MODULES.get(0),
                                    MODULES.get(1),
                                    module.getKey()));
                          }
                        });
              }
            });
    return parts;
  }

  private static boolean isObject(JsonNode node) {
    return node != null && node.isObject();
  }

  private static JsonNode at(JsonNode node, List<Object> path) {
    JsonNode at = node;
    for (Object key : path) {
      at = at == null ? null : at.get((String) key);
    }
    return at;
  }

  private static byte[] offset(int offset) {
    return new byte[] {
      (byte) (offset >>> 24), (byte) (offset >>> 16), (byte) (offset >>> 8), (byte) offset
    };
  }
}

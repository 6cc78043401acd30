package io.edgefleet.api.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Arrays;

/**
 * The parts of a deployment manifest's text that its parts hash ({@link ContentHash#ofParts})
 * hashes one by one (docs/agent.md, "The desired version"): each object in {@code
 * modulesContent.$edgeAgent["properties.desired"].modules} (a module's specification) and each
 * object in {@code modulesContent} other than {@code $edgeAgent} ({@code $edgeHub}, each module
 * twin). Everything else is the frame.
 */
public final class ManifestParts {
  private static final String CONTENTS = "modulesContent";
  private static final String AGENT = "$edgeAgent";
  private static final String DESIRED = "properties.desired";
  private static final String MODULES = "modules";

  // no limit on nesting or lengths beyond what a ConfigMap holds: the text was accepted already
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(10_000)
                  .maxStringLength(Integer.MAX_VALUE)
                  .build())
          .build();

  private ManifestParts() {}

  /**
   * Where the parts of {@code text} are: {@code [start0, end0, start1, end1, ...]}, character
   * offsets in the order the parts appear, each from a part's opening brace to just after its
   * closing one; null when {@code text} is not one JSON value.
   */
  public static int[] spans(String text) {
    Spans spans = new Spans();
    try (JsonParser parser = JSON.createParser(text)) {
      JsonToken root = parser.nextToken();
      if (root == null) {
        return null;
      }
      if (root == JsonToken.START_OBJECT) {
        forEachObject(parser, CONTENTS, field -> contents(parser, spans));
      } else {
        parser.skipChildren();
      }
      return parser.nextToken() == null ? spans.toArray() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The parts in {@code modulesContent}, the parser at its opening brace. */
  private static void contents(JsonParser parser, Spans spans) throws IOException {
    forEachObject(
        parser,
        null,
        field -> {
          if (AGENT.equals(field)) {
            forEachObject(
                parser,
                DESIRED,
                outer ->
                    forEachObject(
                        parser,
                        MODULES,
                        modules -> forEachObject(parser, null, module -> part(parser, spans))));
          } else {
            part(parser, spans);
          }
        });
  }

  private static void part(JsonParser parser, Spans spans) throws IOException {
    int start = Math.toIntExact(parser.currentTokenLocation().getCharOffset());
    parser.skipChildren();
    spans.add(start, Math.toIntExact(parser.currentTokenLocation().getCharOffset()) + 1);
  }

  /** What is done with one member of an object, the parser at the member's opening brace. */
  @FunctionalInterface
  private interface Member {
    void read(String field) throws IOException;
  }

  /**
   * Reads the object the parser is at, up to its closing brace: {@code member} reads each member
   * whose value is an object (and whose name is {@code name}, unless null); the others are skipped.
   */
  private static void forEachObject(JsonParser parser, String name, Member member)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      if (parser.nextToken() == JsonToken.START_OBJECT && (name == null || name.equals(field))) {
        member.read(field);
      } else {
        parser.skipChildren();
      }
    }
  }

  /** A growing list of offsets. */
  private static final class Spans {
    private int[] offsets = new int[32];
    private int size;

    void add(int start, int end) {
      if (size + 2 > offsets.length) {
        offsets = Arrays.copyOf(offsets, offsets.length * 2);
      }
      offsets[size++] = start;
      offsets[size++] = end;
    }

    int[] toArray() {
      return Arrays.copyOf(offsets, size);
    }
  }
}

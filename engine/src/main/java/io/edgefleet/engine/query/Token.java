package io.edgefleet.engine.query;

import java.math.BigDecimal;
import java.util.List;

/**
 * One token of a condition, with its position in the text ({@code start} inclusive, {@code end}
 * exclusive). A {@link Kind#NAME} is a whole dotted path such as {@code tags.[[my-key]].x}; its
 * segments are unquoted and {@code segmentStarts} says where each one begins.
 */
record Token(
    Kind kind,
    int start,
    int end,
    List<String> segments,
    int[] segmentStarts,
    boolean quotedHead,
    String text,
    BigDecimal number) {

  enum Kind {
    NAME,
    STRING,
    NUMBER,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COMMA,
    STAR,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    END
  }

  static Token symbol(Kind kind, int start, int end) {
    return new Token(kind, start, end, List.of(), new int[0], false, null, null);
  }

  static Token name(int start, int end, List<String> segments, int[] starts, boolean quotedHead) {
    return new Token(Kind.NAME, start, end, segments, starts, quotedHead, null, null);
  }

  static Token string(int start, int end, String value) {
    return new Token(Kind.STRING, start, end, List.of(), new int[0], false, value, null);
  }

  static Token number(int start, int end, BigDecimal value) {
    return new Token(Kind.NUMBER, start, end, List.of(), new int[0], false, null, value);
  }

  /** True for a single unquoted name equal to {@code word}, ignoring case (a keyword). */
  boolean isWord(String word) {
    return kind == Kind.NAME
        && !quotedHead
        && segments.size() == 1
        && segments.get(0).equalsIgnoreCase(word);
  }

  /** True for a single unquoted name (a keyword, a function name or a literal word). */
  boolean isSimpleWord() {
    return kind == Kind.NAME && !quotedHead && segments.size() == 1;
  }

  /** The comparison operator this token spells, or null. */
  CompareOp compareOp() {
    return switch (kind) {
      case EQ -> CompareOp.EQ;
      case NE -> CompareOp.NE;
      case LT -> CompareOp.LT;
      case LE -> CompareOp.LE;
      case GT -> CompareOp.GT;
      case GE -> CompareOp.GE;
      default -> null;
    };
  }
}

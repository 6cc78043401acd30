package io.edgefleet.engine.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a condition into {@link Token}s on demand, left to right, so that the first error in the
 * text is the one reported. Works on a region of a larger text (a route's WHERE clause) and reports
 * positions in the whole text.
 */
final class Lexer {

  /** The widest exponent (and scale) a number literal may have. */
  static final int MAX_NUMBER_SCALE = 1000;

  private final String text;
  private final int regionStart;
  private final int end;
  private int pos;

  Lexer(String text, int start, int end) {
    this.text = text;
    this.regionStart = start;
    this.pos = start;
    this.end = end;
  }

  /** The next token; {@link Token.Kind#END} at the end of the region (and forever after). */
  Token next() throws QueryException {
    skipWhitespace();
    if (pos >= end) {
      return Token.symbol(Token.Kind.END, end, end);
    }
    int start = pos;
    char c = text.charAt(pos);
    switch (c) {
      case '(':
        return single(Token.Kind.LPAREN);
      case ')':
        return single(Token.Kind.RPAREN);
      case ']':
        return single(Token.Kind.RBRACKET);
      case ',':
        return single(Token.Kind.COMMA);
      case '*':
        return single(Token.Kind.STAR);
      case '[':
        return at(start + 1) == '[' ? name() : single(Token.Kind.LBRACKET);
      case '=':
        if (at(start + 1) == '=') {
          throw QueryException.problem(text, start, "'==' is not an operator; use '='");
        }
        return single(Token.Kind.EQ);
      case '!':
        if (at(start + 1) != '=') {
          throw QueryException.problem(text, start, "'!' is not an operator; use NOT or '!='");
        }
        return symbol(Token.Kind.NE, 2);
      case '<':
        if (at(start + 1) == '=') {
          return symbol(Token.Kind.LE, 2);
        }
        return at(start + 1) == '>' ? symbol(Token.Kind.NE, 2) : single(Token.Kind.LT);
      case '>':
        return at(start + 1) == '=' ? symbol(Token.Kind.GE, 2) : single(Token.Kind.GT);
      case '\'':
      case '"':
        return string();
      case '+':
      case '/':
      case '%':
        throw QueryException.problem(
            text,
            start,
            "arithmetic ('"
                + c
                + "') is not supported: compare a property with a constant (docs/query-language.md)");
      case '&':
      case '|':
        throw QueryException.problem(
            text, start, "'" + c + "' is not an operator; use " + (c == '&' ? "AND" : "OR"));
      default:
        break;
    }
    if (c == '-' || isDigit(c)) {
      return number();
    }
    if (isNameStart(c)) {
      return name();
    }
    throw QueryException.problem(text, start, "unexpected character " + describe(c));
  }

  private Token single(Token.Kind kind) {
    return symbol(kind, 1);
  }

  private Token symbol(Token.Kind kind, int length) {
    int start = pos;
    pos += length;
    return Token.symbol(kind, start, pos);
  }

  private void skipWhitespace() {
    while (pos < end && isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private Token name() throws QueryException {
    int start = pos;
    List<String> segments = new ArrayList<>(4);
    List<Integer> starts = new ArrayList<>(4);
    boolean quotedHead = at(pos) == '[';
    starts.add(pos);
    segments.add(quotedHead ? quotedSegment() : plainSegment());
    while (at(pos) == '.') {
      pos++;
      starts.add(pos);
      char c = at(pos);
      if (c == '[' && at(pos + 1) == '[') {
        segments.add(quotedSegment());
      } else if (isNamePart(c)) {
        segments.add(plainSegment());
      } else {
        throw QueryException.expected(text, pos, "a name after '.'");
      }
    }
    int[] offsets = new int[starts.size()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = starts.get(i);
    }
    return Token.name(start, pos, List.copyOf(segments), offsets, quotedHead);
  }

  private String plainSegment() {
    int start = pos;
    while (pos < end && isNamePart(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  /** A {@code [[...]]} segment: anything up to the first {@code ]]}, not empty. */
  private String quotedSegment() throws QueryException {
    int open = pos;
    int close = text.indexOf("]]", pos + 2);
    if (close < 0 || close + 2 > end) {
      throw QueryException.problem(text, open, "unterminated '[[' name (missing ']]')");
    }
    if (close == pos + 2) {
      throw QueryException.problem(text, open, "empty '[[]]' name");
    }
    pos = close + 2;
    return text.substring(open + 2, close);
  }

  private Token string() throws QueryException {
    int start = pos;
    char quote = text.charAt(pos++);
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= end) {
        throw QueryException.problem(text, start, "unterminated string (missing " + quote + ")");
      }
      char c = text.charAt(pos);
      if (c == quote) {
        pos++;
        return Token.string(start, pos, value.toString());
      }
      if (c == '\\') {
        value.append(escape());
      } else {
        value.append(c);
        pos++;
      }
    }
  }

  private char escape() throws QueryException {
    int start = pos;
    char c = at(pos + 1);
    pos += 2;
    switch (c) {
      case '\'':
      case '"':
      case '\\':
      case '/':
        return c;
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
        return unicodeEscape(start);
      default:
        if (start + 1 >= end) {
          throw QueryException.problem(text, start, "unterminated string (ends in '\\')");
        }
        throw QueryException.problem(
            text,
            start,
            "unknown escape '\\" + c + "' (use \\' \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)");
    }
  }

  private char unicodeEscape(int start) throws QueryException {
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(at(pos), 16);
      if (digit < 0 || !isAsciiHex(at(pos))) {
        throw QueryException.problem(text, start, "'\\u' must be followed by four hex digits");
      }
      value = value * 16 + digit;
      pos++;
    }
    return (char) value;
  }

  private Token number() throws QueryException {
    int start = pos;
    if (at(pos) == '-') {
      if (pos > regionStart && (isNamePart(text.charAt(pos - 1)) || text.charAt(pos - 1) == ']')) {
        throw QueryException.problem(
            text,
            pos,
            "a name cannot contain '-' unless quoted, as in tags.[[my-key]];"
                + " or put spaces around an operator");
      }
      pos++;
      if (!isDigit(at(pos))) {
        throw QueryException.problem(
            text,
            start,
            "'-' must be followed by a digit (write negative numbers as -5; arithmetic is not"
                + " supported)");
      }
    }
    if (at(pos) == '0' && (at(pos + 1) == 'x' || at(pos + 1) == 'X')) {
      return hexNumber(start);
    }
    digits();
    if (at(pos) == '.') {
      pos++;
      if (!isDigit(at(pos))) {
        throw QueryException.expected(text, pos, "a digit after the decimal point");
      }
      digits();
    }
    if (at(pos) == 'e' || at(pos) == 'E') {
      pos++;
      if (at(pos) == '+' || at(pos) == '-') {
        pos++;
      }
      if (!isDigit(at(pos))) {
        throw QueryException.expected(text, pos, "the digits of the exponent");
      }
      digits();
    }
    if (isNamePart(at(pos)) || at(pos) == '.') {
      throw QueryException.problem(text, pos, "unexpected " + describe(at(pos)) + " in a number");
    }
    return Token.number(start, pos, parseNumber(start));
  }

  /** {@code 0x1F} (IoT Hub's hexadecimal literal), optionally negative; an integer. */
  private Token hexNumber(int start) throws QueryException {
    pos += 2;
    int first = pos;
    while (Character.digit(at(pos), 16) >= 0) {
      pos++;
    }
    if (pos == first) {
      throw QueryException.expected(text, pos, "hexadecimal digits after '0x'");
    }
    if (isNamePart(at(pos)) || at(pos) == '.') {
      throw QueryException.problem(text, pos, "unexpected " + describe(at(pos)) + " in a number");
    }
    if (pos - first > MAX_NUMBER_SCALE) {
      throw QueryException.problem(text, start, "number out of range");
    }
    BigDecimal value = new BigDecimal(new BigInteger(text.substring(first, pos), 16));
    return Token.number(start, pos, text.charAt(start) == '-' ? value.negate() : value);
  }

  private BigDecimal parseNumber(int start) throws QueryException {
    try {
      BigDecimal value = new BigDecimal(text.substring(start, pos));
      if (Math.abs((long) value.scale()) > MAX_NUMBER_SCALE
          || value.precision() > MAX_NUMBER_SCALE) {
        throw QueryException.problem(text, start, "number out of range");
      }
      return value;
    } catch (NumberFormatException | ArithmeticException e) {
      throw QueryException.problem(text, start, "number out of range");
    }
  }

  private void digits() {
    while (isDigit(at(pos))) {
      pos++;
    }
  }

  /** The character at {@code index}, or 0 past the end of the region. */
  private char at(int index) {
    return index < end ? text.charAt(index) : 0;
  }

  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** A character that can start a plain name: an ASCII letter, '_' or '$'. */
  static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
  }

  /** A character that can continue a plain name (or start one after a dot). */
  static boolean isNamePart(char c) {
    return isNameStart(c) || isDigit(c);
  }

  /** A character for an error message: quoted when printable, else as a code point. */
  static String describe(char c) {
    if (c < 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isSurrogate(c)) {
      return String.format("U+%04X", (int) c);
    }
    return "'" + c + "'";
  }
}

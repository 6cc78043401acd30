package io.edgefleet.engine.route;

import io.edgefleet.engine.query.QueryException;

/** A cursor over a route's text with the few reading steps the route grammar needs. */
final class RouteScanner {

  private final String text;
  private int pos;

  RouteScanner(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }

  int pos() {
    return pos;
  }

  void moveTo(int offset) {
    pos = offset;
  }

  boolean atEnd() {
    return pos >= text.length();
  }

  char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  void skipWhitespace() {
    while (pos < text.length() && isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  /** Consumes {@code keyword} (ASCII letters, any case) if it is the next whole word. */
  boolean word(String keyword) {
    int end = pos + keyword.length();
    if (end > text.length()) {
      return false;
    }
    for (int i = 0; i < keyword.length(); i++) {
      if ((text.charAt(pos + i) | 0x20) != (keyword.charAt(i) | 0x20)
          || !isWordPart(text.charAt(pos + i))) {
        return false;
      }
    }
    if (end >= text.length() || !isWordPart(text.charAt(end))) {
      pos = end;
      return true;
    }
    return false;
  }

  /** Reads a run of name characters (letters, digits, '_'); empty if there is none. */
  String identifier() {
    int start = pos;
    while (pos < text.length() && isWordPart(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  /** Reads a single- or double-quoted string with the query language's escapes. */
  String string() throws QueryException {
    int start = pos;
    char quote = text.charAt(pos++);
    StringBuilder value = new StringBuilder();
    while (pos < text.length() && text.charAt(pos) != quote) {
      char c = text.charAt(pos);
      if (c != '\\') {
        value.append(c);
        pos++;
        continue;
      }
      char escaped = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
      switch (escaped) {
        case '\'', '"', '\\', '/' -> value.append(escaped);
        case 'n' -> value.append('\n');
        case 't' -> value.append('\t');
        case 'r' -> value.append('\r');
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'u' -> value.append(unicode(pos));
        default -> throw QueryException.problem(text, pos, "unknown escape in string");
      }
      pos += escaped == 'u' ? 6 : 2;
    }
    if (pos >= text.length()) {
      throw QueryException.problem(text, start, "unterminated string (missing " + quote + ")");
    }
    pos++;
    return value.toString();
  }

  private char unicode(int backslash) throws QueryException {
    if (backslash + 6 > text.length()) {
      throw QueryException.problem(text, backslash, "'\\u' must be followed by four hex digits");
    }
    int value = 0;
    for (int i = backslash + 2; i < backslash + 6; i++) {
      int digit = hex(text.charAt(i));
      if (digit < 0) {
        throw QueryException.problem(text, backslash, "'\\u' must be followed by four hex digits");
      }
      value = value * 16 + digit;
    }
    return (char) value;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  QueryException expected(String what) {
    return QueryException.expected(text, pos, what);
  }

  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }

  static boolean isWordPart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /** Characters of module, output and input names: letters, digits, '_', '.', '-'. */
  static boolean isNamePart(char c) {
    return isWordPart(c) || c == '.' || c == '-';
  }

  static boolean isName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isNamePart(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}

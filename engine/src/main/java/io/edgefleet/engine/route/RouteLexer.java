package io.edgefleet.engine.route;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a route into tokens exactly as edgeHub's route lexer does: at each position the rule with
 * the longest match wins, and on equal length the rule listed first in {@link Kind}. White space
 * and {@code /* ... *}{@code /} comments are dropped. This is what makes edgeHub accept, for
 * example, {@code a+b} as one property name and refuse {@code a -5} (a name followed by the number
 * -5); see docs/concepts.md, "Routes".
 */
final class RouteLexer {

  /** Token kinds in edgeHub's rule order (the order breaks ties between equal-length matches). */
  enum Kind {
    LBRACE,
    RBRACE,
    SELECT,
    FROM,
    WHERE,
    INTO,
    STRING,
    UNTERMINATED_STRING,
    INTEGER,
    HEX_INTEGER,
    REAL,
    TRUE,
    FALSE,
    NULL,
    UNDEFINED,
    LPAREN,
    RPAREN,
    COMMA,
    PLUS,
    MINUS,
    STAR,
    SLASH,
    PERCENT,
    AND,
    OR,
    NOT,
    EQ,
    NE,
    NE2,
    LE,
    GE,
    GT,
    LT,
    CONCAT,
    COALESCE,
    SYSTEM_PROPERTY,
    ID,
    QUERY_PATH,
    WHITESPACE,
    COMMENT,
    UNKNOWN,
    END
  }

  /** A token: its kind and its place in the text ({@code end} exclusive). */
  record Token(Kind kind, int start, int end, String text) {
    boolean is(Kind other) {
      return kind == other;
    }
  }

  private static final Kind[] FIXED = {
    Kind.LBRACE,
    Kind.RBRACE,
    Kind.LPAREN,
    Kind.RPAREN,
    Kind.COMMA,
    Kind.PLUS,
    Kind.MINUS,
    Kind.STAR,
    Kind.SLASH,
    Kind.PERCENT,
    Kind.EQ,
    Kind.NE,
    Kind.NE2,
    Kind.LE,
    Kind.GE,
    Kind.GT,
    Kind.LT,
    Kind.CONCAT,
    Kind.COALESCE
  };
  private static final String[] FIXED_TEXT = {
    "{", "}", "(", ")", ",", "+", "-", "*", "/", "%", "=", "!=", "<>", "<=", ">=", ">", "<", "||",
    "??"
  };

  private final String text;

  private RouteLexer(String text) {
    this.text = text;
  }

  /** Every token of {@code text} but white space and comments, ending with {@link Kind#END}. */
  static List<Token> tokens(String text) {
    return new RouteLexer(text).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    int pos = 0;
    while (pos < text.length()) {
      Kind best = Kind.UNKNOWN;
      int bestLength = 1;
      for (Kind kind : Kind.values()) {
        int length = match(kind, pos);
        if (length > bestLength || (length == bestLength && kind.ordinal() < best.ordinal())) {
          best = kind;
          bestLength = length;
        }
      }
      if (best != Kind.WHITESPACE && best != Kind.COMMENT) {
        tokens.add(new Token(best, pos, pos + bestLength, text.substring(pos, pos + bestLength)));
      }
      pos += bestLength;
    }
    tokens.add(new Token(Kind.END, text.length(), text.length(), ""));
    return tokens;
  }

  /** The length of the longest match of {@code kind} at {@code pos}, 0 for none. */
  private int match(Kind kind, int pos) {
    return switch (kind) {
      case SELECT -> word(pos, "SELECT", true);
      case FROM -> word(pos, "FROM", true);
      case WHERE -> word(pos, "WHERE", true);
      case INTO -> word(pos, "INTO", true);
      case AND -> word(pos, "AND", true);
      case OR -> word(pos, "OR", true);
      case NOT -> word(pos, "NOT", true);
      case TRUE -> word(pos, "true", false);
      case FALSE -> word(pos, "false", false);
      case NULL -> word(pos, "null", false);
      case UNDEFINED -> word(pos, "undefined", false);
      case STRING -> string(pos, true);
      case UNTERMINATED_STRING -> string(pos, false);
      case INTEGER -> integer(pos);
      case HEX_INTEGER -> hex(pos);
      case REAL -> real(pos);
      case SYSTEM_PROPERTY -> systemProperty(pos);
      case ID -> run(pos, true);
      case QUERY_PATH -> run(pos, false);
      case WHITESPACE -> whitespace(pos);
      case COMMENT -> comment(pos);
      case UNKNOWN -> 1;
      case END -> 0;
      default -> fixed(kind, pos);
    };
  }

  private char at(int pos) {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  /** {@code word}; with {@code anyCase}, ASCII letters in either case (as edgeHub's A-Z rules). */
  private int word(int pos, String word, boolean anyCase) {
    if (pos + word.length() > text.length()) {
      return 0;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = text.charAt(pos + i);
      char w = word.charAt(i);
      if (c != w && !(anyCase && c < 128 && (c | 0x20) == (w | 0x20))) {
        return 0;
      }
    }
    return word.length();
  }

  private int fixed(Kind kind, int pos) {
    for (int i = 0; i < FIXED.length; i++) {
      if (FIXED[i] == kind) {
        return text.startsWith(FIXED_TEXT[i], pos) ? FIXED_TEXT[i].length() : 0;
      }
    }
    return 0;
  }

  /**
   * A quoted string with the escapes \" \' \\ and \\uXXXX. Terminated: up to and with the closing
   * quote, else 0. Unterminated: the opening quote and what may follow it, up to a closing quote,
   * an escape edgeHub does not know, or the end.
   */
  private int string(int pos, boolean terminated) {
    char quote = at(pos);
    if (quote != '"' && quote != '\'') {
      return 0;
    }
    int i = pos + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == quote) {
        return terminated ? i + 1 - pos : i - pos;
      }
      if (c == '\\') {
        int escape = escape(i);
        if (escape == 0) {
          return terminated ? 0 : i - pos;
        }
        i += escape;
      } else {
        i++;
      }
    }
    return terminated ? 0 : i - pos;
  }

  private int escape(int backslash) {
    char c = at(backslash + 1);
    if (c == '"' || c == '\'' || c == '\\') {
      return 2;
    }
    if (c != 'u') {
      return 0;
    }
    for (int i = backslash + 2; i < backslash + 6; i++) {
      if (!isHex(at(i))) {
        return 0;
      }
    }
    return 6;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** {@code '$'} and at least one QUERY_PATH character. */
  private int systemProperty(int pos) {
    if (at(pos) != '$') {
      return 0;
    }
    int name = run(pos + 1, false);
    return name == 0 ? 0 : name + 1;
  }

  private int digits(int pos) {
    int i = pos;
    while (at(i) >= '0' && at(i) <= '9') {
      i++;
    }
    return i - pos;
  }

  private int integer(int pos) {
    int sign = at(pos) == '-' ? 1 : 0;
    int digits = digits(pos + sign);
    return digits == 0 ? 0 : sign + digits;
  }

  private int hex(int pos) {
    if (at(pos) != '0' || (at(pos + 1) != 'x' && at(pos + 1) != 'X')) {
      return 0;
    }
    int i = pos + 2;
    while (isHex(at(i))) {
      i++;
    }
    return i > pos + 2 ? i - pos : 0;
  }

  /** {@code -? [0-9]* '.' [0-9]+ EXP?} or {@code -? [0-9]* EXP}. */
  private int real(int pos) {
    int i = pos + (at(pos) == '-' ? 1 : 0);
    i += digits(i);
    int best = 0;
    int exponent = exponent(i);
    if (exponent > 0) {
      best = i + exponent - pos;
    }
    if (at(i) == '.') {
      int fraction = digits(i + 1);
      if (fraction > 0) {
        int end = i + 1 + fraction;
        best = Math.max(best, end + exponent(end) - pos);
      }
    }
    return best;
  }

  private int exponent(int pos) {
    if (at(pos) != 'e' && at(pos) != 'E') {
      return 0;
    }
    int i = pos + 1;
    if (at(i) == '+' || at(i) == '-') {
      i++;
    }
    int digits = digits(i);
    return digits == 0 ? 0 : i + digits - pos;
  }

  /** A run of name characters: ID's set, or QUERY_PATH's set (which also allows '[' and ']'). */
  private int run(int pos, boolean id) {
    int i = pos;
    while (i < text.length() && isPathChar(text.charAt(i), id)) {
      i++;
    }
    return i - pos;
  }

  static boolean isPathChar(char c, boolean id) {
    if ("()<>@,;:\\\"/?={} \t\n\r".indexOf(c) >= 0) {
      return false;
    }
    return !id || (c != '[' && c != ']');
  }

  private int whitespace(int pos) {
    int i = pos;
    while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    return i - pos;
  }

  private int comment(int pos) {
    if (!text.startsWith("/*", pos)) {
      return 0;
    }
    int close = text.indexOf("*/", pos + 2);
    return close < 0 ? 0 : close + 2 - pos;
  }
}

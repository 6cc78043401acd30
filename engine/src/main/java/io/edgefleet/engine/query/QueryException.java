package io.edgefleet.engine.query;

/**
 * The one error type of the query language and route parsers: it says what is wrong and where.
 *
 * <p>{@link #getMessage()} reads like {@code expected a value after '=' at column 18} (with a line
 * number too when the text has several lines). {@link #excerpt()} is the offending line with a
 * caret under the column, ready to show to a person.
 */
public final class QueryException extends Exception {

  private static final long serialVersionUID = 1L;
  private static final int EXCERPT_WINDOW = 60;

  private final String problem;
  private final String expected;
  private final int offset;
  private final int line;
  private final int column;
  private final String excerpt;

  /**
   * Creates an error about {@code text} at {@code offset}.
   *
   * @param text the whole text that was parsed (may be null)
   * @param offset 0-based index of the offending character; the text length means "at the end"
   * @param problem what is wrong, without the position, e.g. {@code unterminated string}
   * @param expected what would have been accepted, e.g. {@code a value after '='}; may be null
   */
  public QueryException(String text, int offset, String problem, String expected) {
    super(problem);
    String source = text == null ? "" : text;
    int at = Math.max(0, Math.min(offset, source.length()));
    int lineStart = source.lastIndexOf('\n', at - 1) + 1;
    int lineEnd = source.indexOf('\n', at);
    if (lineEnd < 0) {
      lineEnd = source.length();
    }
    this.problem = problem;
    this.expected = expected;
    this.offset = at;
    this.line = countLines(source, at);
    this.column = at - lineStart + 1;
    this.excerpt = excerpt(source, lineStart, lineEnd, at);
  }

  /** An error whose problem is "expected {@code expected}". */
  public static QueryException expected(String text, int offset, String expected) {
    return new QueryException(text, offset, "expected " + expected, expected);
  }

  /** An error that is not about a missing piece, e.g. an unterminated string. */
  public static QueryException problem(String text, int offset, String problem) {
    return new QueryException(text, offset, problem, null);
  }

  /** 1-based column of the offending character within its line. */
  public int column() {
    return column;
  }

  /** 1-based line of the offending character (1 unless the text has line breaks). */
  public int line() {
    return line;
  }

  /** 0-based index of the offending character in the whole text. */
  public int offset() {
    return offset;
  }

  /** What would have been accepted at the position, e.g. {@code a value after '='}; may be null. */
  public String expected() {
    return expected;
  }

  /** What is wrong, without the position. */
  public String problem() {
    return problem;
  }

  /** The offending line (shortened around the column when long) and a caret line under it. */
  public String excerpt() {
    return excerpt;
  }

  @Override
  public String getMessage() {
    return line == 1
        ? problem + " at column " + column
        : problem + " at line " + line + ", column " + column;
  }

  /** The 1-based column of {@code offset} within its line. */
  static int columnAt(String text, int offset) {
    return offset - text.lastIndexOf('\n', offset - 1);
  }

  private static int countLines(String text, int end) {
    int lines = 1;
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }

  private static String excerpt(String text, int lineStart, int lineEnd, int at) {
    int from = lineStart;
    int to = lineEnd;
    String prefix = "";
    String suffix = "";
    if (at - from > EXCERPT_WINDOW) {
      from = at - EXCERPT_WINDOW;
      prefix = "...";
    }
    if (to - at > EXCERPT_WINDOW) {
      to = at + EXCERPT_WINDOW;
      suffix = "...";
    } else if (to > at && text.charAt(to - 1) == '\r') {
      to--;
    }
    StringBuilder out = new StringBuilder(prefix);
    out.append(text, from, to).append(suffix).append('\n');
    out.append(" ".repeat(prefix.length()));
    for (int i = from; i < at; i++) {
      out.append(text.charAt(i) == '\t' ? '\t' : ' ');
    }
    return out.append('^').toString();
  }
}

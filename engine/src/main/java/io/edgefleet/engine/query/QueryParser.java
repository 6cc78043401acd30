package io.edgefleet.engine.query;

import java.util.List;
import java.util.Objects;

/**
 * Parses target conditions, metric queries and route conditions. Every method is static and
 * thread-safe, and for any input throws nothing but {@link QueryException}.
 *
 * <p>Limits: a text may be at most {@link #MAX_LENGTH} characters long and nest parentheses and
 * NOTs at most {@value ConditionParser#MAX_DEPTH} deep.
 */
public final class QueryParser {

  /** The longest text accepted, in UTF-16 code units (Java chars). */
  public static final int MAX_LENGTH = 8192;

  private QueryParser() {}

  /**
   * Parses a target condition over device twins, or {@code *} for every device.
   *
   * @throws QueryException if the text is null, empty, too long or not a valid condition
   */
  public static TargetCondition parseCondition(String text) throws QueryException {
    checkLength(text, "a condition");
    ConditionParser parser = new ConditionParser(text, 0, text.length(), TwinPaths.INSTANCE);
    return new TargetCondition(text, parser.parseWhole(true));
  }

  /**
   * Parses a metric query: {@code SELECT deviceId FROM devices [WHERE condition]}, or {@code SELECT
   * *}. Keywords are case-insensitive.
   */
  public static MetricQuery parseMetricQuery(String text) throws QueryException {
    checkLength(text, "a metric query");
    ConditionParser parser = new ConditionParser(text, 0, text.length(), TwinPaths.INSTANCE);
    Token select = parser.token();
    if (!select.isWord("SELECT")) {
      throw parser.expected("SELECT, as in SELECT deviceId FROM devices WHERE ...");
    }
    parser.advance();
    boolean selectAll = selection(parser, text);
    parser.advance();
    if (!parser.token().isWord("FROM")) {
      throw parser.expected("FROM after the selection");
    }
    parser.advance();
    Token from = parser.token();
    if (!from.isWord("devices")) {
      if (from.kind() == Token.Kind.NAME && from.segments().get(0).equalsIgnoreCase("devices")) {
        throw QueryException.problem(
            text, from.start(), "only devices can be queried (not devices.modules)");
      }
      throw parser.expected("devices after FROM");
    }
    parser.advance();
    if (parser.token().kind() == Token.Kind.END) {
      return new MetricQuery(text, selectAll, null);
    }
    if (!parser.token().isWord("WHERE")) {
      throw parser.expected("WHERE or the end of the query after 'devices'");
    }
    parser.advance();
    int conditionStart = parser.token().start();
    if (parser.token().kind() == Token.Kind.END) {
      throw parser.expected("a condition after WHERE");
    }
    Expr condition = parser.parseCondition();
    parser.expectEnd();
    String conditionText = text.substring(conditionStart).strip();
    return new MetricQuery(text, selectAll, new TargetCondition(conditionText, condition));
  }

  private static boolean selection(ConditionParser parser, String text) throws QueryException {
    Token selection = parser.token();
    if (selection.kind() == Token.Kind.STAR) {
      return true;
    }
    if (selection.kind() == Token.Kind.NAME
        && selection.segments().equals(List.of("deviceId"))
        && !selection.quotedHead()) {
      return false;
    }
    if (selection.isWord("deviceId")) {
      throw QueryException.problem(
          text, selection.start(), "names are case-sensitive: write deviceId");
    }
    throw parser.expected("deviceId or * after SELECT (a metric counts devices)");
  }

  /** Parses a route condition over messages (the part between WHERE and INTO). */
  public static MessageCondition parseMessageCondition(String text) throws QueryException {
    checkLength(text, "a condition");
    return parseMessageCondition(text, 0, text.length());
  }

  /**
   * Parses the route condition in {@code text} from {@code start} (inclusive) to {@code end}
   * (exclusive); errors report positions in the whole text. For {@link
   * io.edgefleet.engine.route.RouteParser}, which checks the length of the whole route.
   *
   * @throws IndexOutOfBoundsException if the region is not within the text (a programming error)
   */
  public static MessageCondition parseMessageCondition(String text, int start, int end)
      throws QueryException {
    if (text == null) {
      throw QueryException.expected(null, 0, "a condition (the text is missing)");
    }
    Objects.checkFromToIndex(start, end, text.length());
    ConditionParser parser = new ConditionParser(text, start, end, MessagePaths.INSTANCE);
    Expr condition = parser.parseWhole(false);
    return new MessageCondition(text.substring(start, end).strip(), condition);
  }

  private static void checkLength(String text, String what) throws QueryException {
    if (text == null) {
      throw QueryException.expected(null, 0, what + " (the text is missing)");
    }
    if (text.length() > MAX_LENGTH) {
      throw QueryException.problem(
          text, MAX_LENGTH, "too long: at most " + MAX_LENGTH + " characters are allowed");
    }
  }
}

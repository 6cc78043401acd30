package io.edgefleet.engine.route;

import io.edgefleet.engine.query.MessageCondition;
import io.edgefleet.engine.query.QueryException;
import io.edgefleet.engine.query.QueryParser;

/**
 * Parses edgeHub route strings: {@code [SELECT *] FROM <source> [WHERE <condition>] INTO <sink>},
 * keywords in any case, surrounding white space ignored. The condition uses the query language
 * ({@link QueryParser#parseMessageCondition(String, int, int)}). Static and thread-safe; for any
 * input it throws nothing but {@link QueryException}, with the column in the route text.
 *
 * <p>Hand-written like the condition parser: the route grammar is a fixed sequence of keywords and
 * two small sub-grammars (path and sink), so a scanner gives precise columns for free.
 */
public final class RouteParser {

  private RouteParser() {}

  public static Route parse(String text) throws QueryException {
    if (text == null) {
      throw QueryException.expected(null, 0, "a route (the text is missing)");
    }
    if (text.length() > QueryParser.MAX_LENGTH) {
      throw QueryException.problem(
          text,
          QueryParser.MAX_LENGTH,
          "too long: at most " + QueryParser.MAX_LENGTH + " characters are allowed");
    }
    RouteScanner scanner = new RouteScanner(text);
    scanner.skipWhitespace();
    if (scanner.word("SELECT")) {
      scanner.skipWhitespace();
      if (scanner.peek() != '*') {
        throw scanner.expected("'*' after SELECT (a route always selects whole messages)");
      }
      scanner.moveTo(scanner.pos() + 1);
      scanner.skipWhitespace();
    }
    if (!scanner.word("FROM")) {
      throw scanner.expected("FROM, as in FROM /messages/* INTO $upstream");
    }
    scanner.skipWhitespace();
    SourcePath source = SourcePath.read(scanner);
    scanner.skipWhitespace();
    MessageCondition condition = null;
    if (scanner.word("WHERE")) {
      condition = condition(scanner);
    }
    if (!scanner.word("INTO")) {
      throw scanner.expected(
          condition == null ? "WHERE or INTO after the source path" : "INTO after the condition");
    }
    scanner.skipWhitespace();
    Sink sink = Sink.read(scanner);
    scanner.skipWhitespace();
    if (!scanner.atEnd()) {
      throw QueryException.problem(text, scanner.pos(), "unexpected text after the sink");
    }
    return new Route(text, source, condition, sink);
  }

  /** Reads the condition between WHERE and INTO and leaves the scanner at INTO. */
  private static MessageCondition condition(RouteScanner scanner) throws QueryException {
    String text = scanner.text();
    int start = scanner.pos();
    int into = IntoFinder.find(text, start);
    if (into < 0) {
      // No INTO: parse to the end so a broken condition is reported as such first.
      QueryParser.parseMessageCondition(text, start, text.length());
      scanner.moveTo(text.stripTrailing().length());
      throw scanner.expected("INTO after the condition");
    }
    if (text.substring(start, into).isBlank()) {
      scanner.moveTo(into);
      throw scanner.expected("a condition between WHERE and INTO");
    }
    MessageCondition condition = QueryParser.parseMessageCondition(text, start, into);
    scanner.moveTo(into);
    return condition;
  }
}

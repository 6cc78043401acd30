package io.edgefleet.engine.route;

import io.edgefleet.engine.query.MessageCondition;
import io.edgefleet.engine.query.QueryException;
import io.edgefleet.engine.query.QueryParser;
import io.edgefleet.engine.route.RouteLexer.Kind;
import io.edgefleet.engine.route.RouteLexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses edgeHub route strings and accepts exactly what edgeHub accepts: its grammar {@code [SELECT
 * *] FROM <path> [WHERE <condition>] INTO <sink>} with its lexer ({@link RouteLexer}), its
 * condition grammar ({@link ConditionSyntax}) and its endpoint factory ({@code $upstream} in any
 * case, or {@code BrokeredEndpoint("<address>")} whose address splits into four segments). What
 * EdgeFleet checks beyond that becomes a warning on the route ({@link Route#warnings()}), never an
 * error: a source path or address of an undocumented shape, text after the sink (edgeHub ignores
 * it), a condition the query language cannot evaluate. Static and thread-safe; for any input it
 * throws nothing but {@link QueryException}, with the column in the route text.
 */
public final class RouteParser {

  private final String text;
  private final List<Token> tokens;
  private final List<String> warnings = new ArrayList<>();
  private int next;

  private RouteParser(String text) {
    this.text = text;
    this.tokens = RouteLexer.tokens(text);
  }

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
    return new RouteParser(text).route();
  }

  private Token token() {
    return tokens.get(next);
  }

  private Route route() throws QueryException {
    if (token().is(Kind.SELECT)) {
      next++;
      expect(Kind.STAR, "'*' after SELECT (a route always selects whole messages)");
    }
    expect(Kind.FROM, "FROM, as in FROM /messages/* INTO $upstream");
    SourcePath source = source();
    MessageCondition condition = null;
    String conditionText = null;
    if (token().is(Kind.WHERE)) {
      next++;
      if (token().is(Kind.INTO) || token().is(Kind.END)) {
        throw QueryException.expected(text, token().start(), "a condition between WHERE and INTO");
      }
      int first = next;
      next = ConditionSyntax.read(text, tokens, first);
      int start = tokens.get(first).start();
      int end = tokens.get(next - 1).end();
      conditionText = text.substring(start, end);
      condition = evaluable(start, end);
    }
    if (!token().is(Kind.INTO)) {
      throw QueryException.expected(
          text,
          token().start(),
          conditionText == null
              ? "WHERE or INTO after the source path"
              : "INTO after the condition");
    }
    next++;
    Sink sink = sink();
    if (!token().is(Kind.END)) {
      warnings.add(
          "the text after the sink ('"
              + text.substring(token().start()).strip()
              + "') is ignored, by edgeHub too");
    }
    return new Route(text, source, conditionText, condition, sink, warnings);
  }

  private void expect(Kind kind, String what) throws QueryException {
    if (!token().is(kind)) {
      throw QueryException.expected(text, token().start(), what);
    }
    next++;
  }

  private SourcePath source() throws QueryException {
    if (!token().is(Kind.SLASH)) {
      throw QueryException.expected(
          text, token().start(), "a source path after FROM, such as /messages/*");
    }
    List<String> segments = new ArrayList<>();
    while (token().is(Kind.SLASH)) {
      next++;
      Token item = token();
      if (!item.is(Kind.STAR) && !item.is(Kind.ID)) {
        throw QueryException.expected(
            text,
            item.start(),
            "a name or '*' after '/'"
                + (item.is(Kind.END)
                    ? ""
                    : " (edgeHub reads '" + item.text() + "' as " + describe(item) + ")"));
      }
      segments.add(item.text());
      next++;
    }
    SourcePath path = new SourcePath("/" + String.join("/", segments), List.copyOf(segments));
    if (!path.documented()) {
      warnings.add(
          "the source "
              + path.text()
              + " is none of the documented shapes (/messages/*, /messages/modules/<module>,"
              + " /messages/modules/<module>/outputs/<output>, ...): edgeHub routes the messages"
              + " whose source starts with it");
    }
    return path;
  }

  private static String describe(Token token) {
    return switch (token.kind()) {
      case INTEGER, HEX_INTEGER, REAL -> "a number";
      case SYSTEM_PROPERTY -> "a system property";
      case SELECT, FROM, WHERE, INTO, AND, OR, NOT, TRUE, FALSE, NULL, UNDEFINED -> "a keyword";
      default -> "something else";
    };
  }

  private Sink sink() throws QueryException {
    Token token = token();
    if (token.is(Kind.SYSTEM_PROPERTY)) {
      if (!token.text().equalsIgnoreCase("$upstream")) {
        throw QueryException.problem(
            text,
            token.start(),
            "unknown system endpoint '" + token.text() + "'; the only one is $upstream");
      }
      next++;
      return Sink.UPSTREAM;
    }
    if (!token.is(Kind.ID)) {
      throw QueryException.expected(
          text,
          token.start(),
          "a sink after INTO: $upstream or BrokeredEndpoint(\"/modules/<module>/inputs/<input>\")");
    }
    if (!token.text().equalsIgnoreCase(Sink.ENDPOINT)) {
      throw QueryException.problem(
          text,
          token.start(),
          "unknown endpoint '"
              + token.text()
              + "'; use $upstream or BrokeredEndpoint(\"/modules/<module>/inputs/<input>\")");
    }
    next++;
    expect(Kind.LPAREN, "'(' after " + token.text());
    Token address = token();
    if (address.is(Kind.UNTERMINATED_STRING)) {
      throw QueryException.problem(
          text, address.start(), "unterminated string (or an escape edgeHub does not know)");
    }
    if (!address.is(Kind.STRING)) {
      throw QueryException.expected(
          text, address.start(), "a quoted address such as \"/modules/<module>/inputs/<input>\"");
    }
    next++;
    expect(Kind.RPAREN, "')' after the address");
    String raw = address.text().substring(1, address.text().length() - 1);
    Sink sink = Sink.brokered(raw, address.text().charAt(0));
    if (sink == null) {
      throw QueryException.expected(
          text, address.start() + 1, "an address of the form /modules/<module>/inputs/<input>");
    }
    if (!sink.documented()) {
      warnings.add(
          "the address "
              + raw
              + " is not of the form "
              + sink.canonicalAddress()
              + ": edgeHub delivers to input '"
              + sink.input()
              + "' of module '"
              + sink.module()
              + "'");
    }
    return sink;
  }

  /** The condition in the query language, or null with a warning if it cannot be read so. */
  private MessageCondition evaluable(int start, int end) {
    try {
      return QueryParser.parseMessageCondition(text, start, end);
    } catch (QueryException e) {
      warnings.add(
          "EdgeFleet's tools cannot evaluate the condition ("
              + e.getMessage()
              + "); edgeHub accepts it and evaluates it on the device");
      return null;
    }
  }
}

package io.edgefleet.engine.route;

import io.edgefleet.engine.query.QueryException;
import io.edgefleet.engine.route.RouteLexer.Kind;
import io.edgefleet.engine.route.RouteLexer.Token;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a route's WHERE condition against edgeHub's condition grammar: operands (literals,
 * property names, {@code $}system properties, {@code {$name}}, function calls of edgeHub's built-in
 * functions, parentheses) joined by its binary operators ({@code * / % + - || < <= > >= = != <> AND
 * OR ??}), each operand optionally preceded by {@code -} or {@code NOT}. Operator precedence does
 * not change which texts are accepted, so this only recognizes; evaluation, where EdgeFleet needs
 * it, is the query language's ({@link io.edgefleet.engine.query.MessageCondition}).
 */
final class ConditionSyntax {

  /** edgeHub's built-in functions (names compared ignoring case). */
  static final Set<String> FUNCTIONS =
      Set.of(
          "abs",
          "exp",
          "power",
          "square",
          "ceiling",
          "floor",
          "sign",
          "sqrt",
          "as_number",
          "is_bool",
          "is_defined",
          "is_null",
          "is_number",
          "is_string",
          "concat",
          "length",
          "lower",
          "upper",
          "substring",
          "index_of",
          "starts_with",
          "ends_with",
          "contains",
          "twin_change_includes");

  private static final Set<Kind> LITERALS =
      EnumSet.of(
          Kind.TRUE,
          Kind.FALSE,
          Kind.STRING,
          Kind.INTEGER,
          Kind.HEX_INTEGER,
          Kind.REAL,
          Kind.NULL,
          Kind.UNDEFINED);

  private static final Set<Kind> BINARY =
      EnumSet.of(
          Kind.STAR,
          Kind.SLASH,
          Kind.PERCENT,
          Kind.PLUS,
          Kind.MINUS,
          Kind.CONCAT,
          Kind.LT,
          Kind.LE,
          Kind.GT,
          Kind.GE,
          Kind.EQ,
          Kind.NE,
          Kind.NE2,
          Kind.AND,
          Kind.OR,
          Kind.COALESCE);

  /** Parentheses and function calls nest at most this deep, as in the query language. */
  static final int MAX_DEPTH = 256;

  private final String text;
  private final List<Token> tokens;
  private int next;
  private int depth;

  private ConditionSyntax(String text, List<Token> tokens, int first) {
    this.text = text;
    this.tokens = tokens;
    this.next = first;
  }

  /**
   * Reads the longest condition that starts at token {@code first}.
   *
   * @return the index of the first token after the condition
   */
  static int read(String text, List<Token> tokens, int first) throws QueryException {
    ConditionSyntax syntax = new ConditionSyntax(text, tokens, first);
    syntax.expression();
    return syntax.next;
  }

  private Token token() {
    return tokens.get(next);
  }

  private void expression() throws QueryException {
    if (++depth > MAX_DEPTH) {
      throw QueryException.problem(
          text, token().start(), "nested too deeply (more than " + MAX_DEPTH + " levels)");
    }
    operand();
    while (BINARY.contains(token().kind())) {
      Token operator = token();
      next++;
      if (token().is(Kind.END) || token().is(Kind.INTO)) {
        throw QueryException.expected(
            text, token().start(), "a value after '" + operator.text() + "'");
      }
      operand();
    }
    depth--;
  }

  private void operand() throws QueryException {
    while (token().is(Kind.MINUS) || token().is(Kind.NOT)) {
      next++;
    }
    Token token = token();
    switch (token.kind()) {
      case LPAREN -> {
        next++;
        expression();
        expect(Kind.RPAREN, "')' to close the '(' at column " + column(token));
      }
      case SYSTEM_PROPERTY -> next++;
      case LBRACE -> {
        next++;
        expect(Kind.SYSTEM_PROPERTY, "a system property such as $connectionModuleId after '{'");
        expect(Kind.RBRACE, "'}' after the system property");
      }
      case ID -> {
        next++;
        if (token().is(Kind.LPAREN)) {
          call(token);
        }
      }
      case UNTERMINATED_STRING ->
          throw QueryException.problem(
              text, token.start(), "unterminated string (or an escape edgeHub does not know)");
      default -> {
        if (!LITERALS.contains(token.kind())) {
          throw QueryException.expected(text, token.start(), describe(token));
        }
        next++;
      }
    }
  }

  private void call(Token function) throws QueryException {
    if (!FUNCTIONS.contains(function.text().toLowerCase(Locale.ROOT))) {
      throw QueryException.problem(
          text,
          function.start(),
          "unknown function '"
              + function.text()
              + "'; edgeHub's functions are "
              + String.join(", ", FUNCTIONS.stream().sorted().toList()));
    }
    next++;
    if (token().is(Kind.RPAREN)) {
      next++;
      return;
    }
    expression();
    while (token().is(Kind.COMMA)) {
      next++;
      expression();
    }
    expect(Kind.RPAREN, "')' or ',' in the arguments of " + function.text());
  }

  private void expect(Kind kind, String what) throws QueryException {
    if (!token().is(kind)) {
      throw QueryException.expected(text, token().start(), what);
    }
    next++;
  }

  private String describe(Token token) {
    if (token.is(Kind.EQ) && next > 0 && tokens.get(next - 1).is(Kind.EQ)) {
      return "a value after '=' ('==' is not an operator: write '=')";
    }
    String previous = next > 0 ? tokens.get(next - 1).text() : "";
    return "a value"
        + (previous.isEmpty() ? "" : " after '" + previous + "'")
        + (token.is(Kind.END) ? "" : ", not '" + token.text() + "'");
  }

  private int column(Token token) {
    return QueryException.problem(text, token.start(), "").column();
  }
}

package io.edgefleet.engine.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the condition grammar (precedence NOT &gt; AND &gt; OR):
 *
 * <pre>
 * condition  = or
 * or         = and { "OR" and }
 * and        = not { "AND" not }
 * not        = "NOT" not | primary
 * primary    = "(" or ")" | function "(" [ operand { "," operand } ] ")" | predicate
 * predicate  = operand ( compare-op operand | [ "NOT" ] "IN" list | "NIN" list )
 * operand    = path | string | number | "true" | "false" | "null"
 * list       = "[" [ literal { "," literal } ] "]"
 * </pre>
 *
 * <p>Written by hand rather than generated: the grammar is small, a hand-written parser needs no
 * build plugin or runtime library, it is fast to start (conditions are parsed on every deployment
 * change), and each error can say exactly what was expected at which column. Nesting is capped at
 * {@link #MAX_DEPTH} so hostile input cannot overflow the stack.
 *
 * <p>One instance parses one text; it is not shared between threads.
 */
final class ConditionParser {

  /** The deepest nesting of parentheses and NOTs accepted. */
  static final int MAX_DEPTH = 256;

  private static final String OPERATORS = "an operator (=, !=, <, <=, >, >=, IN or NIN)";

  private final String text;
  private final Lexer lexer;
  private final PathRules paths;
  private Token token;
  private int previousEnd;
  private String previousText;
  private int depth;

  ConditionParser(String text, int start, int end, PathRules paths) throws QueryException {
    this.text = text;
    this.lexer = new Lexer(text, start, end);
    this.paths = paths;
    this.previousEnd = start;
    this.token = lexer.next();
  }

  /** The token not yet consumed. */
  Token token() {
    return token;
  }

  /** Consumes the current token. */
  void advance() throws QueryException {
    previousEnd = token.end();
    previousText = text.substring(token.start(), token.end());
    token = lexer.next();
  }

  /** An "expected ..." error at the current token, or right after the last one at the end. */
  QueryException expected(String what) {
    int at = token.kind() == Token.Kind.END ? previousEnd : token.start();
    return QueryException.expected(text, at, what);
  }

  /** Like {@link #expected(String)}, with a note after what was expected. */
  private QueryException expected(String what, String note) {
    int at = token.kind() == Token.Kind.END ? previousEnd : token.start();
    return new QueryException(text, at, "expected " + what + " (" + note + ")", what);
  }

  private int columnOf(Token token) {
    return QueryException.columnAt(text, token.start());
  }

  /**
   * A whole condition up to the end of the region. With {@code allowEverything}, {@code *} alone is
   * accepted and means every device.
   */
  Expr parseWhole(boolean allowEverything) throws QueryException {
    if (allowEverything && token.kind() == Token.Kind.STAR) {
      Token star = token;
      advance();
      if (token.kind() != Token.Kind.END) {
        throw QueryException.problem(
            text, star.start(), "'*' means every device and must be the whole condition");
      }
      return new Expr.Everything();
    }
    if (token.kind() == Token.Kind.END) {
      throw expected("a condition", "the text is empty");
    }
    Expr condition = parseCondition();
    expectEnd();
    return condition;
  }

  /** A condition; stops at the first token that cannot continue it. */
  Expr parseCondition() throws QueryException {
    return parseOr();
  }

  /** Fails unless the whole text has been read. */
  void expectEnd() throws QueryException {
    if (token.kind() == Token.Kind.RPAREN) {
      throw QueryException.problem(text, token.start(), "')' without a matching '('");
    }
    if (token.kind() != Token.Kind.END) {
      throw expected("AND, OR or the end of the condition after " + quoted(previousText));
    }
  }

  private Expr parseOr() throws QueryException {
    Expr first = parseAnd();
    if (!token.isWord("OR")) {
      return first;
    }
    List<Expr> operands = new ArrayList<>();
    operands.add(first);
    while (token.isWord("OR")) {
      advance();
      operands.add(parseAnd());
    }
    return new Expr.Or(operands);
  }

  private Expr parseAnd() throws QueryException {
    Expr first = parseNot();
    if (!token.isWord("AND")) {
      return first;
    }
    List<Expr> operands = new ArrayList<>();
    operands.add(first);
    while (token.isWord("AND")) {
      advance();
      operands.add(parseNot());
    }
    return new Expr.And(operands);
  }

  private Expr parseNot() throws QueryException {
    if (!token.isWord("NOT")) {
      return parsePrimary();
    }
    enter(token);
    advance();
    Expr operand = parseNot();
    depth--;
    return new Expr.Not(operand);
  }

  private Expr parsePrimary() throws QueryException {
    Token first = token;
    switch (first.kind()) {
      case LPAREN:
        return parseGroup();
      case STAR:
        throw QueryException.problem(
            text,
            first.start(),
            "'*' is only allowed as a whole target condition, where it means every device");
      case STRING:
      case NUMBER:
        advance();
        return parsePredicate(literal(first), first.start());
      case NAME:
        if (isKeyword(first)) {
          throw expected(conditionContext());
        }
        advance();
        if (token.kind() == Token.Kind.LPAREN && first.isSimpleWord() && !isLiteralWord(first)) {
          Expr call = parseCall(first);
          if (token.compareOp() != null || token.isWord("IN") || token.isWord("NIN")) {
            throw QueryException.problem(
                text,
                token.start(),
                "a function call is a condition on its own and cannot be compared");
          }
          return call;
        }
        return parsePredicate(operandOf(first), first.start());
      default:
        throw expected(conditionContext());
    }
  }

  private String conditionContext() {
    return previousText == null ? "a condition" : "a condition after " + quoted(previousText);
  }

  private Expr parseGroup() throws QueryException {
    Token open = token;
    enter(open);
    advance();
    if (token.kind() == Token.Kind.RPAREN) {
      throw expected("a condition after '('");
    }
    Expr inner = parseOr();
    if (token.kind() != Token.Kind.RPAREN) {
      throw expected("')'", "the '(' at column " + columnOf(open) + " is not closed");
    }
    advance();
    depth--;
    return inner;
  }

  private Expr parsePredicate(Operand left, int leftStart) throws QueryException {
    CompareOp op = token.compareOp();
    if (op != null) {
      String symbol = text.substring(token.start(), token.end());
      advance();
      Token rightToken = token;
      Operand right = parseValue("a value after '" + symbol + "'");
      if (!op.isEquality()) {
        checkOrderable(left, op, leftStart);
        checkOrderable(right, op, rightToken.start());
      }
      return new Expr.Comparison(left, op, right);
    }
    if (token.isWord("IN") || token.isWord("NIN")) {
      boolean negated = token.isWord("NIN");
      advance();
      return new Expr.Membership(left, negated, parseList(negated ? "NIN" : "IN"));
    }
    if (token.isWord("NOT")) {
      advance();
      if (!token.isWord("IN")) {
        throw expected("IN after NOT");
      }
      advance();
      return new Expr.Membership(left, true, parseList("NOT IN"));
    }
    if (token.kind() == Token.Kind.STAR) {
      throw QueryException.problem(
          text,
          token.start(),
          "arithmetic ('*') is not supported: compare a property with a constant"
              + " (docs/query-language.md)");
    }
    throw expected(OPERATORS + " after " + quoted(previousText));
  }

  private void checkOrderable(Operand operand, CompareOp op, int at) throws QueryException {
    if (operand instanceof Operand.Bool || operand instanceof Operand.Null) {
      throw QueryException.problem(
          text,
          at,
          "'"
              + op.symbol()
              + "' does not apply to "
              + (operand instanceof Operand.Null ? "null" : "booleans")
              + "; use = or !=");
    }
  }

  private List<Operand.Literal> parseList(String operator) throws QueryException {
    if (token.kind() != Token.Kind.LBRACKET) {
      throw expected("a list such as ['a', 'b'] after " + operator);
    }
    Token open = token;
    advance();
    List<Operand.Literal> items = new ArrayList<>();
    if (token.kind() == Token.Kind.RBRACKET) {
      advance();
      return items;
    }
    while (true) {
      Token itemToken = token;
      Operand item = parseValue(items.isEmpty() ? "a value or ']' after '['" : "a value after ','");
      if (!(item instanceof Operand.Literal)) {
        throw QueryException.problem(
            text,
            itemToken.start(),
            "list items must be values (strings, numbers, true, false or null), not paths");
      }
      items.add((Operand.Literal) item);
      if (token.kind() == Token.Kind.COMMA) {
        advance();
      } else if (token.kind() == Token.Kind.RBRACKET) {
        advance();
        return items;
      } else {
        throw expected(
            "',' or ']'", "the list opened at column " + columnOf(open) + " is not closed");
      }
    }
  }

  private Expr parseCall(Token name) throws QueryException {
    String spelled = name.segments().get(0);
    QueryFunction function =
        QueryFunction.named(spelled)
            .orElseThrow(
                () ->
                    QueryException.problem(
                        text,
                        name.start(),
                        "unknown function '"
                            + spelled
                            + "'; the functions are "
                            + QueryFunction.knownNames()));
    advance(); // the '('
    String usage =
        function.canonicalName()
            + " takes "
            + function.arity()
            + (function.arity() == 1 ? " argument" : " arguments");
    List<Operand> arguments = new ArrayList<>();
    while (token.kind() != Token.Kind.RPAREN) {
      if (!arguments.isEmpty()) {
        if (token.kind() != Token.Kind.COMMA) {
          throw expected("',' or ')' after the argument " + quoted(previousText));
        }
        if (arguments.size() == function.arity()) {
          throw QueryException.problem(text, token.start(), "too many arguments: " + usage);
        }
        advance();
      }
      Token argumentToken = token;
      Operand argument = parseValue("an argument of " + function.canonicalName());
      checkArgument(function, argument, argumentToken);
      arguments.add(argument);
    }
    if (arguments.size() < function.arity()) {
      throw QueryException.problem(text, token.start(), "too few arguments: " + usage);
    }
    advance(); // the ')'
    return new Expr.Call(function, arguments);
  }

  private void checkArgument(QueryFunction function, Operand argument, Token at)
      throws QueryException {
    if (function.kind() == QueryFunction.Kind.TYPE_TEST
        && !(argument instanceof Operand.Property)) {
      throw QueryException.problem(
          text, at.start(), function.canonicalName() + " needs a property path, not a value");
    }
    if (function.kind() == QueryFunction.Kind.TEXT_TEST
        && argument instanceof Operand.Literal
        && !(argument instanceof Operand.Text)) {
      throw QueryException.problem(
          text, at.start(), function.canonicalName() + " works on strings; this is not a string");
    }
  }

  /** An operand where a value is expected (right of an operator, a list item, an argument). */
  private Operand parseValue(String context) throws QueryException {
    Token value = token;
    switch (value.kind()) {
      case STRING:
      case NUMBER:
        advance();
        return literal(value);
      case NAME:
        if (isKeyword(value)) {
          throw expected(context);
        }
        advance();
        if (token.kind() == Token.Kind.LPAREN) {
          throw QueryException.problem(
              text,
              value.start(),
              "a function call is a condition on its own and cannot be used as a value");
        }
        return operandOf(value);
      default:
        throw expected(context);
    }
  }

  /** A name token as an operand: a literal word or a property path. */
  private Operand operandOf(Token name) throws QueryException {
    if (isLiteralWord(name)) {
      String word = name.segments().get(0);
      switch (word) {
        case "true":
          return new Operand.Bool(true);
        case "false":
          return new Operand.Bool(false);
        case "null":
          return new Operand.Null();
        default:
          throw QueryException.problem(
              text,
              name.start(),
              "'" + word + "' is not a value: true, false and null are written in lowercase");
      }
    }
    return paths.resolve(name, text);
  }

  private static Operand literal(Token value) {
    return value.kind() == Token.Kind.STRING
        ? new Operand.Text(value.text())
        : new Operand.Numeric(value.number());
  }

  private void enter(Token at) throws QueryException {
    if (++depth > MAX_DEPTH) {
      throw QueryException.problem(
          text, at.start(), "nested too deeply (more than " + MAX_DEPTH + " levels)");
    }
  }

  private static boolean isKeyword(Token name) {
    return name.isWord("AND")
        || name.isWord("OR")
        || name.isWord("NOT")
        || name.isWord("IN")
        || name.isWord("NIN");
  }

  private static boolean isLiteralWord(Token name) {
    return name.isWord("true") || name.isWord("false") || name.isWord("null");
  }

  private static String quoted(String tokenText) {
    if (tokenText == null) {
      return "the start";
    }
    String shown = tokenText.length() > 40 ? tokenText.substring(0, 37) + "..." : tokenText;
    return "'" + shown + "'";
  }
}

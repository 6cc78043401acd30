package io.edgefleet.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The JSONPath of printer columns, e.g. {@code .status.conditions[?(@.type=="Ready")].status}:
 * fields ({@code .a}, {@code ['a']}), indexes ({@code [0]}), wildcards ({@code [*]}, {@code .*})
 * and filters comparing a relative path with a string or number ({@code ==}, {@code !=}) or testing
 * that it exists ({@code [?(@.a)]}).
 */
final class SimpleJsonPath {

  private sealed interface Step permits Field, Index, Wildcard, Filter {}

  private record Field(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record Wildcard() implements Step {}

  private record Filter(List<Step> path, String op, JsonNode literal) implements Step {}

  private final String text;
  private final List<Step> steps;

  private SimpleJsonPath(String text, List<Step> steps) {
    this.text = text;
    this.steps = steps;
  }

  /**
   * Parses a path; the braces kubectl's {@code -o jsonpath} uses are optional.
   *
   * @throws IllegalArgumentException when the path is not of the supported kind
   */
  static SimpleJsonPath parse(String path) {
    String p = path.trim();
    if (p.startsWith("{") && p.endsWith("}")) {
      p = p.substring(1, p.length() - 1).trim();
    }
    if (p.startsWith("$")) {
      p = p.substring(1);
    }
    Parser parser = new Parser(p);
    return new SimpleJsonPath(path, parser.steps(false));
  }

  /** Every value the path reaches, in document order. */
  List<JsonNode> evaluate(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (Step step : steps) {
      current = apply(step, current);
    }
    return current;
  }

  /** The first value, or null. */
  JsonNode first(JsonNode root) {
    List<JsonNode> all = evaluate(root);
    return all.isEmpty() ? null : all.get(0);
  }

  @Override
  public String toString() {
    return text;
  }

  private static List<JsonNode> apply(Step step, List<JsonNode> nodes) {
    List<JsonNode> next = new ArrayList<>();
    for (JsonNode node : nodes) {
      if (step instanceof Field f) {
        JsonNode v = node.isObject() ? node.get(f.name()) : null;
        if (v != null) {
          next.add(v);
        }
      } else if (step instanceof Index i) {
        if (node.isArray()) {
          int at = i.index() < 0 ? node.size() + i.index() : i.index();
          if (at >= 0 && at < node.size()) {
            next.add(node.get(at));
          }
        }
      } else if (step instanceof Wildcard) {
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
          next.add(it.next());
        }
      } else if (step instanceof Filter f) {
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
          JsonNode item = it.next();
          if (matches(f, item)) {
            next.add(item);
          }
        }
      }
    }
    return next;
  }

  private static boolean matches(Filter f, JsonNode item) {
    List<JsonNode> values = List.of(item);
    for (Step s : f.path()) {
      values = apply(s, values);
    }
    if (f.op() == null) {
      return !values.isEmpty();
    }
    for (JsonNode v : values) {
      boolean equal =
          v.isNumber() && f.literal().isNumber()
              ? v.decimalValue().compareTo(f.literal().decimalValue()) == 0
              : v.isValueNode() && v.asText().equals(f.literal().asText());
      if (f.op().equals("==") == equal) {
        return true;
      }
    }
    return false;
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    List<Step> steps(boolean inFilter) {
      List<Step> steps = new ArrayList<>();
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (inFilter && (c == ')' || c == '=' || c == '!' || c == ' ')) {
          break;
        }
        if (c == '.') {
          pos++;
          if (pos < s.length() && s.charAt(pos) == '*') {
            pos++;
            steps.add(new Wildcard());
          } else {
            steps.add(new Field(name()));
          }
        } else if (c == '[') {
          steps.add(bracket());
        } else {
          throw error("unexpected '" + c + "'");
        }
      }
      return steps;
    }

    private String name() {
      int start = pos;
      while (pos < s.length() && ".[]()=! ".indexOf(s.charAt(pos)) < 0) {
        pos++;
      }
      if (start == pos) {
        throw error("a field name is missing");
      }
      return s.substring(start, pos);
    }

    private Step bracket() {
      pos++; // [
      Step step;
      if (peek() == '*') {
        pos++;
        step = new Wildcard();
      } else if (peek() == '\'' || peek() == '"') {
        step = new Field(quoted());
      } else if (peek() == '?') {
        pos++;
        expect('(');
        expect('@');
        List<Step> path = steps(true);
        skipSpaces();
        String op = null;
        JsonNode literal = null;
        if (s.startsWith("==", pos) || s.startsWith("!=", pos)) {
          op = s.substring(pos, pos + 2);
          pos += 2;
          skipSpaces();
          literal = literal();
          skipSpaces();
        }
        expect(')');
        step = new Filter(path, op, literal);
      } else {
        int start = pos;
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '-')) {
          pos++;
        }
        try {
          step = new Index(Integer.parseInt(s.substring(start, pos)));
        } catch (NumberFormatException e) {
          throw error("an index, a quoted name, * or a filter is expected");
        }
      }
      expect(']');
      return step;
    }

    private JsonNode literal() {
      if (peek() == '\'' || peek() == '"') {
        return Json.NODES.textNode(quoted());
      }
      int start = pos;
      while (pos < s.length() && ") ".indexOf(s.charAt(pos)) < 0) {
        pos++;
      }
      String raw = s.substring(start, pos);
      try {
        return Json.NODES.numberNode(new BigDecimal(raw));
      } catch (NumberFormatException e) {
        return Json.NODES.textNode(raw);
      }
    }

    private String quoted() {
      char quote = s.charAt(pos++);
      int end = s.indexOf(quote, pos);
      if (end < 0) {
        throw error("an unterminated string");
      }
      String value = s.substring(pos, end);
      pos = end + 1;
      return value;
    }

    private void skipSpaces() {
      while (pos < s.length() && s.charAt(pos) == ' ') {
        pos++;
      }
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void expect(char c) {
      skipSpaces();
      if (peek() != c) {
        throw error("'" + c + "' expected");
      }
      pos++;
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "unsupported JSONPath " + s + " at column " + (pos + 1) + ": " + what);
    }
  }
}

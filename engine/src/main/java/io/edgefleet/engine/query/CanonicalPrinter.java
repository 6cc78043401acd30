package io.edgefleet.engine.query;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints a condition tree in canonical form: keywords and function names in upper case, one space
 * around operators, strings in single quotes, only the parentheses the tree needs, names quoted
 * with {@code [[...]]} only when they must be. Parsing the output gives back an equal tree.
 */
final class CanonicalPrinter {

  /** Words an application property cannot be written as without quotes. */
  private static final Set<String> RESERVED =
      Set.of(
          "and", "or", "not", "in", "nin", "true", "false", "null", "select", "from", "where",
          "into");

  private CanonicalPrinter() {}

  static String print(Expr expr) {
    StringBuilder out = new StringBuilder();
    write(expr, out);
    return out.toString();
  }

  private static void write(Expr expr, StringBuilder out) {
    if (expr instanceof Expr.Everything) {
      out.append('*');
    } else if (expr instanceof Expr.Or or) {
      join(or.operands(), " OR ", false, out);
    } else if (expr instanceof Expr.And and) {
      join(and.operands(), " AND ", true, out);
    } else if (expr instanceof Expr.Not not) {
      out.append("NOT ");
      writeOperand(not.operand(), true, out);
    } else if (expr instanceof Expr.Comparison comparison) {
      write(comparison.left(), out);
      out.append(' ').append(comparison.op().symbol()).append(' ');
      write(comparison.right(), out);
    } else if (expr instanceof Expr.Membership membership) {
      write(membership.value(), out);
      out.append(membership.negated() ? " NIN [" : " IN [");
      List<Operand.Literal> items = membership.items();
      for (int i = 0; i < items.size(); i++) {
        out.append(i == 0 ? "" : ", ");
        write(items.get(i), out);
      }
      out.append(']');
    } else if (expr instanceof Expr.Call call) {
      out.append(call.function().canonicalName()).append('(');
      List<Operand> arguments = call.arguments();
      for (int i = 0; i < arguments.size(); i++) {
        out.append(i == 0 ? "" : ", ");
        write(arguments.get(i), out);
      }
      out.append(')');
    }
  }

  private static void join(
      List<Expr> operands, String separator, boolean inAnd, StringBuilder out) {
    for (int i = 0; i < operands.size(); i++) {
      out.append(i == 0 ? "" : separator);
      Expr operand = operands.get(i);
      boolean group = operand instanceof Expr.Or || (inAnd && operand instanceof Expr.And);
      writeGrouped(operand, group, out);
    }
  }

  private static void writeOperand(Expr operand, boolean underNot, StringBuilder out) {
    boolean group = underNot && (operand instanceof Expr.Or || operand instanceof Expr.And);
    writeGrouped(operand, group, out);
  }

  private static void writeGrouped(Expr expr, boolean group, StringBuilder out) {
    if (group) {
      out.append('(');
      write(expr, out);
      out.append(')');
    } else {
      write(expr, out);
    }
  }

  private static void write(Operand operand, StringBuilder out) {
    if (operand instanceof Operand.Property property) {
      writePath(property, out);
    } else if (operand instanceof Operand.Text text) {
      writeString(text.value(), out);
    } else if (operand instanceof Operand.Numeric number) {
      out.append(number.value().toString());
    } else if (operand instanceof Operand.Bool bool) {
      out.append(bool.value());
    } else {
      out.append("null");
    }
  }

  /** Writes a property path in the syntax of its scope. */
  static void writePath(Operand.Property property, StringBuilder out) {
    List<String> segments = property.segments();
    switch (property.scope()) {
      case DEVICE_ID -> out.append("deviceId");
      case TAGS -> writeSegments("tags", segments, out);
      case REPORTED -> writeSegments("properties.reported", segments, out);
      case CONFIGURATION_STATUS -> {
        out.append("configurations.");
        writeSegment(segments.get(0), out);
        out.append(".status");
      }
      case APPLICATION_PROPERTY -> {
        String name = segments.get(0);
        if (isPlainApplicationName(name)) {
          out.append(name);
        } else {
          out.append("[[").append(name).append("]]");
        }
      }
      case SYSTEM_PROPERTY -> out.append('$').append(segments.get(0));
      case BODY -> writeSegments("$body", segments, out);
    }
  }

  private static void writeSegments(String root, List<String> segments, StringBuilder out) {
    out.append(root);
    for (String segment : segments) {
      out.append('.');
      writeSegment(segment, out);
    }
  }

  private static void writeSegment(String segment, StringBuilder out) {
    if (isPlainSegment(segment)) {
      out.append(segment);
    } else {
      out.append("[[").append(segment).append("]]");
    }
  }

  /** A segment after a dot that needs no quoting. */
  static boolean isPlainSegment(String segment) {
    if (segment.isEmpty()) {
      return false;
    }
    for (int i = 0; i < segment.length(); i++) {
      if (!Lexer.isNamePart(segment.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPlainApplicationName(String name) {
    return isPlainSegment(name)
        && Lexer.isNameStart(name.charAt(0))
        && name.charAt(0) != '$'
        && !RESERVED.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Writes a string literal in single quotes with the escapes the lexer reads back. */
  static void writeString(String value, StringBuilder out) {
    out.append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\'' -> out.append("\\'");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('\'');
  }
}

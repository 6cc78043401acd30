package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgefleet.engine.model.DeviceSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds comparisons that can never match because the devices hold the property with another JSON
 * type than the literal: {@code tags.floor = 2} against {@code floor: "2"} is undefined (types are
 * never converted), so the device is silently not targeted. Pure; for warnings, never errors.
 */
public final class TypeMismatches {

  /** Devices named in a warning at most. */
  private static final int EXAMPLES = 3;

  private TypeMismatches() {}

  /** One warning per property and literal type that disagrees with some device, in order. */
  public static List<String> find(Expr expression, Iterable<DeviceSource> devices) {
    Map<String, Check> checks = new LinkedHashMap<>();
    collect(expression, checks);
    if (checks.isEmpty()) {
      return List.of();
    }
    for (DeviceSource device : devices) {
      for (Check check : checks.values()) {
        JsonNode value = read(check.property, device);
        if (value != null && disagrees(check.literal, value)) {
          check.add(device.name(), value.toString());
        }
      }
    }
    List<String> warnings = new ArrayList<>();
    for (Check check : checks.values()) {
      if (check.count == 0) {
        continue;
      }
      List<String> examples = new ArrayList<>();
      check.first.forEach((name, value) -> examples.add(name + ": " + value));
      String path = path(check.property);
      boolean number = check.literal instanceof Operand.Numeric;
      warnings.add(
          path
              + " is compared with a "
              + (number ? "number" : "string")
              + ", but "
              + check.count
              + (check.count == 1 ? " device holds" : " devices hold")
              + " it as a "
              + (number ? "string" : "number")
              + " ("
              + String.join(", ", examples)
              + (check.count > EXAMPLES ? ", ..." : "")
              + "); types are never converted, so the comparison is undefined for "
              + (check.count == 1 ? "it" : "them")
              + (number
                  ? " (quote the number to compare strings: '" + literalText(check.literal) + "')"
                  : " (write the number without quotes to compare numbers)"));
    }
    return warnings;
  }

  private static final class Check {
    final Operand.Property property;
    final Operand.Literal literal;

    /** The first devices by name that disagree, with their value. */
    final TreeMap<String, String> first = new TreeMap<>();

    int count;

    Check(Operand.Property property, Operand.Literal literal) {
      this.property = property;
      this.literal = literal;
    }

    void add(String device, String value) {
      count++;
      first.put(device, value);
      if (first.size() > EXAMPLES) {
        first.pollLastEntry();
      }
    }
  }

  private static void collect(Expr expr, Map<String, Check> checks) {
    if (expr instanceof Expr.Or or) {
      or.operands().forEach(e -> collect(e, checks));
    } else if (expr instanceof Expr.And and) {
      and.operands().forEach(e -> collect(e, checks));
    } else if (expr instanceof Expr.Not not) {
      collect(not.operand(), checks);
    } else if (expr instanceof Expr.Comparison c) {
      add(c.left(), c.right(), checks);
      add(c.right(), c.left(), checks);
    } else if (expr instanceof Expr.Membership m) {
      m.items().forEach(item -> add(m.value(), item, checks));
    }
  }

  private static void add(Operand side, Operand other, Map<String, Check> checks) {
    if (side instanceof Operand.Property p
        && (p.scope() == Scope.TAGS || p.scope() == Scope.REPORTED)
        && (other instanceof Operand.Numeric || other instanceof Operand.Text)) {
      Operand.Literal literal = (Operand.Literal) other;
      String key = path(p) + (literal instanceof Operand.Numeric ? "#number" : "#string");
      checks.putIfAbsent(key, new Check(p, literal));
    }
  }

  private static boolean disagrees(Operand.Literal literal, JsonNode value) {
    if (literal instanceof Operand.Numeric) {
      return value.isTextual();
    }
    return value.isNumber();
  }

  private static JsonNode read(Operand.Property property, DeviceSource device) {
    JsonNode node = property.scope() == Scope.TAGS ? device.tags() : device.reported();
    for (String segment : property.segments()) {
      node = node == null ? null : node.get(segment);
    }
    return node;
  }

  private static String path(Operand.Property property) {
    return (property.scope() == Scope.TAGS ? "tags." : "properties.reported.")
        + String.join(".", property.segments());
  }

  private static String literalText(Operand.Literal literal) {
    return literal instanceof Operand.Numeric n ? n.value().toPlainString() : literal.toString();
  }
}

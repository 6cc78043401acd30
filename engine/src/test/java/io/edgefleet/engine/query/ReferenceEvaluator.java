package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/**
 * A deliberately naive interpreter of condition trees, written from the documented rules and
 * sharing no code with the compiled evaluator, used as an oracle in property tests.
 */
final class ReferenceEvaluator {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ReferenceEvaluator() {}

  static Truth evaluate(Expr expr, TwinView twin) {
    if (expr instanceof Expr.Everything) {
      return Truth.TRUE;
    }
    if (expr instanceof Expr.And and) {
      boolean undefined = false;
      for (Expr operand : and.operands()) {
        Truth truth = evaluate(operand, twin);
        if (truth == Truth.FALSE) {
          return Truth.FALSE;
        }
        undefined |= truth == Truth.UNDEFINED;
      }
      return undefined ? Truth.UNDEFINED : Truth.TRUE;
    }
    if (expr instanceof Expr.Or or) {
      boolean undefined = false;
      for (Expr operand : or.operands()) {
        Truth truth = evaluate(operand, twin);
        if (truth == Truth.TRUE) {
          return Truth.TRUE;
        }
        undefined |= truth == Truth.UNDEFINED;
      }
      return undefined ? Truth.UNDEFINED : Truth.FALSE;
    }
    if (expr instanceof Expr.Not not) {
      Truth inner = evaluate(not.operand(), twin);
      return inner == Truth.UNDEFINED ? inner : inner == Truth.TRUE ? Truth.FALSE : Truth.TRUE;
    }
    if (expr instanceof Expr.Comparison comparison) {
      return compare(
          value(comparison.left(), twin), comparison.op(), value(comparison.right(), twin));
    }
    if (expr instanceof Expr.Membership membership) {
      JsonNode value = value(membership.value(), twin);
      if (value == null || value.isObject() || value.isArray()) {
        return Truth.UNDEFINED;
      }
      boolean found = false;
      for (Operand.Literal item : membership.items()) {
        found |= compare(value, CompareOp.EQ, value(item, twin)) == Truth.TRUE;
      }
      return found != membership.negated() ? Truth.TRUE : Truth.FALSE;
    }
    Expr.Call call = (Expr.Call) expr;
    List<Operand> arguments = call.arguments();
    JsonNode first = value(arguments.get(0), twin);
    if (call.function().kind() == QueryFunction.Kind.TYPE_TEST) {
      boolean holds =
          first != null
              && switch (call.function()) {
                case IS_DEFINED -> true;
                case IS_NULL -> first.isNull();
                case IS_STRING -> first.isTextual();
                case IS_NUMBER -> first.isNumber();
                case IS_BOOL -> first.isBoolean();
                case IS_OBJECT -> first.isObject();
                case IS_ARRAY -> first.isArray();
                default -> first.isValueNode();
              };
      return holds ? Truth.TRUE : Truth.FALSE;
    }
    JsonNode second = value(arguments.get(1), twin);
    if (first == null || second == null || !first.isTextual() || !second.isTextual()) {
      return Truth.UNDEFINED;
    }
    String a = first.textValue();
    String b = second.textValue();
    boolean holds =
        switch (call.function()) {
          case STARTS_WITH -> a.startsWith(b);
          case ENDS_WITH -> a.endsWith(b);
          default -> a.contains(b);
        };
    return holds ? Truth.TRUE : Truth.FALSE;
  }

  private static Truth compare(JsonNode left, CompareOp op, JsonNode right) {
    if (left == null || right == null) {
      return Truth.UNDEFINED;
    }
    if (left.isNull() || right.isNull()) {
      if (!op.isEquality()) {
        return Truth.UNDEFINED;
      }
      boolean same = left.isNull() && right.isNull();
      return (op == CompareOp.EQ) == same ? Truth.TRUE : Truth.FALSE;
    }
    Integer order = null;
    if (left.isTextual() && right.isTextual()) {
      order = Integer.signum(left.textValue().compareTo(right.textValue()));
    } else if (left.isNumber() && right.isNumber()) {
      order = numberOrder(left, right);
      if (order == null) {
        return Truth.UNDEFINED;
      }
    } else if (left.isBoolean() && right.isBoolean()) {
      if (!op.isEquality()) {
        return Truth.UNDEFINED;
      }
      boolean same = left.booleanValue() == right.booleanValue();
      return (op == CompareOp.EQ) == same ? Truth.TRUE : Truth.FALSE;
    } else {
      return Truth.UNDEFINED;
    }
    boolean holds =
        switch (op) {
          case EQ -> order == 0;
          case NE -> order != 0;
          case LT -> order < 0;
          case LE -> order <= 0;
          case GT -> order > 0;
          case GE -> order >= 0;
        };
    return holds ? Truth.TRUE : Truth.FALSE;
  }

  /** Documented rule: doubles if either side is a binary double, else exact. Null for NaN. */
  private static Integer numberOrder(JsonNode left, JsonNode right) {
    if (left.isDouble() || left.isFloat() || right.isDouble() || right.isFloat()) {
      double a = left.doubleValue();
      double b = right.doubleValue();
      if (Double.isNaN(a) || Double.isNaN(b)) {
        return null;
      }
      return a < b ? -1 : a > b ? 1 : 0;
    }
    return left.decimalValue().compareTo(right.decimalValue());
  }

  private static JsonNode value(Operand operand, TwinView twin) {
    if (operand instanceof Operand.Text text) {
      return NODES.textNode(text.value());
    }
    if (operand instanceof Operand.Numeric number) {
      return NODES.numberNode(number.value());
    }
    if (operand instanceof Operand.Bool bool) {
      return NODES.booleanNode(bool.value());
    }
    if (operand instanceof Operand.Null) {
      return NODES.nullNode();
    }
    Operand.Property property = (Operand.Property) operand;
    return switch (property.scope()) {
      case DEVICE_ID -> twin.deviceId() == null ? null : NODES.textNode(twin.deviceId());
      case CONFIGURATION_STATUS -> {
        String status = twin.configurationStatus(property.segments().get(0));
        yield status == null ? null : NODES.textNode(status);
      }
      case TAGS -> walk(twin.tags(), property.segments());
      case REPORTED -> walk(twin.reported(), property.segments());
      default -> throw new IllegalArgumentException(property.toString());
    };
  }

  private static JsonNode walk(JsonNode root, List<String> segments) {
    JsonNode node = root;
    for (String segment : segments) {
      if (node == null || !node.isObject()) {
        return null;
      }
      node = node.get(segment);
    }
    return node == null || node.isMissingNode() ? null : node;
  }
}

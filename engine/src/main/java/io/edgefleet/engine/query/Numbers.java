package io.edgefleet.engine.query;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Compares numbers by value. If either side is a binary floating-point JSON value (how Jackson
 * reads {@code 21.5} by default) both are compared as doubles; otherwise whole numbers that fit a
 * long are compared as longs, and anything else exactly as BigDecimal. The common cases (an int
 * against an integer literal, a double against any literal) allocate nothing.
 */
final class Numbers {

  private Numbers() {}

  /** A JSON number against a literal number; an {@link Ordering} code. */
  static int compare(JsonNode number, LiteralValue literal) {
    JsonParser.NumberType type = number.numberType();
    if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
      return compareLong(number.longValue(), literal);
    }
    if (type == JsonParser.NumberType.DOUBLE || type == JsonParser.NumberType.FLOAT) {
      return compareDoubles(number.doubleValue(), literal.asDouble);
    }
    return Ordering.sign(number.decimalValue().compareTo(literal.exact));
  }

  /** Two JSON numbers; an {@link Ordering} code. */
  static int compare(JsonNode left, JsonNode right) {
    JsonParser.NumberType leftType = left.numberType();
    JsonParser.NumberType rightType = right.numberType();
    if (isBinaryFloat(leftType) || isBinaryFloat(rightType)) {
      return compareDoubles(left.doubleValue(), right.doubleValue());
    }
    if (isSmallInteger(leftType) && isSmallInteger(rightType)) {
      return Ordering.sign(Long.compare(left.longValue(), right.longValue()));
    }
    BigDecimal leftValue = left.decimalValue();
    BigDecimal rightValue = right.decimalValue();
    return Ordering.sign(leftValue.compareTo(rightValue));
  }

  static int compareLong(long value, LiteralValue literal) {
    if (literal.longRange != 0) {
      return literal.longRange > 0 ? Ordering.LESS : Ordering.GREATER;
    }
    if (literal.integral) {
      return Ordering.sign(Long.compare(value, literal.floor));
    }
    return value <= literal.floor ? Ordering.LESS : Ordering.GREATER;
  }

  static int compareDoubles(double left, double right) {
    if (left < right) {
      return Ordering.LESS;
    }
    if (left > right) {
      return Ordering.GREATER;
    }
    return left == right ? Ordering.EQUAL : Ordering.INCOMPARABLE; // NaN
  }

  private static boolean isBinaryFloat(JsonParser.NumberType type) {
    return type == JsonParser.NumberType.DOUBLE || type == JsonParser.NumberType.FLOAT;
  }

  private static boolean isSmallInteger(JsonParser.NumberType type) {
    return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
  }
}

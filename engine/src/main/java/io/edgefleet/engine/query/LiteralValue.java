package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A literal converted once, at compile time, into every form a comparison may need, so that
 * evaluation does not parse or allocate.
 */
final class LiteralValue {

  enum Kind {
    TEXT,
    NUMBER,
    BOOL,
    NULL
  }

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  final Kind kind;
  final JsonNode node;

  /** The string, for TEXT; else null. */
  final String text;

  /** The value, for BOOL. */
  final boolean bool;

  /** The exact value, for NUMBER. */
  final BigDecimal exact;

  /** The nearest double, for NUMBER. */
  final double asDouble;

  /** -1 below the long range, +1 above it, 0 within (then {@link #floor} is set). */
  final int longRange;

  /** The value rounded down to a long, for NUMBER within the long range. */
  final long floor;

  /** True when the NUMBER is a whole number (then it equals {@link #floor}). */
  final boolean integral;

  private LiteralValue(Kind kind, JsonNode node, String text, boolean bool, BigDecimal exact) {
    this.kind = kind;
    this.node = node;
    this.text = text;
    this.bool = bool;
    this.exact = exact;
    if (exact == null) {
      this.asDouble = Double.NaN;
      this.longRange = 0;
      this.floor = 0;
      this.integral = false;
    } else {
      this.asDouble = exact.doubleValue();
      this.longRange = exact.compareTo(LONG_MIN) < 0 ? -1 : exact.compareTo(LONG_MAX) > 0 ? 1 : 0;
      BigDecimal down = longRange == 0 ? exact.setScale(0, RoundingMode.FLOOR) : BigDecimal.ZERO;
      this.floor = down.longValueExact();
      this.integral = longRange == 0 && down.compareTo(exact) == 0;
    }
  }

  static LiteralValue of(Operand.Literal literal) {
    if (literal instanceof Operand.Text text) {
      return new LiteralValue(Kind.TEXT, TextNode.valueOf(text.value()), text.value(), false, null);
    }
    if (literal instanceof Operand.Numeric number) {
      return new LiteralValue(
          Kind.NUMBER, DecimalNode.valueOf(number.value()), null, false, number.value());
    }
    if (literal instanceof Operand.Bool bool) {
      return new LiteralValue(
          Kind.BOOL, BooleanNode.valueOf(bool.value()), null, bool.value(), null);
    }
    return new LiteralValue(Kind.NULL, NullNode.getInstance(), null, false, null);
  }
}

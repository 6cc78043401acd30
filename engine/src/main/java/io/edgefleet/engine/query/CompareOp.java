package io.edgefleet.engine.query;

/** The comparison operators. {@code <>} is read as {@link #NE}. */
public enum CompareOp {
  EQ("="),
  NE("!="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">=");

  private final String symbol;

  CompareOp(String symbol) {
    this.symbol = symbol;
  }

  /** The canonical spelling, e.g. {@code !=}. */
  public String symbol() {
    return symbol;
  }

  /** The operator with its operands swapped: {@code a < b} is {@code b > a}. */
  public CompareOp mirrored() {
    return switch (this) {
      case LT -> GT;
      case LE -> GE;
      case GT -> LT;
      case GE -> LE;
      default -> this;
    };
  }

  /** True for {@code =} and {@code !=}, which also apply to booleans and null. */
  public boolean isEquality() {
    return this == EQ || this == NE;
  }

  /** The outcome of this operator for an {@link Ordering} code. */
  Truth outcome(int ordering) {
    return switch (ordering) {
      case Ordering.LESS -> Truth.of(this == NE || this == LT || this == LE);
      case Ordering.EQUAL -> Truth.of(this == EQ || this == LE || this == GE);
      case Ordering.GREATER -> Truth.of(this == NE || this == GT || this == GE);
      case Ordering.SAME -> isEquality() ? Truth.of(this == EQ) : Truth.UNDEFINED;
      case Ordering.DIFFERENT -> isEquality() ? Truth.of(this == NE) : Truth.UNDEFINED;
      default -> Truth.UNDEFINED;
    };
  }
}

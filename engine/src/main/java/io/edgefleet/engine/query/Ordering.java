package io.edgefleet.engine.query;

/**
 * The codes a comparison of two values produces. Strings and numbers are ordered; booleans and null
 * are only equal or not; anything else (a string against a number, an object) cannot be compared at
 * all.
 */
final class Ordering {
  static final int LESS = 0;
  static final int EQUAL = 1;
  static final int GREATER = 2;

  /** Equal, but the values have no order (booleans, nulls). */
  static final int SAME = 3;

  /** Not equal, and the values have no order (true vs false, null vs a value). */
  static final int DIFFERENT = 4;

  /** The values cannot be compared: every operator gives UNDEFINED. */
  static final int INCOMPARABLE = 5;

  private Ordering() {}

  static int sign(int comparison) {
    return comparison < 0 ? LESS : comparison == 0 ? EQUAL : GREATER;
  }

  /** True when the values are equal (ordered or not). */
  static boolean isEqual(int code) {
    return code == EQUAL || code == SAME;
  }
}

package io.edgefleet.engine.query;

/**
 * The result of a condition in three-valued (Kleene) logic. Only {@link #TRUE} selects a device;
 * {@link #FALSE} and {@link #UNDEFINED} both leave it out.
 */
public enum Truth {
  TRUE,
  FALSE,
  UNDEFINED;

  /** NOT: swaps TRUE and FALSE, keeps UNDEFINED. */
  public Truth not() {
    return switch (this) {
      case TRUE -> FALSE;
      case FALSE -> TRUE;
      case UNDEFINED -> UNDEFINED;
    };
  }

  /** AND: FALSE if either side is FALSE, else UNDEFINED if either side is UNDEFINED. */
  public Truth and(Truth other) {
    if (this == FALSE || other == FALSE) {
      return FALSE;
    }
    return this == TRUE && other == TRUE ? TRUE : UNDEFINED;
  }

  /** OR: TRUE if either side is TRUE, else UNDEFINED if either side is UNDEFINED. */
  public Truth or(Truth other) {
    if (this == TRUE || other == TRUE) {
      return TRUE;
    }
    return this == FALSE && other == FALSE ? FALSE : UNDEFINED;
  }

  /** TRUE or FALSE for a plain boolean. */
  public static Truth of(boolean value) {
    return value ? TRUE : FALSE;
  }
}

package io.edgefleet.engine.rollout;

/**
 * What one rollout says about one device.
 *
 * @param admission admitted, waiting, or to be rolled back
 * @param placeInLine for a waiting device its place in line (1 is next), otherwise 0
 */
public record Verdict(Admission admission, long placeInLine) {

  /** What a rollout allows a device. */
  public enum Admission {
    /** It may take the newest revision. */
    ADMITTED,
    /** It keeps what it has until admitted. */
    WAITING,
    /** The rollout halted with onFailure: Rollback: it gets the previous revision back. */
    ROLLBACK
  }

  static final Verdict ADMIT = new Verdict(Admission.ADMITTED, 0);
  static final Verdict ROLL_BACK = new Verdict(Admission.ROLLBACK, 0);
}

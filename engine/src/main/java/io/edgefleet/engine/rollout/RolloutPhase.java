package io.edgefleet.engine.rollout;

/** Where a rollout stands. */
public enum RolloutPhase {
  /** Devices are being admitted in waves. */
  Progressing,
  /** {@code paused: true}: nobody is admitted. */
  Paused,
  /** maxFailures or the progress deadline was reached: nobody is admitted. */
  Halted,
  /** Every affected device runs the newest revision and none is still on its way. */
  Complete
}

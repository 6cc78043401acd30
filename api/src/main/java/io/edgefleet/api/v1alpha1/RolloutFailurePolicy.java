package io.edgefleet.api.v1alpha1;

/** What a rollout does when its devices' failures reach {@code maxFailures}. */
public enum RolloutFailurePolicy {
  /** Admit no more devices; the admitted ones keep the new revision. */
  Halt,
  /** Admit no more devices and give the admitted ones the previous revision back. */
  Rollback
}

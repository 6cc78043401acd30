package io.edgefleet.engine.resolve;

/** Why a deployment is invalid; these are the Ready condition's reasons. */
public enum InvalidReason {
  /** The target condition is missing or does not parse. */
  InvalidTargetCondition,
  /** A route is missing, does not parse, or has an out-of-range priority or TTL. */
  InvalidRoute,
  /** A custom metric query does not parse. */
  InvalidMetricQuery,
  /** Anything else the spec gets wrong (modules, runtime, module twins, credentials). */
  InvalidSpec,
  /** spec.rollout has a value out of range or a group whose condition does not parse. */
  InvalidRollout
}

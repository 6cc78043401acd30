/**
 * Safe rollouts (docs/rollouts.md): which device changes a deployment's rollout gates, in which
 * order devices are admitted, when they count as healthy, when a rollout halts. Pure: decided from
 * what is stored (devices' current configurations, their reported status, the deployments' status
 * and revisions) and a "now" given by the caller.
 */
package io.edgefleet.engine.rollout;

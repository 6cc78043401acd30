/**
 * Whether a device runs what it should: its sync state ({@link io.edgefleet.engine.sync.SyncState})
 * from the decision and what its agent reports ({@link io.edgefleet.engine.sync.AgentReport}).
 * Entry point: {@link io.edgefleet.engine.sync.Sync}.
 */
package io.edgefleet.engine.sync;

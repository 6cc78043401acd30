package io.edgefleet.engine.sync;

/**
 * A device that does not yet run what a deployment gives it.
 *
 * @param name the device
 * @param state {@link SyncState#PENDING} or {@link SyncState#FAILED}
 * @param message why, from {@link Sync#message()}
 */
public record BehindDevice(String name, SyncState state, String message) {}

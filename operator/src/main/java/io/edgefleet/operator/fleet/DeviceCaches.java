package io.edgefleet.operator.fleet;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/**
 * The device controller's caches of devices and deployments (indexed by namespace), which the
 * deployment controller reads through {@link FleetView} instead of holding a second copy.
 *
 * @param devices every watched EdgeDevice
 * @param deployments every watched EdgeDeployment
 * @param synced completes once both caches are synced (the device controller's event sources have
 *     started)
 * @param running whether the caches are running now (false again once the operator stops)
 */
public record DeviceCaches(
    IndexedResourceCache<EdgeDevice> devices,
    IndexedResourceCache<EdgeDeployment> deployments,
    CompletionStage<Void> synced,
    BooleanSupplier running) {}

package io.edgefleet.operator.rollout;

import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Collection;
import java.util.Set;

/** Asks the device controller to decide devices again (those a rollout just admitted). */
public final class DeviceNudges extends AbstractEventSource<Void, EdgeDevice> {

  public DeviceNudges() {
    super(Void.class, "rollout-admissions");
  }

  /** Reconciles each of {@code devices} of {@code namespace} soon. */
  public void nudge(String namespace, Collection<String> devices) {
    if (getEventHandler() == null || !isRunning()) {
      return;
    }
    for (String device : devices) {
      getEventHandler().handleEvent(new Event(new ResourceID(device, namespace)));
    }
  }

  @Override
  public Set<Void> getSecondaryResources(EdgeDevice primary) {
    return Set.of();
  }
}

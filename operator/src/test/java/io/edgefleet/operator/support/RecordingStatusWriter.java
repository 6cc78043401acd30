package io.edgefleet.operator.support;

import io.edgefleet.operator.status.StatusPatcher;
import io.edgefleet.operator.status.StatusWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Writes status through the real {@link StatusPatcher} (to the API server) and records each write;
 * with no controller running, there is no controller cache to tell.
 */
public final class RecordingStatusWriter implements StatusWriter {

  /** One status write: the object's name and the status sent. */
  public record Write(String name, Object status) {}

  private final StatusPatcher patcher;
  private final List<Write> writes = new CopyOnWriteArrayList<>();

  public RecordingStatusWriter(StatusPatcher patcher) {
    this.patcher = patcher;
  }

  @Override
  public <R extends HasMetadata> R write(
      R resource, Object current, Object desired, Set<String> ownedFields, Context<R> context) {
    writes.add(new Write(resource.getMetadata().getName(), desired));
    return patcher.patch(resource, current, desired, ownedFields);
  }

  /** The writes so far, oldest first. */
  public List<Write> writes() {
    return List.copyOf(writes);
  }
}

package io.edgefleet.operator.device;

import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;

/**
 * What {@link GeneratedObjectWriter} reads and tells about one kind of generated object: the
 * operator's informer cache of it (see {@link #of}).
 */
public interface GeneratedObjectCache<R extends HasMetadata> {

  /** The cached object, if any. */
  Optional<R> get(ResourceID id);

  /** The operator created {@code created} for the device {@code owner}. */
  void created(ResourceID owner, R created);

  /** The operator updated {@code previous} to {@code updated} for the device {@code owner}. */
  void updated(ResourceID owner, R updated, R previous);

  /** The cache of an informer event source, which is told of the operator's own writes. */
  static <R extends HasMetadata> GeneratedObjectCache<R> of(
      InformerEventSource<R, EdgeDevice> source) {
    return new GeneratedObjectCache<>() {
      @Override
      public Optional<R> get(ResourceID id) {
        return source.get(id);
      }

      @Override
      public void created(ResourceID owner, R created) {
        source.handleRecentResourceCreate(owner, created);
      }

      @Override
      public void updated(ResourceID owner, R updated, R previous) {
        source.handleRecentResourceUpdate(owner, updated, previous);
      }
    };
  }
}

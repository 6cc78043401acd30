package io.edgefleet.operator.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Set;

/** Writes the status fields the operator owns on the resource being reconciled. */
public interface StatusWriter {

  /**
   * Writes {@code desired} onto {@code resource}, touching only {@code ownedFields}, and tells the
   * reconciling controller's cache, so that the write does not come back as a change.
   *
   * @param current the status the operator last saw (from its cache), or null
   * @return the resource as the API server returned it
   */
  <R extends HasMetadata> R write(
      R resource, Object current, Object desired, Set<String> ownedFields, Context<R> context);
}

package io.edgefleet.operator.support;

import static io.fabric8.kubernetes.client.informers.cache.Cache.NAMESPACE_INDEX;

import io.edgefleet.operator.device.GeneratedObjectCache;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A "cache" that reads through to the API server on every call: what the operator's informers hold
 * once they caught up, without an informer, for calling a reconciler directly. Being told of the
 * operator's own writes is a no-op (the next read sees them anyway).
 */
public final class ApiServerCache<T extends HasMetadata>
    implements IndexedResourceCache<T>, GeneratedObjectCache<T> {

  private final KubernetesClient client;
  private final Class<T> type;

  public ApiServerCache(KubernetesClient client, Class<T> type) {
    this.client = client;
    this.type = type;
  }

  @Override
  public Optional<T> get(ResourceID id) {
    return Optional.ofNullable(
        client
            .resources(type)
            .inNamespace(id.getNamespace().orElseThrow())
            .withName(id.getName())
            .get());
  }

  @Override
  public Stream<ResourceID> keys() {
    return list(t -> true).map(ResourceID::fromResource);
  }

  @Override
  public Stream<T> list(Predicate<T> predicate) {
    return client.resources(type).inAnyNamespace().list().getItems().stream().filter(predicate);
  }

  @Override
  public Stream<T> list(String namespace, Predicate<T> predicate) {
    return client.resources(type).inNamespace(namespace).list().getItems().stream()
        .filter(predicate);
  }

  @Override
  public List<T> byIndex(String index, String key) {
    if (!NAMESPACE_INDEX.equals(index)) {
      throw new IllegalArgumentException("only the namespace index is offered, not " + index);
    }
    return list(key, t -> true).toList();
  }

  @Override
  public void created(ResourceID owner, T created) {
    // read through: nothing to remember
  }

  @Override
  public void updated(ResourceID owner, T updated, T previous) {
    // read through: nothing to remember
  }
}

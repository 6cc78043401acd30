package io.edgefleet.operator.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * A reconcile call's context for calling a reconciler directly: what EdgeFleet's reconcilers read
 * of it (the client, whether the resource was deleted, retries); the rest is not theirs to use and
 * fails loudly. Status writes go through a {@code StatusWriter}, not through this context.
 */
public final class TestContext<P extends HasMetadata> implements Context<P> {

  private final KubernetesClient client;
  private final P primary;
  private final boolean deleted;

  private TestContext(KubernetesClient client, P primary, boolean deleted) {
    this.client = client;
    this.primary = primary;
    this.deleted = deleted;
  }

  /** The context of reconciling {@code primary}. */
  public static <P extends HasMetadata> TestContext<P> of(KubernetesClient client, P primary) {
    return new TestContext<>(client, primary, false);
  }

  /** The context of reconciling {@code primary} after it was deleted. */
  public static <P extends HasMetadata> TestContext<P> deleted(KubernetesClient client, P primary) {
    return new TestContext<>(client, primary, true);
  }

  @Override
  public Optional<RetryInfo> getRetryInfo() {
    return Optional.empty();
  }

  @Override
  public KubernetesClient getClient() {
    return client;
  }

  @Override
  public P getPrimaryResource() {
    return primary;
  }

  @Override
  public boolean isPrimaryResourceDeleted() {
    return deleted;
  }

  @Override
  public boolean isPrimaryResourceFinalStateUnknown() {
    return false;
  }

  @Override
  public boolean isNextReconciliationImminent() {
    return false;
  }

  @Override
  public <R> Set<R> getSecondaryResources(Class<R> type) {
    throw unused("getSecondaryResources");
  }

  @Override
  public <R> Optional<R> getSecondaryResource(Class<R> type, String eventSourceName) {
    throw unused("getSecondaryResource");
  }

  @Override
  public ControllerConfiguration<P> getControllerConfiguration() {
    throw unused("getControllerConfiguration");
  }

  @Override
  public ManagedWorkflowAndDependentResourceContext managedWorkflowAndDependentResourceContext() {
    throw unused("managedWorkflowAndDependentResourceContext");
  }

  @Override
  public EventSourceRetriever<P> eventSourceRetriever() {
    throw unused("eventSourceRetriever");
  }

  @Override
  public ExecutorService getWorkflowExecutorService() {
    throw unused("getWorkflowExecutorService");
  }

  @Override
  public IndexedResourceCache<P> getPrimaryCache() {
    throw unused("getPrimaryCache");
  }

  private static UnsupportedOperationException unused(String method) {
    return new UnsupportedOperationException(
        method + " is not used by EdgeFleet's reconcilers (a test context does not offer it)");
  }
}

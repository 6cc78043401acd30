package io.edgefleet.operator.support;

import static org.awaitility.Awaitility.await;

import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.awaitility.core.ThrowingRunnable;

/** Reads and edits one test namespace's devices, deployments and generated ConfigMaps. */
public final class Fleet {

  private final KubernetesClient client;
  private final String namespace;

  public Fleet(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public String namespace() {
    return namespace;
  }

  public EdgeDevice device(String name) {
    return client.resources(EdgeDevice.class).inNamespace(namespace).withName(name).get();
  }

  public List<EdgeDevice> devices() {
    return client.resources(EdgeDevice.class).inNamespace(namespace).list().getItems();
  }

  public EdgeDeployment deployment(String name) {
    return client.resources(EdgeDeployment.class).inNamespace(namespace).withName(name).get();
  }

  public ConfigMap configMap(String device) {
    return client
        .configMaps()
        .inNamespace(namespace)
        .withName(GeneratedObjects.configMapName(device))
        .get();
  }

  /** The manifest text the device's ConfigMap holds, or null. */
  public String manifest(String device) {
    ConfigMap cm = configMap(device);
    return cm == null ? null : cm.getData().get(GeneratedObjects.MANIFEST_KEY);
  }

  public EdgeDevice create(EdgeDevice device) {
    device.getMetadata().setNamespace(namespace);
    return client.resource(device).create();
  }

  public EdgeDeployment create(EdgeDeployment deployment) {
    deployment.getMetadata().setNamespace(namespace);
    return client.resource(deployment).create();
  }

  /** Edits a deployment's spec (the generation moves, as on a real server). */
  public EdgeDeployment edit(String deployment, UnaryOperator<EdgeDeployment> change) {
    return retryingConflicts(
        () ->
            client
                .resources(EdgeDeployment.class)
                .inNamespace(namespace)
                .withName(deployment)
                .edit(change));
  }

  /** Edits a device (its spec: tags). */
  public EdgeDevice editDevice(String device, UnaryOperator<EdgeDevice> change) {
    return retryingConflicts(
        () ->
            client
                .resources(EdgeDevice.class)
                .inNamespace(namespace)
                .withName(device)
                .edit(change));
  }

  /**
   * Runs an optimistic-locked edit again when the operator wrote the object in between (409), as
   * kubectl edit users would: every 100 ms for up to a minute, since on a busy machine the operator
   * may write a deployment's status many times in a row.
   */
  private static <T> T retryingConflicts(Supplier<T> edit) {
    AtomicReference<T> edited = new AtomicReference<>();
    await()
        .atMost(Duration.ofMinutes(1))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptionsMatching(
            e -> e instanceof KubernetesClientException k && k.getCode() == 409)
        .until(
            () -> {
              edited.set(edit.get());
              return true;
            });
    return edited.get();
  }

  /** Patches the device's reported properties as its agent would (merge patch on status). */
  public void report(String device, String reportedJson) {
    client
        .resources(EdgeDevice.class)
        .inNamespace(namespace)
        .withName(device)
        .subresource("status")
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"status\":{\"reported\":" + reportedJson + "}}");
  }

  public void deleteDeployment(String name) {
    client.resources(EdgeDeployment.class).inNamespace(namespace).withName(name).delete();
  }

  /**
   * Waits for the assertion to hold: polled every 100 ms, so a fast machine returns at once; the
   * generous bound only keeps a busy 2-core CI machine from failing a correct operator.
   */
  public static void eventually(ThrowingRunnable assertion) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .untilAsserted(assertion);
  }
}

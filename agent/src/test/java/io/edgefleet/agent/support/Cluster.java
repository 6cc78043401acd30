package io.edgefleet.agent.support;

import io.edgefleet.agent.report.EdgeDeviceReportedStore;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.Interceptor.RequestTags;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reading and writing the (mock) cluster in tests, as a user would. */
public final class Cluster {

  private Cluster() {}

  /** A client like {@code client} whose requests carry {@code userAgent}. */
  public static KubernetesClient clientAs(KubernetesClient client, String userAgent) {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(userAgent).build())
        .build();
  }

  /** A request as the client sent it. */
  public record SentRequest(String method, String uri, String contentType, String body) {}

  /** Like {@link #clientAs}, and every request it sends is added to {@code sent}. */
  public static KubernetesClient recordingClientAs(
      KubernetesClient client, String userAgent, List<SentRequest> sent) {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(userAgent).build())
        .withHttpClientBuilderConsumer(
            builder ->
                builder.addOrReplaceInterceptor(
                    "record",
                    new Interceptor() {
                      @Override
                      public void before(
                          BasicBuilder request, HttpRequest sentRequest, RequestTags tags) {
                        sent.add(
                            new SentRequest(
                                sentRequest.method(),
                                sentRequest.uri().toString(),
                                sentRequest instanceof StandardHttpRequest standard
                                    ? standard.getContentType()
                                    : sentRequest.header("Content-Type"),
                                sentRequest.bodyString()));
                      }
                    }))
        .build();
  }

  /**
   * A user's registry Secret (type kubernetes.io/basic-auth: the operator reads only Secrets meant
   * for registry credentials) with keys username and password.
   */
  public static Secret userSecret(String namespace, String name, String user, String password) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withType("kubernetes.io/basic-auth")
        .withStringData(Map.of("username", user, "password", password))
        .build();
  }

  public static EdgeDevice device(KubernetesClient client, String namespace, String name) {
    return client.resources(EdgeDevice.class).inNamespace(namespace).withName(name).get();
  }

  /** A device's status.reported as JSON (empty when none). */
  public static com.fasterxml.jackson.databind.node.ObjectNode reported(
      KubernetesClient client, String namespace, String name) {
    EdgeDevice device = device(client, namespace, name);
    return device == null
        ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        : EdgeDeviceReportedStore.reported(device);
  }

  public static EdgeDeploymentStatus deploymentStatus(
      KubernetesClient client, String namespace, String name) {
    EdgeDeployment deployment =
        client.resources(EdgeDeployment.class).inNamespace(namespace).withName(name).get();
    return deployment == null || deployment.getStatus() == null
        ? new EdgeDeploymentStatus()
        : deployment.getStatus();
  }

  public static ConfigMap configMap(KubernetesClient client, String namespace, String name) {
    return client.configMaps().inNamespace(namespace).withName(name).get();
  }

  /** Takes every request the server has recorded so far. */
  public static List<RecordedRequest> drain(KubernetesMockServer server)
      throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
      requests.add(request);
    }
    return requests;
  }
}

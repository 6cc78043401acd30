package io.edgefleet.testfixtures;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceSpec;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.api.v1alpha1.RegistryCredential;
import io.edgefleet.api.v1alpha1.RestartPolicy;
import io.edgefleet.api.v1alpha1.RolloutSpec;
import io.edgefleet.api.v1alpha1.RouteSpec;
import io.edgefleet.api.v1alpha1.RuntimeSettings;
import io.edgefleet.api.v1alpha1.SchemaVersion;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small builders for EdgeDevices and EdgeDeployments in tests. A built deployment has generation 1
 * and a fixed creation time, as the API server would give it on create (and does give it: both are
 * set again there).
 */
public final class Fixtures {

  private Fixtures() {}

  /** A device with string tags given as key, value, key, value... */
  public static EdgeDevice device(String namespace, String name, String... tags) {
    EdgeDevice device = new EdgeDevice();
    device.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    EdgeDeviceSpec spec = new EdgeDeviceSpec();
    Map<String, JsonNode> values = new LinkedHashMap<>();
    for (int i = 0; i + 1 < tags.length; i += 2) {
      values.put(tags[i], JsonNodeFactory.instance.textNode(tags[i + 1]));
    }
    spec.setTags(values);
    device.setSpec(spec);
    return device;
  }

  /** A standard deployment targeting every device, priority 10. */
  public static DeploymentBuilder deployment(String namespace, String name) {
    return new DeploymentBuilder(namespace, name);
  }

  /** Builds an EdgeDeployment. */
  public static final class DeploymentBuilder {
    private final EdgeDeployment deployment = new EdgeDeployment();
    private final EdgeDeploymentSpec spec = new EdgeDeploymentSpec();

    DeploymentBuilder(String namespace, String name) {
      deployment.setMetadata(
          new ObjectMetaBuilder()
              .withNamespace(namespace)
              .withName(name)
              .withCreationTimestamp("2026-01-01T00:00:00Z")
              .withGeneration(1L)
              .build());
      spec.setPriority(10);
      spec.setTargetCondition("*");
      spec.setModules(new LinkedHashMap<>());
      deployment.setSpec(spec);
    }

    public DeploymentBuilder target(String condition) {
      spec.setTargetCondition(condition);
      return this;
    }

    public DeploymentBuilder priority(int priority) {
      spec.setPriority(priority);
      return this;
    }

    public DeploymentBuilder schema(SchemaVersion version) {
      runtime().setSchemaVersion(version);
      return this;
    }

    public DeploymentBuilder module(String name, String image) {
      return module(name, image, null, null);
    }

    public DeploymentBuilder module(
        String name, String image, Long startupOrder, RestartPolicy policy) {
      EdgeModule module = new EdgeModule();
      module.setImage(image);
      module.setStartupOrder(startupOrder);
      module.setRestartPolicy(policy);
      spec.getModules().put(name, module);
      return this;
    }

    public DeploymentBuilder layered() {
      spec.setLayered(true);
      return this;
    }

    /** Sets a module's createOptions from JSON text (Docker's create-container JSON). */
    public DeploymentBuilder createOptions(String module, String json) {
      try {
        Map<String, JsonNode> options = new LinkedHashMap<>();
        new ObjectMapper()
            .readTree(json)
            .properties()
            .forEach(e -> options.put(e.getKey(), e.getValue()));
        spec.getModules().get(module).setCreateOptions(options);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(e);
      }
      return this;
    }

    public DeploymentBuilder env(String module, String name, String value) {
      EdgeModule m = spec.getModules().get(module);
      if (m.getEnv() == null) {
        m.setEnv(new LinkedHashMap<>());
      }
      m.getEnv().put(name, value);
      return this;
    }

    public DeploymentBuilder route(String name, String route) {
      if (spec.getRoutes() == null) {
        spec.setRoutes(new LinkedHashMap<>());
      }
      spec.getRoutes().put(name, new RouteSpec(route, null, null));
      return this;
    }

    public DeploymentBuilder twin(String module, String path, JsonNode value) {
      if (spec.getModuleTwins() == null) {
        spec.setModuleTwins(new LinkedHashMap<>());
      }
      spec.getModuleTwins().computeIfAbsent(module, m -> new LinkedHashMap<>()).put(path, value);
      return this;
    }

    public DeploymentBuilder registry(String name, String address, String secretName) {
      if (spec.getRegistryCredentials() == null) {
        spec.setRegistryCredentials(new LinkedHashMap<>());
      }
      RegistryCredential credential = new RegistryCredential();
      credential.setAddress(address);
      credential.setSecretName(secretName);
      spec.getRegistryCredentials().put(name, credential);
      return this;
    }

    public DeploymentBuilder rollout(RolloutSpec rollout) {
      spec.setRollout(rollout);
      return this;
    }

    public DeploymentBuilder metric(String name, String query) {
      if (spec.getMetrics() == null) {
        spec.setMetrics(new LinkedHashMap<>());
      }
      spec.getMetrics().put(name, query);
      return this;
    }

    public EdgeDeployment build() {
      return deployment;
    }

    private RuntimeSettings runtime() {
      if (spec.getRuntime() == null) {
        spec.setRuntime(new RuntimeSettings());
      }
      return spec.getRuntime();
    }
  }
}

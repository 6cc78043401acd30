package io.edgefleet.operator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceSpec;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.api.v1alpha1.RouteSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small builders for test objects. */
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

  /** A deployment builder. */
  public static DeploymentBuilder deployment(String namespace, String name) {
    return new DeploymentBuilder(namespace, name);
  }

  /** Builds EdgeDeployments for tests. */
  public static final class DeploymentBuilder {
    private final EdgeDeployment deployment = new EdgeDeployment();
    private final EdgeDeploymentSpec spec = new EdgeDeploymentSpec();

    DeploymentBuilder(String namespace, String name) {
      deployment.setMetadata(
          new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
      spec.setPriority(10);
      spec.setTargetCondition("*");
      spec.setModules(new LinkedHashMap<>());
      deployment.setSpec(spec);
    }

    public DeploymentBuilder priority(int priority) {
      spec.setPriority(priority);
      return this;
    }

    public DeploymentBuilder target(String condition) {
      spec.setTargetCondition(condition);
      return this;
    }

    public DeploymentBuilder layered() {
      spec.setLayered(true);
      return this;
    }

    public DeploymentBuilder module(String name, String image) {
      EdgeModule module = new EdgeModule();
      module.setImage(image);
      spec.getModules().put(name, module);
      return this;
    }

    public DeploymentBuilder route(String name, String route) {
      if (spec.getRoutes() == null) {
        spec.setRoutes(new LinkedHashMap<>());
      }
      spec.getRoutes().put(name, new RouteSpec(route, null, null));
      return this;
    }

    public DeploymentBuilder metric(String name, String query) {
      if (spec.getMetrics() == null) {
        spec.setMetrics(new LinkedHashMap<>());
      }
      spec.getMetrics().put(name, query);
      return this;
    }

    public DeploymentBuilder rollout(io.edgefleet.api.v1alpha1.RolloutSpec rollout) {
      spec.setRollout(rollout);
      return this;
    }

    public EdgeDeployment build() {
      return deployment;
    }
  }
}

package io.edgefleet.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.api.v1alpha1.RouteSpec;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic namespace for the resolution benchmarks: a campus fleet (tags building, floor,
 * roomtype, environment; reported devicemodel and lastDesiredStatus) and deployments, half of them
 * layered, with mixed target conditions (equality, AND/OR, IN lists, reported properties, '*').
 */
public final class SyntheticNamespace {

  private static final String[] ROOM_TYPES = {"conference", "office", "lab", "lobby", "kitchen"};
  private static final String[] ENVIRONMENTS = {"prod", "prod", "prod", "test", "dev"};
  private static final String[] MODELS = {"4000x", "5000x", "3000y"};
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SyntheticNamespace() {}

  /** {@code count} devices, seeded. */
  public static List<DeviceSource> devices(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<DeviceSource> devices = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ObjectNode tags = JSON.objectNode();
      tags.put("building", Integer.toString(1 + random.nextInt(50)));
      tags.put("floor", Integer.toString(1 + random.nextInt(10)));
      tags.put("roomtype", ROOM_TYPES[random.nextInt(ROOM_TYPES.length)]);
      if (random.nextInt(20) != 0) {
        tags.put("environment", ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)]);
      }
      ObjectNode reported = JSON.objectNode();
      reported.put("devicemodel", MODELS[random.nextInt(MODELS.length)]);
      reported.putObject("lastDesiredStatus").put("code", random.nextInt(6) < 5 ? 200 : 500);
      devices.add(
          new DeviceSource("bench", String.format("edge-%06d", i), tags, reported, null, null));
    }
    return devices;
  }

  /**
   * {@code count} deployments: the first half standard (priorities 0..), the rest layered (higher
   * priorities), each with two modules, routes and a module twin setting.
   */
  public static List<DeploymentSource> deployments(int count) {
    return deployments(count, 0);
  }

  /**
   * {@code count} deployments as {@link #deployments(int)}, of which {@code parameterPercent}
   * percent (evenly spread) use per-device parameters: an env value with the device id, an env
   * value from two tags, and a twin value typed from a tag.
   */
  public static List<DeploymentSource> deployments(int count, int parameterPercent) {
    int every = parameterPercent <= 0 ? 0 : Math.max(1, 100 / parameterPercent);
    List<DeploymentSource> deployments = new ArrayList<>(count);
    int standard = count / 2;
    Instant created = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < count; i++) {
      boolean layered = i >= standard;
      EdgeDeploymentSpec spec = new EdgeDeploymentSpec();
      spec.setLayered(layered);
      spec.setPriority(i);
      spec.setTargetCondition(i == 0 ? "*" : condition(i));
      boolean parameters = every > 0 && i % every == 0;
      Map<String, EdgeModule> modules = new LinkedHashMap<>();
      EdgeModule first = module("registry.example.com/module-a:" + i);
      if (parameters) {
        first.setEnv(
            Map.of(
                "LOG_LEVEL", "info",
                "DEVICE", "${deviceId}",
                "SITE", "building-${tags.building}/floor-${tags.floor}"));
      }
      modules.put("m" + i + "a", first);
      modules.put(layered ? "shared" : "m" + i + "b", module("registry.example.com/module-b:" + i));
      spec.setModules(modules);
      Map<String, RouteSpec> routes = new LinkedHashMap<>();
      routes.put("upstream", new RouteSpec("FROM /messages/* INTO $upstream", i % 10, null));
      routes.put(
          "route" + i,
          new RouteSpec(
              "FROM /messages/modules/m"
                  + i
                  + "a/outputs/* INTO BrokeredEndpoint(\"/modules/shared/inputs/in\")",
              null,
              null));
      spec.setRoutes(routes);
      Map<String, JsonNode> twin = new LinkedHashMap<>();
      ObjectNode settings = JSON.objectNode();
      settings.put("interval", i);
      settings.put("threshold", 20 + i);
      if (parameters) {
        settings.put("roomtype", "${tags.roomtype}");
      }
      twin.put(layered ? "properties.desired.settings" : "properties.desired", settings);
      spec.setModuleTwins(Map.of("m" + i + "a", twin));
      if (i % 10 == 0) {
        spec.setMetrics(
            Map.of(
                "successful",
                "SELECT deviceId FROM devices WHERE properties.reported.lastDesiredStatus.code = 200"));
      }
      deployments.add(
          new DeploymentSource(
              "bench", String.format("dep-%03d", i), created.plusSeconds(i), 1, spec));
    }
    return deployments;
  }

  private static String condition(int i) {
    return switch (i % 6) {
      case 0 -> "tags.environment = 'prod' AND tags.building = '" + (1 + i % 50) + "'";
      case 1 -> "tags.floor IN ['1', '2', '3', '" + (1 + i % 10) + "']";
      case 2 -> "properties.reported.devicemodel = '" + MODELS[i % MODELS.length] + "'";
      case 3 -> "tags.roomtype = '" + ROOM_TYPES[i % ROOM_TYPES.length] + "'";
      case 4 ->
          "tags.environment = 'test' OR (tags.roomtype = 'conference' AND tags.floor = '"
              + (1 + i % 10)
              + "')";
      default ->
          "properties.reported.lastDesiredStatus.code = 200 AND tags.building = '"
              + (1 + i % 50)
              + "'";
    };
  }

  private static EdgeModule module(String image) {
    EdgeModule module = new EdgeModule();
    module.setImage(image);
    module.setEnv(Map.of("LOG_LEVEL", "info"));
    return module;
  }
}

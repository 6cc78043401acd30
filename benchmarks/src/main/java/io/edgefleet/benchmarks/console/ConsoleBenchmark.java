package io.edgefleet.benchmarks.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDeploymentStatus;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.api.v1alpha1.EdgeDeviceSpec;
import io.edgefleet.api.v1alpha1.EdgeDeviceStatus;
import io.edgefleet.benchmarks.SyntheticNamespace;
import io.edgefleet.console.ConsoleServer;
import io.edgefleet.console.FleetReadModel;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.resolve.DeploymentReport;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeploymentTally;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.DeviceState;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.operator.fleet.FleetView;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How fast the web console answers at fleet size (docs/benchmarks.md, "Web console"): the console's
 * HTTP server on 127.0.0.1 over a read model holding N devices and 50 deployments as the operator's
 * caches hold them (the operator's own deployment catalog prepares the sets; every device carries
 * the status the operator would write). Each page is fetched over HTTP: once cold, then warmed up,
 * then measured. Writes a JSON file.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.edgefleet.benchmarks.console.ConsoleBenchmark \
 *     [--devices 10000] [--requests 50] [--json bench-results/console.json]
 * </pre>
 */
public final class ConsoleBenchmark {

  private static final String NS = "bench";

  private ConsoleBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    int devices = Integer.parseInt(options.getOrDefault("--devices", "10000"));
    int requests = Integer.parseInt(options.getOrDefault("--requests", "50"));
    Path json = Path.of(options.getOrDefault("--json", "bench-results/console.json"));

    InMemoryFleet fleet = InMemoryFleet.build(devices, 50);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("when", Instant.now().toString());
    result.put(
        "machine",
        Map.of(
            "processors", Runtime.getRuntime().availableProcessors(),
            "maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024),
            "java", System.getProperty("java.version")));
    result.put("devices", devices);
    result.put("deployments", 50);
    result.put("requestsPerPage", requests);
    List<Map<String, Object>> pages = new ArrayList<>();
    try (ConsoleServer server =
        new ConsoleServer(fleet, "127.0.0.1", 0, Duration.ofSeconds(1)).start()) {
      HttpClient client = HttpClient.newHttpClient();
      String base = server.url();
      Map<String, String> paths = new LinkedHashMap<>();
      paths.put("deployments list", "deployments");
      paths.put("devices, first page", "devices");
      paths.put(
          "devices, target-condition search",
          "devices?ns=" + NS + "&where=" + url("tags.environment='prod' AND tags.floor='2'"));
      paths.put("devices behind a count", "devices?ns=" + NS + "&deployment=dep-000&count=applied");
      paths.put("devices, page 100", "devices?page=100");
      paths.put("a deployment", "deployments/" + NS + "/dep-030");
      paths.put("a device", "devices/" + NS + "/edge-000042");
      for (Map.Entry<String, String> page : paths.entrySet()) {
        URI uri = URI.create(base + page.getValue());
        double cold = fetch(client, uri);
        for (int i = 0; i < 20; i++) {
          fetch(client, uri);
        }
        double[] times = new double[requests];
        for (int i = 0; i < requests; i++) {
          times[i] = fetch(client, uri);
        }
        Arrays.sort(times);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("page", page.getKey());
        row.put("path", "/" + page.getValue());
        row.put("coldMs", round(cold));
        row.put("medianMs", round(times[times.length / 2]));
        row.put("p95Ms", round(times[(int) Math.ceil(times.length * 0.95) - 1]));
        row.put("maxMs", round(times[times.length - 1]));
        pages.add(row);
        System.out.printf(
            "%-34s cold %7.1f ms  median %6.1f ms  p95 %6.1f ms  max %6.1f ms%n",
            page.getKey(),
            cold,
            times[times.length / 2],
            times[(int) Math.ceil(times.length * 0.95) - 1],
            times[times.length - 1]);
      }
    }
    result.put("pages", pages);
    Files.createDirectories(json.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
    System.out.println("written to " + json);
  }

  private static double fetch(HttpClient client, URI uri) throws Exception {
    long start = System.nanoTime();
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    double ms = (System.nanoTime() - start) / 1e6;
    if (response.statusCode() != 200) {
      throw new IllegalStateException(uri + " answered " + response.statusCode());
    }
    return ms;
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }

  private static String url(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** N devices and their deployments, with the status the operator would have written. */
  static final class InMemoryFleet implements FleetReadModel {

    private final List<EdgeDeployment> deployments;
    private final List<EdgeDevice> devices;
    private final Map<String, EdgeDevice> byName = new HashMap<>();
    private final DeploymentCatalog catalog = new DeploymentCatalog();

    private InMemoryFleet(List<EdgeDeployment> deployments, List<EdgeDevice> devices) {
      this.deployments = deployments;
      this.devices = devices;
      devices.forEach(d -> byName.put(d.getMetadata().getName(), d));
    }

    static InMemoryFleet build(int deviceCount, int deploymentCount) {
      List<DeploymentSource> sources = SyntheticNamespace.deployments(deploymentCount);
      List<EdgeDeployment> deployments = new ArrayList<>();
      for (DeploymentSource source : sources) {
        EdgeDeployment d = new EdgeDeployment();
        d.setMetadata(
            new ObjectMetaBuilder()
                .withNamespace(NS)
                .withName(source.name())
                .withUid("uid-" + source.name())
                .withGeneration(1L)
                .withResourceVersion("1")
                .withCreationTimestamp(source.createdAt().toString())
                .build());
        d.setSpec(source.spec());
        deployments.add(d);
      }
      DeploymentSet set = DeploymentSet.prepare(sources);
      List<EdgeDevice> devices = new ArrayList<>();
      for (DeviceSource source : SyntheticNamespace.devices(deviceCount, 42)) {
        DeviceDecision decision = set.decide(source);
        EdgeDevice device = new EdgeDevice();
        device.setMetadata(
            new ObjectMetaBuilder()
                .withNamespace(NS)
                .withName(source.name())
                .withUid("uid-" + source.name())
                .withResourceVersion("1")
                .build());
        EdgeDeviceSpec spec = new EdgeDeviceSpec();
        spec.setTags(fields(source.tags()));
        device.setSpec(spec);
        EdgeDeviceStatus status = new EdgeDeviceStatus();
        ObjectNode reported = source.reported().deepCopy();
        if (decision.baseName() != null) {
          status.setManaged(true);
          status.setBaseDeployment(decision.baseName());
          status.setLayers(decision.layerNames());
          status.setDesiredVersion(decision.desiredVersion());
          status.setConfigMapName(source.name() + "-edge-config");
          reported.put("lastDesiredVersion", decision.desiredVersion());
        }
        status.setReported(fields(reported));
        device.setStatus(status);
        devices.add(device);
      }
      List<DeviceState> states = devices.stream().map(FleetView::state).toList();
      Map<String, DeploymentReport> reports = DeploymentTally.count(set, states);
      for (EdgeDeployment d : deployments) {
        DeploymentReport report = reports.get(d.getMetadata().getName());
        EdgeDeploymentStatus status = new EdgeDeploymentStatus();
        status.setTargetedCount(report.targetedCount());
        status.setAppliedCount(report.appliedCount());
        status.setReportedSuccessfulCount(report.reportedSuccessfulCount());
        status.setReportedFailedCount(report.reportedFailedCount());
        status.setMetrics(report.metrics());
        d.setStatus(status);
      }
      return new InMemoryFleet(deployments, devices);
    }

    private static Map<String, JsonNode> fields(ObjectNode node) {
      Map<String, JsonNode> map = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        map.put(field.getKey(), field.getValue());
      }
      return map;
    }

    @Override
    public boolean ready() {
      return true;
    }

    @Override
    public Set<String> namespaces() {
      return Set.of(NS);
    }

    @Override
    public List<EdgeDeployment> deployments() {
      return deployments;
    }

    @Override
    public List<EdgeDevice> devices(String namespace) {
      return NS.equals(namespace) ? devices : List.of();
    }

    @Override
    public Optional<EdgeDevice> device(String namespace, String name) {
      return NS.equals(namespace) ? Optional.ofNullable(byName.get(name)) : Optional.empty();
    }

    @Override
    public DeploymentSet deploymentSet(String namespace) {
      return catalog.setFor(namespace, NS.equals(namespace) ? deployments : List.of());
    }

    @Override
    public DeploymentSource source(EdgeDeployment deployment) {
      return DeploymentCatalog.source(deployment);
    }

    @Override
    public DeviceState state(EdgeDevice device) {
      return FleetView.state(device);
    }

    @Override
    public Optional<String> configMapManifest(String namespace, String device) {
      return Optional.empty();
    }
  }
}

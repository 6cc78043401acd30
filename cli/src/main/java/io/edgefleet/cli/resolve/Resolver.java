package io.edgefleet.cli.resolve;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.contract.GeneratedObjects;
import io.edgefleet.api.serialization.Unreadable;
import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.engine.model.CurrentConfiguration;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.resolve.ConfigMapData;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.NamespaceResolution;
import io.edgefleet.engine.resolve.Outcome;
import io.edgefleet.engine.resolve.ResolvedConfiguration;
import io.edgefleet.engine.rollout.RolloutWaves;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.operator.fleet.DeviceInputs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code edgefleet resolve} does: reads objects from files, checks each as the API server
 * would, decides every namespace with the engine exactly as the operator would, applies the
 * operator's size rule, and prints the result.
 */
public final class Resolver {

  /** Exit code when a deployment is invalid, an object would be refused or a write refused. */
  public static final int INVALID = 1;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final String defaultNamespace;
  private final ApiServerChecks checks = new ApiServerChecks();

  public Resolver(String defaultNamespace) {
    this.defaultNamespace = defaultNamespace;
  }

  /**
   * Everything read from the files, by namespace.
   *
   * @param refused objects the API server would refuse: where, and its message
   * @param ignored objects of other kinds, counted by kind
   */
  public record Inputs(
      Map<String, List<DeploymentSource>> deployments,
      Map<String, List<DeviceSource>> devices,
      Map<String, JsonNode> currentManifests,
      List<String> refused,
      Map<String, Integer> ignored) {}

  /**
   * Reads, decides, prints.
   *
   * @param err where refused objects and ignored kinds are reported
   * @return 0 when every object is accepted, every deployment valid and every configuration fits, 1
   *     otherwise
   */
  public int run(List<Path> paths, String device, String output, PrintStream out, PrintWriter err)
      throws IOException {
    return run(paths, List.of(), device, output, out, err);
  }

  /**
   * Reads, decides, prints; directories leave out what {@code excludes} matches (and say what they
   * left out on {@code err}).
   */
  public int run(
      List<Path> paths,
      List<String> excludes,
      String device,
      String output,
      PrintStream out,
      PrintWriter err)
      throws IOException {
    if (!output.equals("table") && !output.equals("json")) {
      throw new IllegalArgumentException("--output must be table or json, not " + output);
    }
    Reading reading = new Reading();
    ManifestFiles.read(paths, excludes, note -> err.println("edgefleet: " + note), reading::add);
    Inputs inputs = reading.inputs();
    List<NamespaceResolution> resolutions = resolve(inputs);
    Map<String, String> tooLarge = tooLarge(resolutions);
    Map<String, RolloutWaves.Waves> waves = waves(inputs, Instant.now());
    for (String refusal : inputs.refused()) {
      err.println("edgefleet: " + refusal);
    }
    if (!inputs.ignored().isEmpty()) {
      List<String> kinds = new ArrayList<>();
      inputs.ignored().forEach((kind, count) -> kinds.add(count + " " + kind));
      err.println(
          "edgefleet: resolve reads EdgeDevice, EdgeDeployment and ConfigMap objects; ignored "
              + String.join(", ", kinds));
    }
    if (output.equals("json")) {
      out.println(
          ResolveJson.render(
              resolutions, inputs.currentManifests(), device, tooLarge, inputs.refused(), waves));
    } else {
      out.print(ResolveTable.render(resolutions, device, tooLarge, waves));
    }
    boolean invalid =
        resolutions.stream()
            .flatMap(r -> r.reports().stream())
            .anyMatch(r -> !r.validity().isValid());
    return invalid || !inputs.refused().isEmpty() || !tooLarge.isEmpty() ? INVALID : 0;
  }

  /**
   * Reads already parsed documents (for commands that decide as {@code resolve} does, such as
   * {@code export device}).
   *
   * @throws IOException if an object is malformed or the API server would refuse it
   */
  public Inputs read(List<ManifestFiles.Document> documents) throws IOException {
    Reading reading = new Reading();
    for (ManifestFiles.Document document : documents) {
      reading.add(document);
    }
    Inputs inputs = reading.inputs();
    if (!inputs.refused().isEmpty()) {
      throw new IOException(String.join("\n", inputs.refused()));
    }
    return inputs;
  }

  /** Decides every namespace found in {@code inputs}. */
  public static List<NamespaceResolution> resolve(Inputs inputs) {
    TreeSet<String> namespaces = new TreeSet<>(inputs.deployments().keySet());
    namespaces.addAll(inputs.devices().keySet());
    List<NamespaceResolution> resolutions = new ArrayList<>();
    for (String namespace : namespaces) {
      resolutions.add(
          NamespaceResolution.resolve(
              namespace,
              inputs.deployments().getOrDefault(namespace, List.of()),
              inputs.devices().getOrDefault(namespace, List.of())));
    }
    return resolutions;
  }

  /**
   * For each namespace, the waves in which its deployments' rollouts would move the devices whose
   * configuration changes (docs/rollouts.md): devices whose current configuration (their generated
   * ConfigMap) is among the inputs, as new devices are not gated.
   */
  static Map<String, RolloutWaves.Waves> waves(Inputs inputs, Instant now) {
    Map<String, RolloutWaves.Waves> waves = new TreeMap<>();
    inputs
        .deployments()
        .forEach(
            (namespace, deployments) -> {
              RolloutWaves.Waves found =
                  RolloutWaves.of(
                      DeploymentSet.prepare(deployments),
                      inputs.devices().getOrDefault(namespace, List.of()),
                      now);
              if (!found.rollouts().isEmpty()) {
                waves.put(namespace, found);
              }
            });
    return waves;
  }

  /**
   * The devices whose configuration the operator would refuse to write because it does not fit in a
   * ConfigMap, with the operator's message, by {@code namespace/device}.
   */
  static Map<String, String> tooLarge(List<NamespaceResolution> resolutions) {
    Map<String, String> refused = new TreeMap<>();
    for (NamespaceResolution resolution : resolutions) {
      for (DeviceDecision decision : resolution.decisions()) {
        if (decision.outcome() != Outcome.APPLY) {
          continue;
        }
        ResolvedConfiguration configuration = decision.configuration();
        String name = decision.device().name();
        String secret =
            configuration.registryCredentials().isEmpty()
                ? null
                : GeneratedObjects.registrySecretName(name);
        String problem = ConfigMapData.tooLarge(ConfigMapData.of(configuration, secret));
        if (problem != null) {
          refused.put(decision.device().namespace() + "/" + name, problem);
        }
      }
    }
    return refused;
  }

  /** The objects read so far; documents are handed in one at a time and not kept. */
  private final class Reading {
    private final Map<String, List<DeploymentSource>> deployments = new TreeMap<>();
    private final List<EdgeDevice> devices = new ArrayList<>();
    private final Map<String, ConfigMap> configMaps = new HashMap<>();
    private final Map<String, String> seen = new HashMap<>();
    private final List<String> refused = new ArrayList<>();
    private final Map<String, Integer> ignored = new TreeMap<>();

    void add(ManifestFiles.Document document) throws IOException {
      JsonNode object = document.object();
      String kind = object.path("kind").asText();
      String apiVersion = object.path("apiVersion").asText();
      if (ApiServerChecks.ours(object)) {
        defaultNamespace(object);
        ApiServerChecks.Checked checked = checks.check(object);
        if (checked.refusal() != null) {
          refused.add(document.where() + ": " + checked.refusal());
          return;
        }
        JsonNode stored = checked.object();
        if (kind.equals("EdgeDeployment")) {
          EdgeDeployment deployment = convert(document, stored, EdgeDeployment.class);
          String namespace = deployment.getMetadata().getNamespace();
          unique("EdgeDeployment", namespace, deployment.getMetadata().getName(), document);
          deployments
              .computeIfAbsent(namespace, n -> new ArrayList<>())
              .add(DeploymentCatalog.source(deployment));
        } else {
          EdgeDevice device = convert(document, stored, EdgeDevice.class);
          unique(
              "EdgeDevice",
              device.getMetadata().getNamespace(),
              device.getMetadata().getName(),
              document);
          devices.add(device);
        }
      } else if (apiVersion.equals("v1") && kind.equals("ConfigMap")) {
        String refusal = ApiServerChecks.configMapRefusal(object);
        if (refusal != null) {
          refused.add(document.where() + ": " + refusal);
          return;
        }
        defaultNamespace(object);
        ConfigMap configMap = convert(document, object, ConfigMap.class);
        String deviceName = generatedFor(configMap);
        if (deviceName != null) {
          configMaps.put(
              configMap.getMetadata().getNamespace() + "/" + deviceName, lean(configMap));
        }
      } else {
        ignored.merge(kind.isEmpty() ? "object without a kind" : kind, 1, Integer::sum);
      }
    }

    Inputs inputs() throws IOException {
      Map<String, List<DeviceSource>> sources = new TreeMap<>();
      Map<String, JsonNode> manifests = new HashMap<>();
      for (EdgeDevice device : devices) {
        String key = device.getMetadata().getNamespace() + "/" + device.getMetadata().getName();
        ConfigMap configMap = configMaps.get(key);
        sources
            .computeIfAbsent(device.getMetadata().getNamespace(), n -> new ArrayList<>())
            .add(DeviceInputs.source(device, configMap));
        CurrentConfiguration current = DeviceInputs.current(configMap);
        if (current != null && configMap.getData() != null) {
          String manifest = configMap.getData().get(GeneratedObjects.MANIFEST_KEY);
          if (manifest != null) {
            manifests.put(key, MAPPER.readTree(manifest));
          }
        }
      }
      return new Inputs(deployments, sources, manifests, List.copyOf(refused), ignored);
    }

    private void defaultNamespace(JsonNode object) {
      if (object.path("metadata").isObject()
          && object.path("metadata").path("namespace").asText("").isBlank()) {
        ((ObjectNode) object.get("metadata")).put("namespace", defaultNamespace);
      }
    }

    private void unique(String kind, String namespace, String name, ManifestFiles.Document at)
        throws IOException {
      String previous = seen.put(kind + "/" + namespace + "/" + name, at.where());
      if (previous != null) {
        throw new IOException(
            at.where()
                + ": "
                + kind
                + " "
                + namespace
                + "/"
                + name
                + " is also defined in "
                + previous);
      }
    }
  }

  /** A generated ConfigMap with only what resolve reads: metadata and the manifest. */
  private static ConfigMap lean(ConfigMap configMap) {
    ConfigMap kept = new ConfigMap();
    kept.setMetadata(configMap.getMetadata());
    String manifest =
        configMap.getData() == null ? null : configMap.getData().get(GeneratedObjects.MANIFEST_KEY);
    kept.setData(manifest == null ? Map.of() : Map.of(GeneratedObjects.MANIFEST_KEY, manifest));
    kept.getMetadata().setManagedFields(null);
    return kept;
  }

  /** The device a generated ConfigMap belongs to (its EdgeDevice owner), or null. */
  private static String generatedFor(ConfigMap configMap) {
    ObjectMeta metadata = configMap.getMetadata();
    if (metadata == null || metadata.getOwnerReferences() == null) {
      return null;
    }
    return metadata.getOwnerReferences().stream()
        .filter(o -> "EdgeDevice".equals(o.getKind()))
        .map(OwnerReference::getName)
        .findFirst()
        .orElse(null);
  }

  private static <T> T convert(ManifestFiles.Document document, JsonNode object, Class<T> type)
      throws IOException {
    try {
      T value = MAPPER.treeToValue(object, type);
      if (value instanceof HasMetadata resource && Unreadable.any(resource)) {
        // the API types read what they can (the operator must never stop on one object); a
        // file that the API server would refuse is an error here
        String problem =
            Unreadable.spec(resource) != null
                ? Unreadable.spec(resource)
                : Unreadable.status(resource);
        throw new IOException(
            document.where()
                + ": "
                + type.getSimpleName()
                + " "
                + resource.getMetadata().getName()
                + " is malformed: "
                + problem);
      }
      return value;
    } catch (JacksonException | IllegalArgumentException e) {
      String name = object.path("metadata").path("name").asText("?");
      String detail =
          e instanceof JsonMappingException m
              ? m.getOriginalMessage() + " at " + path(m)
              : e.getMessage();
      throw new IOException(
          document.where() + ": " + type.getSimpleName() + " " + name + " is malformed: " + detail,
          e);
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}

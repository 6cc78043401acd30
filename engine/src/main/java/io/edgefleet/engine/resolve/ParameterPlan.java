package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.engine.manifest.CanonicalJson;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.param.ParameterValues;
import io.edgefleet.engine.param.Placeholder;
import io.edgefleet.engine.param.Template;
import io.edgefleet.engine.query.QueryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the placeholders of one merged configuration are, found once per merge, and how to fill
 * them in for a device. Devices whose placeholders read the same values share one result.
 */
final class ParameterPlan {

  /** Distinct value combinations kept per merged configuration; beyond this the cache restarts. */
  static final int MAX_CACHED = 64;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String PARAMETERS = "parameters";
  private static final List<Object> MODULES =
      List.of("modulesContent", "$edgeAgent", "properties.desired", "modules");

  /**
   * A string of the configuration that holds placeholders or escapes.
   *
   * @param path where the result goes: in the manifest, or inside a module's createOptions
   * @param typed a module twin value that is exactly one placeholder: it takes the value's type
   */
  private record Site(
      String deployment,
      String field,
      Template template,
      List<Placeholder> placeholders,
      boolean typed,
      List<Object> path) {}

  /** A module's createOptions with placeholders: written as a string of JSON after filling in. */
  private record Options(List<Object> path, ObjectNode options, List<Site> sites) {}

  private final ResolvedConfiguration merged;
  private final ObjectNode sortedManifest;
  private final ObjectNode sortedProvenance;
  private final List<Site> sites;
  private final List<Options> options;
  private final List<Site> all;
  private final int placeholders;
  private final boolean shared;
  private final Map<List<JsonNode>, ResolvedConfiguration> results = new ConcurrentHashMap<>();

  private ParameterPlan(ResolvedConfiguration merged, List<Site> sites, List<Options> options) {
    this.merged = merged;
    // kept with sorted keys so that a device's copy is canonical without sorting it again
    this.sortedManifest = (ObjectNode) CanonicalJson.sorted(merged.manifest());
    this.sortedProvenance = (ObjectNode) CanonicalJson.sorted(merged.provenance());
    this.sites = sites;
    this.options = options;
    List<Site> flat = new ArrayList<>(sites);
    options.forEach(o -> flat.addAll(o.sites()));
    this.all = List.copyOf(flat);
    this.placeholders = all.stream().mapToInt(s -> s.placeholders().size()).sum();
    // with the device id among the values no two devices share a result: keeping them only
    // costs memory
    this.shared =
        all.stream()
            .flatMap(s -> s.placeholders().stream())
            .noneMatch(p -> p.root() == Placeholder.Root.DEVICE_ID);
  }

  /** The outcome of filling in a device's values: a configuration, or why there is none. */
  record Substituted(ResolvedConfiguration configuration, List<ParameterError> errors) {}

  /** Fills in {@code device}'s values. */
  Substituted apply(DeviceSource device) {
    JsonNode[] values = new JsonNode[placeholders];
    List<ParameterError> errors = null;
    int k = 0;
    for (Site site : all) {
      for (Placeholder placeholder : site.placeholders()) {
        JsonNode value = ParameterValues.read(placeholder, device);
        String problem = problem(placeholder, value, site.typed());
        if (problem != null) {
          if (errors == null) {
            errors = new ArrayList<>();
          }
          errors.add(
              new ParameterError(site.deployment(), site.field(), placeholder.toString(), problem));
        }
        values[k++] = value;
      }
    }
    if (errors != null) {
      return new Substituted(null, List.copyOf(errors));
    }
    if (!shared) {
      return new Substituted(build(values), List.of());
    }
    List<JsonNode> key = Arrays.asList(values);
    ResolvedConfiguration result = results.get(key);
    if (result == null) {
      if (results.size() >= MAX_CACHED) {
        results.clear();
      }
      for (int i = 0; i < values.length; i++) {
        // a container's nodes belong to the device: keep a copy of our own
        values[i] = values[i].isContainerNode() ? values[i].deepCopy() : values[i];
      }
      result = results.computeIfAbsent(List.copyOf(key), v -> build(values));
    }
    return new Substituted(result, List.of());
  }

  private static String problem(Placeholder placeholder, JsonNode value, boolean typed) {
    if (value == null) {
      return placeholder.root() == Placeholder.Root.TAGS
          ? "the device has no tag " + placeholder.source().substring("tags.".length())
          : "the device reports no "
              + placeholder.source().substring("properties.reported.".length());
    }
    if (!typed && !ParameterValues.writableAsText(value)) {
      return placeholder.source()
          + " is "
          + (value.isObject() ? "an object" : "an array")
          + ", which cannot be written inside a string (only a module twin value that is"
          + " exactly one placeholder takes objects and arrays)";
    }
    return null;
  }

  private ResolvedConfiguration build(JsonNode[] values) {
    List<ParameterUse> uses = new ArrayList<>(values.length);
    PathCopy manifest = new PathCopy(sortedManifest);
    int[] next = {0};
    for (Site site : sites) {
      manifest.set(site.path(), render(site, values, next, uses));
    }
    for (Options o : options) {
      PathCopy createOptions = new PathCopy(o.options());
      for (Site site : o.sites()) {
        createOptions.set(site.path(), render(site, values, next, uses));
      }
      manifest.set(o.path(), JSON.textNode(CanonicalJson.write(createOptions.root())));
    }
    uses.sort(Comparator.comparing(ParameterUse::field).thenComparing(ParameterUse::placeholder));
    ArrayNode used = JSON.arrayNode(uses.size());
    for (ParameterUse use : uses) {
      ObjectNode entry = used.addObject();
      entry.put("deployment", use.deployment());
      entry.put("field", use.field());
      entry.put("placeholder", use.placeholder());
      entry.set("value", CanonicalJson.sorted(use.value()));
    }
    ObjectNode provenance = JSON.objectNode();
    sortedProvenance
        .properties()
        .iterator()
        .forEachRemaining(
            e -> {
              if (!provenance.has(PARAMETERS) && e.getKey().compareTo(PARAMETERS) > 0) {
                provenance.set(PARAMETERS, used);
              }
              provenance.set(e.getKey(), e.getValue());
            });
    if (!provenance.has(PARAMETERS)) {
      provenance.set(PARAMETERS, used);
    }
    String manifestJson = CanonicalJson.writeSorted(manifest.root());
    return new ResolvedConfiguration(
        merged.base(),
        merged.layers(),
        manifest.root(),
        manifestJson,
        CanonicalJson.hash(manifestJson),
        provenance,
        CanonicalJson.writeSorted(provenance),
        merged.registryCredentials(),
        merged.warnings(),
        uses);
  }

  private static JsonNode render(
      Site site, JsonNode[] values, int[] next, List<ParameterUse> uses) {
    for (Placeholder placeholder : site.placeholders()) {
      uses.add(
          new ParameterUse(
              site.deployment(), site.field(), placeholder.toString(), values[next[0]++]));
    }
    int first = next[0] - site.placeholders().size();
    if (site.typed()) {
      return CanonicalJson.sorted(values[first]);
    }
    StringBuilder text = new StringBuilder();
    int k = first;
    for (Object part : site.template().parts()) {
      if (part instanceof Placeholder) {
        text.append(ParameterValues.text(values[k++]));
      } else {
        text.append((String) part);
      }
    }
    return JSON.textNode(text.toString());
  }

  /**
   * A copy of a tree that shares every node it does not change: only the ancestors of what is set
   * are copied, so the merged configuration is never modified.
   */
  private static final class PathCopy {
    private final ObjectNode root;
    private final Set<JsonNode> copied = Collections.newSetFromMap(new IdentityHashMap<>());

    PathCopy(ObjectNode original) {
      this.root = JSON.objectNode().setAll(original);
      copied.add(root);
    }

    ObjectNode root() {
      return root;
    }

    void set(List<Object> path, JsonNode value) {
      JsonNode parent = root;
      for (int i = 0; i < path.size() - 1; i++) {
        JsonNode child = get(parent, path.get(i));
        if (!copied.contains(child)) {
          child = shallowCopy(child);
          copied.add(child);
          put(parent, path.get(i), child);
        }
        parent = child;
      }
      put(parent, path.get(path.size() - 1), value);
    }

    private static JsonNode get(JsonNode parent, Object key) {
      return key instanceof Integer index ? parent.get(index) : parent.get((String) key);
    }

    private static void put(JsonNode parent, Object key, JsonNode value) {
      if (key instanceof Integer index) {
        ((ArrayNode) parent).set(index, value);
      } else {
        ((ObjectNode) parent).set((String) key, value);
      }
    }

    private static JsonNode shallowCopy(JsonNode node) {
      if (node instanceof ObjectNode object) {
        return JSON.objectNode().setAll(object);
      }
      return JSON.arrayNode().addAll((ArrayNode) node);
    }
  }

  /** Collects the sites of one merge; see {@link ConfigurationMerger}. */
  static final class Builder {
    private final List<Site> sites = new ArrayList<>();
    private final List<Options> options = new ArrayList<>();

    /** The strings of a custom module supplied by {@code deployment}. */
    void module(String name, EdgeModule module, String deployment) {
      List<Object> at = new ArrayList<>(MODULES);
      at.add(name);
      String field = "spec.modules." + name;
      add(deployment, field + ".image", module.getImage(), false, append(at, "settings", "image"));
      if (module.getEnv() != null) {
        new TreeMap<>(module.getEnv())
            .forEach(
                (env, value) ->
                    add(
                        deployment,
                        field + ".env." + env,
                        value,
                        false,
                        append(at, "env", env, "value")));
      }
      if (module.getCreateOptions() != null && !module.getCreateOptions().isEmpty()) {
        ObjectNode createOptions = CanonicalJson.objectOf(module.getCreateOptions());
        List<Site> inner = new ArrayList<>();
        Builder nested = new Builder();
        nested.walk(deployment, field + ".createOptions", createOptions, List.of(), false, null);
        inner.addAll(nested.sites);
        if (!inner.isEmpty()) {
          options.add(new Options(append(at, "settings", "createOptions"), createOptions, inner));
        }
      }
    }

    /**
     * The values of a module's merged desired properties; {@code suppliers} says which deployment
     * supplied each twin path.
     */
    void twin(String module, ObjectNode desired, Map<String, String> suppliers) {
      walk(
          null,
          "spec.moduleTwins." + module + "." + TwinPatch.WHOLE,
          desired,
          List.of("modulesContent", module, "properties.desired"),
          true,
          new TwinSuppliers(TwinPatch.WHOLE, suppliers));
    }

    /** Suppliers of a twin's paths, and the dotted twin path walked so far (null inside arrays). */
    private record TwinSuppliers(String path, Map<String, String> byPath) {
      TwinSuppliers child(String key) {
        return new TwinSuppliers(path == null ? null : path + "." + key, byPath);
      }

      TwinSuppliers element() {
        return new TwinSuppliers(path, byPath);
      }

      String supplier() {
        String best = null;
        for (String supplied : byPath.keySet()) {
          if ((path.equals(supplied) || path.startsWith(supplied + "."))
              && (best == null || supplied.length() > best.length())) {
            best = supplied;
          }
        }
        return best == null ? null : byPath.get(best);
      }
    }

    private void walk(
        String deployment,
        String field,
        JsonNode node,
        List<Object> path,
        boolean twin,
        TwinSuppliers suppliers) {
      if (node.isTextual()) {
        add(twin ? suppliers.supplier() : deployment, field, node.textValue(), twin, path);
      } else if (node.isObject()) {
        node.properties()
            .iterator()
            .forEachRemaining(
                e ->
                    walk(
                        deployment,
                        field + "." + e.getKey(),
                        e.getValue(),
                        append(path, e.getKey()),
                        twin,
                        suppliers == null ? null : suppliers.child(e.getKey())));
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          walk(
              deployment,
              field + "[" + i + "]",
              node.get(i),
              append(path, i),
              twin,
              suppliers == null ? null : suppliers.element());
        }
      }
    }

    private void add(
        String deployment, String field, String text, boolean twin, List<Object> path) {
      if (!Template.applies(text)) {
        return;
      }
      Template template;
      try {
        template = Template.parse(text);
      } catch (QueryException e) {
        throw new IllegalStateException(
            field + " of a valid deployment does not parse: " + e.getMessage(), e);
      }
      boolean typed = twin && template.single() != null;
      sites.add(new Site(deployment, field, template, template.placeholders(), typed, path));
    }

    private static List<Object> append(List<Object> path, Object... keys) {
      List<Object> longer = new ArrayList<>(path.size() + keys.length);
      longer.addAll(path);
      longer.addAll(Arrays.asList(keys));
      return List.copyOf(longer);
    }

    /** The plan, or null when the configuration holds no placeholder and no escape. */
    ParameterPlan build(ResolvedConfiguration merged) {
      return sites.isEmpty() && options.isEmpty()
          ? null
          : new ParameterPlan(merged, List.copyOf(sites), List.copyOf(options));
    }
  }
}

package io.edgefleet.engine.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.contract.ContentHash;
import io.edgefleet.api.v1alpha1.EdgeModule;
import io.edgefleet.engine.manifest.CanonicalJson;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.param.ParameterValues;
import io.edgefleet.engine.param.Placeholder;
import io.edgefleet.engine.param.Template;
import io.edgefleet.engine.query.QueryException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
   * @param escaped the template's parts with its literal text as written between JSON quotes
   */
  private record Site(
      String deployment,
      String field,
      Template template,
      List<Placeholder> placeholders,
      boolean typed,
      List<Object> path,
      List<Object> escaped) {}

  /** A module's createOptions with placeholders: written as a string of JSON after filling in. */
  private record Options(List<Object> path, ObjectNode options, List<Site> sites) {}

  private final ResolvedConfiguration merged;
  private final ObjectNode sortedManifest;
  private final List<Site> sites;
  private final List<Options> options;
  // the canonical texts around what changes per device, written once (null: written whole)
  private final TextWithHoles manifestText;
  private final List<TextWithHoles> optionsTexts;
  private final List<Site> all;
  private final int placeholders;
  private final boolean shared;
  private final Map<List<JsonNode>, ResolvedConfiguration> results = new ConcurrentHashMap<>();

  private ParameterPlan(ResolvedConfiguration merged, List<Site> sites, List<Options> options) {
    this.merged = merged;
    // the merger's trees list their keys in sorted order, so a device's copy is canonical without
    // sorting it again
    this.sortedManifest = merged.manifest();
    this.sites = sites;
    this.options = options;
    List<List<Object>> holes = new ArrayList<>();
    sites.forEach(site -> holes.add(site.path()));
    options.forEach(o -> holes.add(o.path()));
    this.manifestText = TextWithHoles.of(sortedManifest, holes, true);
    List<TextWithHoles> texts = new ArrayList<>();
    for (Options o : options) {
      texts.add(TextWithHoles.of(o.options(), o.sites().stream().map(Site::path).toList(), false));
    }
    this.optionsTexts = texts;
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

  /**
   * A device's configuration. Its content hash is computed from the text written once around the
   * filled-in values and their texts (the same bytes as the whole tree's canonical text, without
   * walking or writing it for every device); the manifest and provenance trees and texts, and the
   * list of parameters used, are made only when asked for (writing the device's ConfigMap, showing
   * it).
   */
  private ResolvedConfiguration build(JsonNode[] values) {
    ResolvedConfiguration.Content content;
    if (manifestText == null) {
      List<ParameterUse> uses = uses(values);
      ObjectNode manifest = manifestTree(filled(values));
      ObjectNode provenance = withParameters(used(uses));
      String manifestJson = CanonicalJson.writeSorted(manifest);
      content =
          new ResolvedConfiguration.Made(
              manifest,
              manifestJson,
              CanonicalJson.hash(manifestJson),
              provenance,
              CanonicalJson.writeSorted(provenance),
              uses);
    } else {
      content = new Filled(values, manifestText.hash(holes(values)));
    }
    return new ResolvedConfiguration(
        merged.base(), merged.layers(), content, merged.registryCredentials(), merged.warnings());
  }

  /**
   * A device's values and the content hash they give: everything else is made from them when asked
   * for (one small object per device while a fleet is decided).
   */
  private final class Filled implements ResolvedConfiguration.Content {
    private final JsonNode[] values;
    private final String hash;

    Filled(JsonNode[] values, String hash) {
      this.values = values;
      this.hash = hash;
    }

    @Override
    public ObjectNode manifest() {
      return manifestTree(filled(values));
    }

    @Override
    public String manifestJson() {
      return manifestText.fill(holes(values).texts());
    }

    @Override
    public String desiredVersion() {
      return hash;
    }

    @Override
    public ObjectNode provenance() {
      return withParameters(used(uses(values)));
    }

    @Override
    public String provenanceJson() {
      return CanonicalJson.writeSorted(provenance());
    }

    @Override
    public List<ParameterUse> parameters() {
      return uses(values);
    }
  }

  /**
   * The canonical texts of the manifest's holes (the sites, then each createOptions string), one
   * after the other in one buffer: hole {@code i} is {@code text[bounds[2i], bounds[2i+1])}.
   */
  record Holes(StringBuilder text, int[] bounds) {
    String[] texts() {
      String[] texts = new String[bounds.length / 2];
      for (int i = 0; i < texts.length; i++) {
        texts[i] = text.substring(bounds[2 * i], bounds[2 * i + 1]);
      }
      return texts;
    }
  }

  /** The holes' texts written straight from the values, without making their nodes. */
  private Holes holes(JsonNode[] values) {
    StringBuilder text = new StringBuilder(256);
    int[] bounds = new int[2 * (sites.size() + options.size())];
    int next = 0;
    int hole = 0;
    for (Site site : sites) {
      bounds[2 * hole] = text.length();
      appendSite(text, site, values, next);
      bounds[2 * hole + 1] = text.length();
      next += site.placeholders().size();
      hole++;
    }
    for (int o = 0; o < options.size(); o++) {
      Options createOptions = options.get(o);
      String[] inner = new String[createOptions.sites().size()];
      int first = next;
      for (int i = 0; i < inner.length; i++) {
        Site site = createOptions.sites().get(i);
        inner[i] = appendSite(new StringBuilder(), site, values, next).toString();
        next += site.placeholders().size();
      }
      TextWithHoles options = optionsTexts.get(o);
      String json =
          options != null
              ? options.fill(inner)
              : CanonicalJson.write(optionsTree(o, renderInner(createOptions, values, first)));
      bounds[2 * hole] = text.length();
      CanonicalJson.appendEscaped(text.append('"'), json).append('"');
      bounds[2 * hole + 1] = text.length();
      hole++;
    }
    return new Holes(text, bounds);
  }

  /** Appends the canonical text of one site filled in with the values from {@code first} on. */
  private static StringBuilder appendSite(
      StringBuilder text, Site site, JsonNode[] values, int first) {
    if (site.typed()) {
      JsonNode value = values[first];
      return value.isTextual()
          ? CanonicalJson.appendEscaped(text.append('"'), value.textValue()).append('"')
          : text.append(CanonicalJson.writeSorted(CanonicalJson.sorted(value)));
    }
    text.append('"');
    List<Object> parts = site.escaped();
    int k = first;
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i) instanceof String literal) {
        text.append(literal);
      } else {
        CanonicalJson.appendEscaped(text, ParameterValues.text(values[k++]));
      }
    }
    return text.append('"');
  }

  /** The filled-in value of each hole of the manifest, as nodes. */
  private JsonNode[] filled(JsonNode[] values) {
    JsonNode[] filled = new JsonNode[sites.size() + options.size()];
    int next = 0;
    for (int s = 0; s < sites.size(); s++) {
      filled[s] = render(sites.get(s), values, next);
      next += sites.get(s).placeholders().size();
    }
    for (int o = 0; o < options.size(); o++) {
      Options createOptions = options.get(o);
      JsonNode[] inner = renderInner(createOptions, values, next);
      next += createOptions.sites().stream().mapToInt(site -> site.placeholders().size()).sum();
      String[] innerTexts = new String[inner.length];
      for (int i = 0; i < inner.length; i++) {
        innerTexts[i] = text(inner[i]);
      }
      TextWithHoles text = optionsTexts.get(o);
      filled[sites.size() + o] =
          JSON.textNode(
              text != null ? text.fill(innerTexts) : CanonicalJson.write(optionsTree(o, inner)));
    }
    return filled;
  }

  private static JsonNode[] renderInner(Options createOptions, JsonNode[] values, int first) {
    JsonNode[] inner = new JsonNode[createOptions.sites().size()];
    int next = first;
    for (int i = 0; i < inner.length; i++) {
      Site site = createOptions.sites().get(i);
      inner[i] = render(site, values, next);
      next += site.placeholders().size();
    }
    return inner;
  }

  /** Each placeholder filled in, sorted by field, then placeholder. */
  private List<ParameterUse> uses(JsonNode[] values) {
    List<ParameterUse> uses = new ArrayList<>(values.length);
    int k = 0;
    for (Site site : all) {
      for (Placeholder placeholder : site.placeholders()) {
        uses.add(
            new ParameterUse(site.deployment(), site.field(), placeholder.toString(), values[k++]));
      }
    }
    uses.sort(Comparator.comparing(ParameterUse::field).thenComparing(ParameterUse::placeholder));
    return uses;
  }

  /** The canonical text of a filled-in value (a string without a JSON writer). */
  private static String text(JsonNode value) {
    return value.isTextual()
        ? CanonicalJson.writeString(value.textValue())
        : CanonicalJson.writeSorted(value);
  }

  /** The merged manifest with the filled-in values: only the paths to them are copied. */
  private ObjectNode manifestTree(JsonNode[] filled) {
    PathCopy manifest = new PathCopy(sortedManifest);
    for (int i = 0; i < sites.size(); i++) {
      manifest.set(sites.get(i).path(), filled[i]);
    }
    for (int o = 0; o < options.size(); o++) {
      manifest.set(options.get(o).path(), filled[sites.size() + o]);
    }
    return manifest.root();
  }

  private ObjectNode optionsTree(int o, JsonNode[] inner) {
    PathCopy tree = new PathCopy(options.get(o).options());
    for (int i = 0; i < inner.length; i++) {
      tree.set(options.get(o).sites().get(i).path(), inner[i]);
    }
    return tree.root();
  }

  /** The provenance's {@code parameters}: each placeholder filled in, sorted by field. */
  private static ArrayNode used(List<ParameterUse> uses) {
    ArrayNode used = JSON.arrayNode(uses.size());
    for (ParameterUse use : uses) {
      ObjectNode entry = used.addObject();
      entry.put("deployment", use.deployment());
      entry.put("field", use.field());
      entry.put("placeholder", use.placeholder());
      entry.set("value", CanonicalJson.sorted(use.value()));
    }
    return used;
  }

  /** The merged provenance with {@code parameters} among its keys, in sorted order. */
  private ObjectNode withParameters(JsonNode parameters) {
    ObjectNode provenance = JSON.objectNode();
    merged
        .provenance()
        .properties()
        .iterator()
        .forEachRemaining(
            e -> {
              if (!provenance.has(PARAMETERS) && e.getKey().compareTo(PARAMETERS) > 0) {
                provenance.set(PARAMETERS, parameters);
              }
              provenance.set(e.getKey(), e.getValue());
            });
    if (!provenance.has(PARAMETERS)) {
      provenance.set(PARAMETERS, parameters);
    }
    return provenance;
  }

  /**
   * The canonical text of a tree in which the values at some paths (the holes) change: the text
   * between them, written once, and the order in which the holes appear in it. Filling in each
   * hole's text gives exactly the canonical text of the tree with those values.
   */
  static final class TextWithHoles {
    private static final String MARK = "\uE000edgefleet-hole-";
    private static final String END = "\uE000";
    private static final int UTF8_BUFFER = 512;

    private final String[] segments;
    private final byte[][] segmentBytes;
    private final int[] order;
    private final int length;
    private final MessageDigest afterFirst;

    private TextWithHoles(String[] segments, int[] order) {
      this.segments = segments;
      this.order = order;
      this.length = Arrays.stream(segments).mapToInt(String::length).sum();
      this.segmentBytes = new byte[segments.length][];
      for (int i = 0; i < segments.length; i++) {
        segmentBytes[i] = segments[i].getBytes(StandardCharsets.UTF_8);
      }
      this.afterFirst = ContentHash.digest();
      afterFirst.update(segmentBytes[0]);
    }

    /**
     * The content hash of the text with {@code holes} put in, from the UTF-8 bytes of the pieces
     * (the segments end at ASCII quotes, so no character is split), with the digest of the first
     * segment taken once.
     */
    String hash(Holes holes) {
      MessageDigest digest;
      try {
        digest = (MessageDigest) afterFirst.clone();
      } catch (CloneNotSupportedException e) {
        digest = ContentHash.digest();
        digest.update(segmentBytes[0]);
      }
      byte[] buffer = new byte[UTF8_BUFFER];
      int[] bounds = holes.bounds();
      for (int k = 0; k < order.length; k++) {
        int hole = order[k];
        Utf8.update(digest, holes.text(), bounds[2 * hole], bounds[2 * hole + 1], buffer);
        digest.update(segmentBytes[k + 1]);
      }
      return ContentHash.fromDigest(digest.digest());
    }

    /**
     * The text of {@code tree} with holes at {@code paths}, or null when its text already holds the
     * mark (then callers write the whole tree).
     *
     * @param sorted whether {@code tree} lists its keys in sorted order already
     */
    static TextWithHoles of(ObjectNode tree, List<List<Object>> paths, boolean sorted) {
      PathCopy marked = new PathCopy(tree);
      for (int i = 0; i < paths.size(); i++) {
        marked.set(paths.get(i), JSON.textNode(MARK + i + END));
      }
      String text =
          sorted ? CanonicalJson.writeSorted(marked.root()) : CanonicalJson.write(marked.root());
      // one mark per hole, and none in the text around them (the mark cannot be escaped: it holds
      // no character JSON escapes)
      int marks = 0;
      for (int at = text.indexOf(MARK); at >= 0; at = text.indexOf(MARK, at + MARK.length())) {
        marks++;
      }
      if (marks != paths.size()) {
        return null;
      }
      List<String> segments = new ArrayList<>();
      int[] order = new int[paths.size()];
      int from = 0;
      for (int k = 0; k < paths.size(); k++) {
        int start = text.indexOf("\"" + MARK, from);
        int end = text.indexOf(END + "\"", start);
        if (start < 0 || end < 0) {
          return null;
        }
        segments.add(text.substring(from, start));
        order[k] = Integer.parseInt(text.substring(start + 1 + MARK.length(), end));
        from = end + END.length() + 1;
      }
      segments.add(text.substring(from));
      return new TextWithHoles(segments.toArray(String[]::new), order);
    }

    /** The text with {@code holes[i]} (the text of hole {@code i}) put in. */
    String fill(String[] holes) {
      int size = length;
      for (String hole : holes) {
        size += hole.length();
      }
      StringBuilder text = new StringBuilder(size);
      for (int k = 0; k < order.length; k++) {
        text.append(segments[k]).append(holes[order[k]]);
      }
      return text.append(segments[order.length]).toString();
    }
  }

  /** One site filled in with the values from {@code first} on, as a node. */
  private static JsonNode render(Site site, JsonNode[] values, int first) {
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
      List<Object> escaped = new ArrayList<>(template.parts().size());
      for (Object part : template.parts()) {
        escaped.add(
            part instanceof String literal
                ? CanonicalJson.appendEscaped(new StringBuilder(), literal).toString()
                : part);
      }
      sites.add(
          new Site(
              deployment,
              field,
              template,
              template.placeholders(),
              typed,
              path,
              List.copyOf(escaped)));
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

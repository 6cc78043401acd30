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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private static final Object NONE = new Object();
  private static final List<Object> MODULES =
      List.of("modulesContent", "$edgeAgent", "properties.desired", "modules");

  /**
   * A string of the configuration that holds placeholders or escapes.
   *
   * @param path where the result goes: in the manifest, or inside a module's createOptions
   * @param typed a module twin value that is exactly one placeholder: it takes the value's type
   * @param escaped the template's parts with its literal text as written between JSON quotes
   * @param utf8 the same with the literal text as UTF-8 bytes, or null when it holds a surrogate
   *     (whose bytes depend on the characters next to it)
   */
  private record Site(
      String deployment,
      String field,
      Template template,
      List<Placeholder> placeholders,
      boolean typed,
      List<Object> path,
      List<Object> escaped,
      Object[] utf8) {}

  /** A module's createOptions with placeholders: written as a string of JSON after filling in. */
  private record Options(List<Object> path, ObjectNode options, List<Site> sites) {}

  private final ResolvedConfiguration merged;
  private final ObjectNode sortedManifest;
  private final List<Site> sites;
  private final List<Options> options;
  // the paths of the manifest's holes: the sites, then each createOptions
  private final List<List<Object>> holes;
  // how each device's desired version is hashed, made once (null: from the whole text)
  private final PartsHash partsHash;
  // the canonical text around what changes per device, written when a device's text is first
  // asked for (null until then; NONE when it is written whole)
  private volatile Object manifestText;
  private final List<TextWithHoles> optionsTexts;
  private final List<Site> all;
  // the index in the values of each hole's first placeholder: the sites, then each createOptions
  private final int[] firstValue;
  private final int placeholders;
  // every placeholder in the order of the values, with its site: read per device, so kept in
  // arrays rather than reached through each site's list
  private final Placeholder[] placeholderAt;
  private final Site[] siteAt;
  // the first index whose placeholder reads the same value (itself if none before): each value
  // is read from the device once
  private final int[] readAt;
  private final boolean shared;
  private final TextWithHoles.HoleText holeWriter = this::writeHole;
  private final Map<List<JsonNode>, ResolvedConfiguration> results = new ConcurrentHashMap<>();

  private ParameterPlan(ResolvedConfiguration merged, List<Site> sites, List<Options> options) {
    this.merged = merged;
    // the merger's trees list their keys in sorted order, so a device's copy is canonical without
    // sorting it again
    this.sortedManifest = merged.manifest();
    this.sites = sites;
    this.options = options;
    List<List<Object>> paths = new ArrayList<>();
    sites.forEach(site -> paths.add(site.path()));
    options.forEach(o -> paths.add(o.path()));
    this.holes = List.copyOf(paths);
    this.partsHash = PartsHash.of(sortedManifest, holes);
    List<TextWithHoles> texts = new ArrayList<>();
    for (Options o : options) {
      texts.add(TextWithHoles.of(o.options(), o.sites().stream().map(Site::path).toList(), false));
    }
    this.optionsTexts = texts;
    List<Site> flat = new ArrayList<>(sites);
    options.forEach(o -> flat.addAll(o.sites()));
    this.all = List.copyOf(flat);
    this.placeholders = all.stream().mapToInt(s -> s.placeholders().size()).sum();
    this.placeholderAt = new Placeholder[placeholders];
    this.siteAt = new Site[placeholders];
    this.readAt = new int[placeholders];
    Map<Placeholder, Integer> firstRead = new HashMap<>();
    int at = 0;
    for (Site site : all) {
      for (Placeholder placeholder : site.placeholders()) {
        placeholderAt[at] = placeholder;
        siteAt[at] = site;
        Integer first = firstRead.putIfAbsent(placeholder, at);
        readAt[at] = first == null ? at : first;
        at++;
      }
    }
    this.firstValue = new int[sites.size() + options.size()];
    int next = 0;
    for (int s = 0; s < sites.size(); s++) {
      firstValue[s] = next;
      next += sites.get(s).placeholders().size();
    }
    for (int o = 0; o < options.size(); o++) {
      firstValue[sites.size() + o] = next;
      next += options.get(o).sites().stream().mapToInt(site -> site.placeholders().size()).sum();
    }
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
    for (int k = 0; k < values.length; k++) {
      Placeholder placeholder = placeholderAt[k];
      int read = readAt[k];
      JsonNode value = read < k ? values[read] : ParameterValues.read(placeholder, device);
      Site site = siteAt[k];
      String problem = problem(placeholder, value, site.typed());
      if (problem != null) {
        if (errors == null) {
          errors = new ArrayList<>();
        }
        errors.add(
            new ParameterError(site.deployment(), site.field(), placeholder.toString(), problem));
      }
      values[k] = value;
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
   * A device's configuration. Its desired version is the parts hash of its manifest ({@link
   * PartsHash}): the parts with placeholders are hashed from the text written once around the
   * filled-in values and their texts (the same bytes as the whole tree's canonical text, without
   * walking or writing it for every device), the others were hashed once for every device; the
   * manifest and provenance trees and texts, and the list of parameters used, are made only when
   * asked for (writing the device's ConfigMap, showing it).
   */
  private ResolvedConfiguration build(JsonNode[] values) {
    ResolvedConfiguration.Content content;
    if (partsHash == null) {
      List<ParameterUse> uses = uses(values);
      ObjectNode manifest = manifestTree(filled(values));
      ObjectNode provenance = withParameters(used(uses));
      String manifestJson = CanonicalJson.writeSorted(manifest);
      content =
          new ResolvedConfiguration.Made(
              manifest,
              manifestJson,
              ContentHash.ofParts(manifestJson),
              provenance,
              CanonicalJson.writeSorted(provenance),
              uses);
    } else {
      content = new Filled(values, partsHash.hash(values, holeWriter));
    }
    return merged.withContent(content);
  }

  /** The manifest's text around the holes, or null when devices' texts are written whole. */
  private TextWithHoles manifestText() {
    Object text = manifestText;
    if (text == null) {
      TextWithHoles cut = TextWithHoles.of(sortedManifest, holes, true);
      text = cut == null ? NONE : cut;
      manifestText = text;
    }
    return text == NONE ? null : (TextWithHoles) text;
  }

  /**
   * A device's values and the desired version they give: everything else is made from them when
   * asked for (one small object per device while a fleet is decided).
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
      TextWithHoles text = manifestText();
      if (text == null) {
        return CanonicalJson.writeSorted(manifest());
      }
      String[] filled = new String[sites.size() + options.size()];
      for (int hole = 0; hole < filled.length; hole++) {
        filled[hole] = appendHole(new StringBuilder(), hole, values).toString();
      }
      return text.fill(filled);
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
   * Writes the UTF-8 bytes of the canonical text of the manifest's hole {@code hole} filled in with
   * {@code values}: a site's straight from the values, anything else (or text with a surrogate)
   * through {@code chars}.
   */
  private void writeHole(int hole, JsonNode[] values, Utf8Buffer text, StringBuilder chars) {
    if (hole < sites.size()) {
      int start = text.length();
      if (writeSite(sites.get(hole), values, firstValue[hole], text)) {
        return;
      }
      text.setLength(start);
    }
    chars.setLength(0);
    appendHole(chars, hole, values);
    text.append(chars, 0, chars.length());
  }

  /**
   * Writes a site's canonical text as UTF-8, or returns false (having written part of it) when a
   * value is not text or holds a surrogate, or the site's literal text does.
   */
  private static boolean writeSite(Site site, JsonNode[] values, int first, Utf8Buffer text) {
    if (site.typed()) {
      JsonNode value = values[first];
      if (!value.isTextual() || !text.append('"').appendEscaped(value.textValue())) {
        return false;
      }
      text.append('"');
      return true;
    }
    Object[] parts = site.utf8();
    if (parts == null) {
      return false;
    }
    text.append('"');
    int k = first;
    for (Object part : parts) {
      if (part instanceof byte[] literal) {
        text.append(literal, 0, literal.length);
      } else if (!text.appendEscaped(ParameterValues.text(values[k++]))) {
        return false;
      }
    }
    text.append('"');
    return true;
  }

  /**
   * Appends the canonical text of the manifest's hole {@code hole} (a site, or after the sites a
   * module's createOptions string) filled in with {@code values}, written straight from the values
   * without making their nodes.
   */
  private StringBuilder appendHole(StringBuilder text, int hole, JsonNode[] values) {
    if (hole < sites.size()) {
      return appendSite(text, sites.get(hole), values, firstValue[hole]);
    }
    String json = optionsJson(hole - sites.size(), values);
    return CanonicalJson.appendEscaped(text.append('"'), json).append('"');
  }

  /** Module createOptions {@code o} filled in with {@code values}: the JSON its string holds. */
  private String optionsJson(int o, JsonNode[] values) {
    Options createOptions = options.get(o);
    String[] inner = new String[createOptions.sites().size()];
    int next = firstValue[sites.size() + o];
    for (int i = 0; i < inner.length; i++) {
      Site site = createOptions.sites().get(i);
      inner[i] = appendSite(new StringBuilder(), site, values, next).toString();
      next += site.placeholders().size();
    }
    TextWithHoles optionsText = optionsTexts.get(o);
    return optionsText != null
        ? optionsText.fill(inner)
        : CanonicalJson.write(
            optionsTree(o, renderInner(createOptions, values, firstValue[sites.size() + o])));
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
    for (int s = 0; s < sites.size(); s++) {
      filled[s] = render(sites.get(s), values, firstValue[s]);
    }
    for (int o = 0; o < options.size(); o++) {
      filled[sites.size() + o] = JSON.textNode(optionsJson(o, values));
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
   * The sites of one custom module of one deployment: the same in every merge the deployment
   * supplies the module to, so found once per deployment ({@link PreparedDeployment#moduleSites}).
   */
  static final class ModuleSites {
    private final List<Site> sites;
    private final List<Options> options;

    private ModuleSites(List<Site> sites, List<Options> options) {
      this.sites = List.copyOf(sites);
      this.options = List.copyOf(options);
    }

    /** The strings of module {@code name} of {@code deployment} that hold placeholders. */
    static ModuleSites of(String name, EdgeModule module, String deployment) {
      Builder builder = new Builder();
      builder.module(name, module, deployment);
      return new ModuleSites(builder.sites, builder.options);
    }
  }

  /** Collects the sites of one merge; see {@link ConfigurationMerger}. */
  static final class Builder {
    private final List<Site> sites = new ArrayList<>();
    private final List<Options> options = new ArrayList<>();

    /** The sites of a custom module, found once for the deployment that supplies it. */
    void module(ModuleSites module) {
      sites.addAll(module.sites);
      options.addAll(module.options);
    }

    /** The strings of a custom module supplied by {@code deployment}. */
    private void module(String name, EdgeModule module, String deployment) {
      List<Object> at = new ArrayList<>(MODULES);
      at.add(name);
      String field = "spec.modules." + name;
      // the field's name and path are made only for a string that holds a placeholder or escape
      if (Template.applies(module.getImage())) {
        add(
            deployment,
            field + ".image",
            module.getImage(),
            false,
            append(at, "settings", "image"));
      }
      if (module.getEnv() != null) {
        new TreeMap<>(module.getEnv())
            .forEach(
                (env, value) -> {
                  if (Template.applies(value)) {
                    add(
                        deployment,
                        field + ".env." + env,
                        value,
                        false,
                        append(at, "env", env, "value"));
                  }
                });
      }
      if (module.getCreateOptions() != null
          && module.getCreateOptions().values().stream().anyMatch(Builder::holdsTemplate)) {
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

    /** Whether a string in {@code node} holds a placeholder or escape. */
    private static boolean holdsTemplate(JsonNode node) {
      if (node == null) {
        return false;
      }
      if (node.isTextual()) {
        return Template.applies(node.textValue());
      }
      if (node.isContainerNode()) {
        for (JsonNode child : node) {
          if (holdsTemplate(child)) {
            return true;
          }
        }
      }
      return false;
    }

    /**
     * Adds the strings of {@code node} that hold placeholders or escapes; the names and paths of
     * the fields on the way are made only down to those.
     */
    private void walk(
        String deployment,
        String field,
        JsonNode node,
        List<Object> path,
        boolean twin,
        TwinSuppliers suppliers) {
      if (!holdsTemplate(node)) {
        return;
      }
      if (node.isTextual()) {
        add(twin ? suppliers.supplier() : deployment, field, node.textValue(), twin, path);
      } else if (node.isObject()) {
        node.properties()
            .iterator()
            .forEachRemaining(
                e -> {
                  if (holdsTemplate(e.getValue())) {
                    walk(
                        deployment,
                        field + "." + e.getKey(),
                        e.getValue(),
                        append(path, e.getKey()),
                        twin,
                        suppliers == null ? null : suppliers.child(e.getKey()));
                  }
                });
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          if (!holdsTemplate(node.get(i))) {
            continue;
          }
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
      Object[] utf8 = new Object[template.parts().size()];
      for (Object part : template.parts()) {
        if (part instanceof String literal) {
          String inQuotes = CanonicalJson.appendEscaped(new StringBuilder(), literal).toString();
          if (utf8 != null) {
            utf8[escaped.size()] = inQuotes.getBytes(StandardCharsets.UTF_8);
          }
          if (inQuotes.chars().anyMatch(c -> Character.isSurrogate((char) c))) {
            utf8 = null;
          }
          escaped.add(inQuotes);
        } else {
          if (utf8 != null) {
            utf8[escaped.size()] = part;
          }
          escaped.add(part);
        }
      }
      sites.add(
          new Site(
              deployment,
              field,
              template,
              template.placeholders(),
              typed,
              path,
              List.copyOf(escaped),
              utf8));
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

package io.edgefleet.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.NullValue;
import com.google.protobuf.Timestamp;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CEL for {@code x-kubernetes-validations}: the CEL type the API server derives from a schema node
 * (objects as types with one field per typed property, maps, lists, scalars), compilation of rules
 * against it, and conversion of JSON values to the runtime values the rules see.
 *
 * <p>Follows the API server's rules: nodes without a type (other than int-or-string) are not
 * visible to CEL, and neither is a map or list whose values are not; the root of a resource (and of
 * an embedded resource) always has {@code apiVersion}, {@code kind}, {@code metadata.name} and
 * {@code metadata.generateName}.
 */
final class CelSupport {

  static final String SELF = "self";
  static final String OLD_SELF = "oldSelf";

  private static final CelOptions OPTIONS =
      CelOptions.current().enableHeterogeneousNumericComparisons(true).build();

  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder()
          .setOptions(OPTIONS)
          .addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS))
          .addLibraries(CelOptionalLibrary.INSTANCE)
          .build();

  private static final Set<String> RESERVED =
      Set.of(
          "true",
          "false",
          "null",
          "in",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");

  private static final Pattern ESCAPABLE = Pattern.compile("^[a-zA-Z_.\\-/][a-zA-Z0-9_.\\-/]*$");

  /** All object types declared for one CRD version, so the checker can resolve field types. */
  private final Map<String, CelType> structs = new HashMap<>();

  // CEL wants an immutable provider; this one reads `structs`, which is filled while the schema's
  // types are declared and only read once checking starts
  @SuppressWarnings("Immutable")
  private final CelTypeProvider provider =
      new CelTypeProvider() {
        @Override
        public ImmutableCollection<CelType> types() {
          return ImmutableList.copyOf(structs.values());
        }

        @Override
        public Optional<CelType> findType(String typeName) {
          return Optional.ofNullable(structs.get(typeName));
        }
      };

  /** The provider of the object types declared so far (for compilers other than the rules'). */
  CelTypeProvider typeProvider() {
    return provider;
  }

  /** A rule compiled at its schema node. */
  record CompiledRule(
      Schema.Rule rule, CelRuntime.Program program, CelRuntime.Program message, boolean oldSelf) {}

  /** The outcome of compiling one rule: the rule, or why it does not compile. */
  record Compilation(CompiledRule compiled, String error) {}

  /**
   * The CEL type of a schema node, or null when the API server does not expose it to CEL. {@code
   * name} is a unique, path-like name for object types.
   */
  CelType declType(Schema s, boolean resourceRoot, String name) {
    if (s == null) {
      return null;
    }
    if (s.intOrString) {
      return SimpleType.DYN;
    }
    String type = s.type == null ? "" : s.type;
    switch (type) {
      case "array":
        if (s.items == null) {
          return null;
        }
        CelType elem = declType(s.items, s.items.embeddedResource, name + ".@idx");
        return elem == null ? null : ListType.create(elem);
      case "object":
        if (s.additionalProperties != null) {
          CelType value =
              declType(
                  s.additionalProperties, s.additionalProperties.embeddedResource, name + ".@elem");
          return value == null ? null : MapType.create(SimpleType.STRING, value);
        }
        Map<String, CelType> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Schema> p : s.properties.entrySet()) {
          CelType t =
              declType(p.getValue(), p.getValue().embeddedResource, name + "." + p.getKey());
          String escaped = escape(p.getKey());
          if (t != null && escaped != null) {
            fields.put(escaped, t);
          }
        }
        if (resourceRoot) {
          fields.putIfAbsent("apiVersion", SimpleType.STRING);
          fields.putIfAbsent("kind", SimpleType.STRING);
          if (!(fields.get("metadata") instanceof StructType)) {
            fields.put("metadata", metadataType(name + ".metadata"));
          }
        }
        ImmutableMap<String, CelType> declared = ImmutableMap.copyOf(fields);
        StructType struct =
            StructType.create(name, declared.keySet(), f -> Optional.ofNullable(declared.get(f)));
        structs.put(name, struct);
        return struct;
      case "string":
        if (s.format != null) {
          switch (s.format) {
            case "byte":
              return SimpleType.BYTES;
            case "duration":
              return SimpleType.DURATION;
            case "date":
            case "date-time":
              return SimpleType.TIMESTAMP;
            default:
              break;
          }
        }
        return SimpleType.STRING;
      case "boolean":
        return SimpleType.BOOL;
      case "number":
        return SimpleType.DOUBLE;
      case "integer":
        return SimpleType.INT;
      default:
        if (resourceRoot) {
          // an untyped root: the API server still exposes apiVersion, kind and metadata
          return declType(withObjectType(s), true, name);
        }
        return null;
    }
  }

  private static Schema withObjectType(Schema s) {
    ObjectNode copy = ((ObjectNode) s.raw).deepCopy();
    copy.put("type", "object");
    return Schema.of(copy);
  }

  private StructType metadataType(String name) {
    ImmutableMap<String, CelType> fields =
        ImmutableMap.of("name", SimpleType.STRING, "generateName", SimpleType.STRING);
    StructType t =
        StructType.create(name, fields.keySet(), f -> Optional.ofNullable(fields.get(f)));
    structs.put(name, t);
    return t;
  }

  /**
   * The CEL name of a property, by the API server's escaping rules, or null when the property
   * cannot be accessed from CEL.
   */
  static String escape(String property) {
    if (RESERVED.contains(property)) {
      return "__" + property + "__";
    }
    if (!ESCAPABLE.matcher(property).matches()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < property.length()) {
      char c = property.charAt(i);
      if (c == '_' && i + 1 < property.length() && property.charAt(i + 1) == '_') {
        b.append("__underscores__");
        i += 2;
        continue;
      }
      switch (c) {
        case '.' -> b.append("__dot__");
        case '-' -> b.append("__dash__");
        case '/' -> b.append("__slash__");
        default -> b.append(c);
      }
      i++;
    }
    return b.toString();
  }

  /** Compiles the rules of one node whose CEL type is {@code selfType}. */
  List<Compilation> compile(List<Schema.Rule> rules, CelType selfType) {
    CelCompiler compiler =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS))
            .addLibraries(CelOptionalLibrary.INSTANCE)
            .setTypeProvider(provider)
            .addVar(SELF, selfType)
            .addVar(OLD_SELF, selfType)
            .build();
    List<Compilation> out = new ArrayList<>();
    for (Schema.Rule rule : rules) {
      out.add(compile(compiler, rule));
    }
    return out;
  }

  private static Compilation compile(CelCompiler compiler, Schema.Rule rule) {
    CelAbstractSyntaxTree ast;
    try {
      ast = compiler.compile(rule.rule()).getAst();
    } catch (CelValidationException e) {
      return new Compilation(null, "compilation failed: " + e.getMessage());
    }
    if (!SimpleType.BOOL.equals(ast.getResultType())) {
      return new Compilation(
          null, "cel expression must evaluate to a bool, found " + ast.getResultType().name());
    }
    boolean oldSelf = references(ast, OLD_SELF);
    if (!oldSelf && rule.optionalOldSelf() != null) {
      return new Compilation(null, "optionalOldSelf may not be set if oldSelf is not used in rule");
    }
    CelRuntime.Program message = null;
    if (rule.messageExpression() != null && !rule.messageExpression().isBlank()) {
      try {
        CelAbstractSyntaxTree m = compiler.compile(rule.messageExpression()).getAst();
        if (!SimpleType.STRING.equals(m.getResultType())) {
          return new Compilation(
              null,
              "messageExpression must evaluate to a string, found " + m.getResultType().name());
        }
        message = RUNTIME.createProgram(m);
      } catch (dev.cel.common.CelException e) {
        return new Compilation(null, "messageExpression compilation failed: " + e.getMessage());
      }
    }
    try {
      return new Compilation(
          new CompiledRule(rule, RUNTIME.createProgram(ast), message, oldSelf), null);
    } catch (dev.cel.common.CelException e) {
      return new Compilation(null, "program creation failed: " + e.getMessage());
    }
  }

  private static boolean references(CelAbstractSyntaxTree ast, String ident) {
    return CelNavigableAst.fromAst(ast)
        .getRoot()
        .allNodes()
        .anyMatch(
            n ->
                n.expr().getKind() == CelExpr.ExprKind.Kind.IDENT
                    && n.expr().ident().name().equals(ident));
  }

  /** Evaluates a compiled rule; returns the error message of a runtime failure, or the result. */
  static Object evaluate(CelRuntime.Program program, Map<String, Object> activation)
      throws CelEvaluationException {
    return program.eval(activation);
  }

  /** Rewrites cel-java's runtime error texts into cel-go's, as the API server prints them. */
  static String goStyleError(CelEvaluationException e) {
    String m = e.getMessage() == null ? "evaluation error" : e.getMessage();
    int at = m.indexOf(": ");
    if (m.startsWith("evaluation error at ") && at > 0) {
      m = m.substring(at + 2);
    }
    Matcher key = Pattern.compile("key '(.*)' is not present in map\\.?").matcher(m);
    if (key.matches()) {
      return "no such key: " + key.group(1);
    }
    if (m.startsWith("Index out of bounds: ")) {
      return "index out of bounds: " + m.substring("Index out of bounds: ".length());
    }
    if (m.equals("/ by zero")) {
      return "division by zero";
    }
    return m;
  }

  /**
   * The runtime value of a JSON node of the given schema: objects as maps keyed by CEL field names,
   * maps, lists, and scalars by the schema's type and format. Returns null for values CEL cannot
   * see.
   */
  static Object toCel(JsonNode v, Schema s, boolean resourceRoot) {
    if (v == null || v.isMissingNode()) {
      return null;
    }
    if (v.isNull()) {
      return NullValue.NULL_VALUE;
    }
    if (s == null) {
      return null;
    }
    if (s.intOrString) {
      return v.isIntegralNumber() ? (Object) v.longValue() : v.asText();
    }
    String type = s.type == null ? (resourceRoot ? "object" : "") : s.type;
    switch (type) {
      case "object":
        if (!v.isObject()) {
          return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (s.additionalProperties != null) {
          v.properties()
              .iterator()
              .forEachRemaining(
                  e -> {
                    Object o =
                        toCel(
                            e.getValue(),
                            s.additionalProperties,
                            s.additionalProperties.embeddedResource);
                    if (o != null) {
                      m.put(e.getKey(), o);
                    }
                  });
          return m;
        }
        v.properties()
            .iterator()
            .forEachRemaining(
                e -> {
                  Schema p = s.properties.get(e.getKey());
                  String name = escape(e.getKey());
                  if (p != null && name != null) {
                    Object o = toCel(e.getValue(), p, p.embeddedResource);
                    if (o != null) {
                      m.put(name, o);
                    }
                  }
                });
        if (resourceRoot) {
          putText(m, "apiVersion", v.get("apiVersion"));
          putText(m, "kind", v.get("kind"));
          if (!(s.properties.get("metadata") != null && s.properties.get("metadata").isObject())) {
            Map<String, Object> meta = new LinkedHashMap<>();
            JsonNode md = v.path("metadata");
            putText(meta, "name", md.get("name"));
            putText(meta, "generateName", md.get("generateName"));
            m.put("metadata", meta);
          }
        }
        return m;
      case "array":
        if (!v.isArray() || s.items == null) {
          return null;
        }
        List<Object> list = new ArrayList<>(v.size());
        for (JsonNode item : v) {
          Object o = toCel(item, s.items, s.items.embeddedResource);
          list.add(o == null ? NullValue.NULL_VALUE : o);
        }
        return list;
      case "string":
        return stringValue(v.asText(), s.format);
      case "integer":
        return v.isNumber() ? v.longValue() : null;
      case "number":
        return v.isNumber() ? v.doubleValue() : null;
      case "boolean":
        return v.isBoolean() ? v.booleanValue() : null;
      default:
        return null;
    }
  }

  private static void putText(Map<String, Object> m, String key, JsonNode v) {
    if (v != null && v.isTextual()) {
      m.put(key, v.textValue());
    }
  }

  private static Object stringValue(String text, String format) {
    if (format == null) {
      return text;
    }
    try {
      switch (format) {
        case "byte":
          return ByteString.copyFrom(Base64.getDecoder().decode(text));
        case "date-time":
          {
            Instant i = OffsetDateTime.parse(text).toInstant();
            return Timestamp.newBuilder()
                .setSeconds(i.getEpochSecond())
                .setNanos(i.getNano())
                .build();
          }
        case "date":
          {
            Instant i = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).build();
          }
        case "duration":
          {
            java.time.Duration d = GoDuration.parse(text);
            return Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
          }
        default:
          return text;
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return text;
    }
  }
}

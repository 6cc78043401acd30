package io.edgefleet.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.NullValue;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CEL of a {@code ValidatingAdmissionPolicy} on a custom resource, offline: expressions are
 * compiled with {@code object} and {@code oldObject} typed by the CRD's schema (as the API server's
 * type checker sees them, so a misspelt field is a compile error) and {@code request} as a map, and
 * evaluated on JSON objects.
 */
public final class AdmissionPolicyCel {

  private static final CelOptions OPTIONS =
      CelOptions.current().enableHeterogeneousNumericComparisons(true).build();

  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder()
          .setOptions(OPTIONS)
          .addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS))
          .addLibraries(CelOptionalLibrary.INSTANCE)
          .build();

  private final CelCompiler compiler;

  private AdmissionPolicyCel(Schema root) {
    CelSupport cel = new CelSupport();
    // type names must not read as the variables (a type "object.spec" would shadow object.spec)
    CelType objectType = cel.declType(root, true, "admission_policy_object");
    this.compiler =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS))
            .addLibraries(CelOptionalLibrary.INSTANCE)
            .setTypeProvider(cel.typeProvider())
            .addVar("object", objectType)
            .addVar("oldObject", objectType)
            .addVar("request", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();
  }

  /** For the first version of {@code crd} (an {@code apiextensions.k8s.io/v1} CRD). */
  public static AdmissionPolicyCel forCrd(JsonNode crd) {
    JsonNode schema =
        crd.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
    if (!schema.isObject()) {
      throw new IllegalArgumentException("the CRD has no openAPIV3Schema in its first version");
    }
    return new AdmissionPolicyCel(Schema.of(schema));
  }

  /** A compiled boolean expression. */
  public static final class Expression {
    private final String text;
    private final CelRuntime.Program program;

    private Expression(String text, CelRuntime.Program program) {
      this.text = text;
      this.program = program;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * Compiles a boolean expression.
   *
   * @throws IllegalArgumentException when it does not compile or is not a bool
   */
  public Expression compile(String expression) {
    try {
      CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
      if (!SimpleType.BOOL.equals(ast.getResultType())) {
        throw new IllegalArgumentException(
            "expression must evaluate to a bool, found " + ast.getResultType().name());
      }
      return new Expression(expression, RUNTIME.createProgram(ast));
    } catch (CelValidationException e) {
      throw new IllegalArgumentException("compilation failed: " + e.getMessage(), e);
    } catch (dev.cel.common.CelException e) {
      throw new IllegalArgumentException("program creation failed: " + e.getMessage(), e);
    }
  }

  /**
   * Evaluates {@code expression}. An evaluation error counts as false (the API server's default
   * {@code failurePolicy: Fail} refuses the request).
   *
   * @param object the object after the change (null for a delete)
   * @param oldObject the object before the change (null for a create)
   * @param request the admission request ({@code userInfo}, {@code operation}, ...)
   */
  public boolean test(
      Expression expression, JsonNode object, JsonNode oldObject, JsonNode request) {
    Map<String, Object> activation = new HashMap<>();
    activation.put("object", value(object));
    activation.put("oldObject", value(oldObject));
    activation.put("request", dyn(request));
    try {
      return Boolean.TRUE.equals(expression.program.eval(activation));
    } catch (CelEvaluationException e) {
      return false;
    }
  }

  /**
   * The value a policy sees: the whole object, as the API server evaluates policies on unstructured
   * objects (fields the schema leaves untyped, such as tags, are visible too).
   */
  private static Object value(JsonNode object) {
    return dyn(object);
  }

  private static Object dyn(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), dyn(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(dyn(item)));
      return list;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }
}

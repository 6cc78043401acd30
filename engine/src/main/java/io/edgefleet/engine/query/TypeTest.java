package io.edgefleet.engine.query;

import com.fasterxml.jackson.databind.JsonNode;

/** IS_DEFINED, IS_NULL, IS_STRING, ...: always TRUE or FALSE, never UNDEFINED. */
final class TypeTest<C> implements Evaluator<C> {
  private final Source<C> source;
  private final QueryFunction function;

  TypeTest(Source<C> source, QueryFunction function) {
    this.source = source;
    this.function = function;
  }

  @Override
  public Truth test(C context) {
    if (source.textOnly()) {
      boolean defined = source.text(context) != null;
      return Truth.of(
          defined
              && (function == QueryFunction.IS_DEFINED
                  || function == QueryFunction.IS_STRING
                  || function == QueryFunction.IS_PRIMITIVE));
    }
    return Truth.of(holds(source.node(context)));
  }

  private boolean holds(JsonNode value) {
    if (value == null) {
      return false;
    }
    return switch (function) {
      case IS_DEFINED -> true;
      case IS_NULL -> value.isNull();
      case IS_STRING -> value.isTextual();
      case IS_NUMBER -> value.isNumber();
      case IS_BOOL -> value.isBoolean();
      case IS_OBJECT -> value.isObject();
      case IS_ARRAY -> value.isArray();
      case IS_PRIMITIVE ->
          value.isTextual() || value.isNumber() || value.isBoolean() || value.isNull();
      default -> false;
    };
  }
}

package io.edgefleet.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Static reported properties given on the command line ({@code --reported devicemodel=4000x}), so
 * that target conditions over {@code properties.reported.*} work end to end. A dotted key nests
 * ({@code location.building=20} gives {@code {location: {building: 20}}}); values that read as a
 * number, {@code true} or {@code false} become that type, anything else a string.
 */
public final class ReportedProperties {

  /** Top-level keys the agent writes itself. */
  public static final Set<String> RESERVED =
      Set.of("lastDesiredVersion", "lastDesiredStatus", "modules", "systemModules");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*");
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

  private ReportedProperties() {}

  /**
   * Parses {@code key=value} pairs into an object.
   *
   * @throws IllegalArgumentException for a pair without '=', a bad key or a reserved key
   */
  public static ObjectNode parse(Collection<String> pairs) {
    ObjectNode result = JSON.objectNode();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "reported property '" + pair + "' must be key=value, e.g. devicemodel=4000x");
      }
      put(result, pair.substring(0, eq).trim(), value(pair.substring(eq + 1).trim()));
    }
    return result;
  }

  /**
   * Sets {@code value} at a dotted {@code key} of the reported properties.
   *
   * @throws IllegalArgumentException for a bad key or one the agent writes itself
   */
  public static void put(ObjectNode target, String key, JsonNode value) {
    String first = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
    if (RESERVED.contains(first)) {
      throw new IllegalArgumentException(
          "reported property " + first + " is written by the agent itself");
    }
    nest(target, key, value);
  }

  /**
   * Sets {@code value} at a dotted {@code key} ({@code a.b} is {@code {a: {b: value}}}).
   *
   * @throws IllegalArgumentException for a bad key
   */
  public static void nest(ObjectNode target, String key, JsonNode value) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "key '" + key + "' must be names (letters, digits, _ $ -) separated by dots");
    }
    String[] path = key.split("\\.");
    ObjectNode parent = target;
    for (int i = 0; i < path.length - 1; i++) {
      JsonNode child = parent.get(path[i]);
      if (!(child instanceof ObjectNode)) {
        child = parent.putObject(path[i]);
      }
      parent = (ObjectNode) child;
    }
    parent.set(path[path.length - 1], value);
  }

  /** A command-line value as JSON: a number, a boolean, or a string. */
  public static JsonNode value(String text) {
    if (text.equals("true") || text.equals("false")) {
      return JSON.booleanNode(Boolean.parseBoolean(text));
    }
    if (NUMBER.matcher(text).matches()) {
      BigDecimal number = new BigDecimal(text);
      if (number.scale() <= 0 && !text.contains("e") && !text.contains("E")) {
        try {
          return JSON.numberNode(number.longValueExact());
        } catch (ArithmeticException e) {
          return JSON.numberNode(number.toBigIntegerExact());
        }
      }
      return JSON.numberNode(number);
    }
    return JSON.textNode(text);
  }
}

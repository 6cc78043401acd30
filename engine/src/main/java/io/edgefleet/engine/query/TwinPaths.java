package io.edgefleet.engine.query;

import java.util.List;

/**
 * Paths of target conditions and metric queries: {@code deviceId}, {@code tags.*}, {@code
 * properties.reported.*} and {@code configurations.[[name]].status}. Roots are case-sensitive, as
 * twin keys are; a near miss gets a hint.
 */
final class TwinPaths implements PathRules {

  static final TwinPaths INSTANCE = new TwinPaths();

  private static final String ROOTS =
      "deviceId, tags.<name>, properties.reported.<name> or configurations.[[<deployment>]].status";

  private TwinPaths() {}

  @Override
  public Operand.Property resolve(Token name, String text) throws QueryException {
    List<String> segments = name.segments();
    int[] starts = name.segmentStarts();
    String root = segments.get(0);
    if (name.quotedHead()) {
      throw QueryException.problem(text, name.start(), "a path must start with " + ROOTS);
    }
    switch (root) {
      case "deviceId":
        if (segments.size() > 1) {
          throw QueryException.problem(text, starts[1] - 1, "deviceId has no sub-properties");
        }
        return new Operand.Property(Scope.DEVICE_ID, List.of());
      case "tags":
        return new Operand.Property(Scope.TAGS, segments.subList(1, segments.size()));
      case "properties":
        return reported(segments, starts, name, text);
      case "configurations":
        return configurationStatus(segments, starts, name, text);
      default:
        throw unknownRoot(root, name.start(), text);
    }
  }

  private static Operand.Property reported(
      List<String> segments, int[] starts, Token name, String text) throws QueryException {
    if (segments.size() < 2) {
      throw QueryException.expected(text, name.end(), "'.reported' after 'properties'");
    }
    String second = segments.get(1);
    if (second.equals("desired")) {
      throw QueryException.problem(
          text,
          starts[1],
          "properties.desired cannot be used here: target devices by tags or properties.reported");
    }
    if (!second.equals("reported")) {
      throw QueryException.expected(text, starts[1], "'reported' after 'properties.'");
    }
    return new Operand.Property(Scope.REPORTED, segments.subList(2, segments.size()));
  }

  private static Operand.Property configurationStatus(
      List<String> segments, int[] starts, Token name, String text) throws QueryException {
    if (segments.size() < 2) {
      throw QueryException.expected(
          text,
          name.end(),
          "a deployment name after 'configurations', as in configurations.[[name]].status");
    }
    if (segments.size() < 3) {
      throw QueryException.expected(text, name.end(), "'.status' after the deployment name");
    }
    if (!segments.get(2).equals("status") || segments.size() > 3) {
      int at = segments.get(2).equals("status") ? starts[3] - 1 : starts[2];
      throw QueryException.problem(
          text, at, "a configuration has only a status: configurations.[[name]].status");
    }
    return new Operand.Property(Scope.CONFIGURATION_STATUS, List.of(segments.get(1)));
  }

  private static QueryException unknownRoot(String root, int offset, String text) {
    String hint = "";
    for (String known : new String[] {"deviceId", "tags", "properties", "configurations"}) {
      if (known.equalsIgnoreCase(root)) {
        hint = " (names are case-sensitive: " + known + ")";
      }
    }
    if (hint.isEmpty() && root.startsWith("$")) {
      hint = " ($-names are only for route conditions)";
    }
    return QueryException.problem(
        text, offset, "unknown property '" + root + "'" + hint + "; use " + ROOTS);
  }
}

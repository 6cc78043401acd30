package io.edgefleet.engine.route;

import java.util.List;

/**
 * The FROM part of a route: one or more {@code /segment}, each {@code *} or a name, as edgeHub's
 * grammar allows. edgeHub routes every message whose source starts with this path (ignoring case
 * and a trailing {@code *}). The module and output are read from the shape {@code
 * /messages/modules/<module>[/outputs/<output>]}.
 *
 * @param text the path (white space between its tokens, which edgeHub allows, removed)
 * @param segments its segments
 */
record SourcePath(String text, List<String> segments) {

  /** The module named by {@code /messages/modules/<module>...}, or null. */
  String module() {
    return named(2) ? segments.get(2) : null;
  }

  /** The output named by {@code /messages/modules/<module>/outputs/<output>}, or null. */
  String output() {
    return named(2) && segments.size() > 4 && segments.get(3).equalsIgnoreCase("outputs")
        ? name(4)
        : null;
  }

  private boolean named(int index) {
    return segments.size() > index
        && segments.get(0).equalsIgnoreCase("messages")
        && segments.get(1).equalsIgnoreCase("modules")
        && name(index) != null;
  }

  private String name(int index) {
    String segment = segments.get(index);
    return segment.equals("*") ? null : segment;
  }

  /**
   * Whether the path is one of the documented shapes: {@code /*}, {@code /twinChangeNotifications},
   * {@code /messages}, {@code /messages/*}, {@code /messages/modules[/*]}, {@code
   * /messages/modules/<m>[/*]}, {@code /messages/modules/<m>/outputs[/*]}, {@code
   * /messages/modules/<m>/outputs/<o>}. Others are accepted (as edgeHub does) with a warning.
   */
  boolean documented() {
    int n = segments.size();
    String first = segments.get(0);
    if (first.equals("*") || first.equals("twinChangeNotifications")) {
      return n == 1;
    }
    if (!first.equals("messages") || n == 1) {
      return n == 1 && first.equals("messages");
    }
    if (segments.get(1).equals("*")) {
      return n == 2;
    }
    if (!segments.get(1).equals("modules")) {
      return false;
    }
    if (n <= 3) {
      return true;
    }
    if (segments.get(2).equals("*")) {
      return false;
    }
    if (segments.get(3).equals("*")) {
      return n == 4;
    }
    return segments.get(3).equals("outputs") && n <= 5;
  }
}

package io.edgefleet.engine.route;

import io.edgefleet.engine.query.QueryException;
import java.util.ArrayList;
import java.util.List;

/**
 * The FROM part of a route, one of: {@code /*}, {@code /twinChangeNotifications}, {@code
 * /messages}, {@code /messages/*}, {@code /messages/modules/*}, {@code /messages/modules/<m>},
 * {@code /messages/modules/<m>/*}, {@code /messages/modules/<m>/outputs/*}, {@code
 * /messages/modules/<m>/outputs/<o>}. Fixed words are case-sensitive.
 */
record SourcePath(String text, String module, String output) {

  private static final String SHAPES =
      "/*, /messages, /messages/*, /messages/modules/<module>,"
          + " /messages/modules/<module>/* or /messages/modules/<module>/outputs/<output>";

  static SourcePath read(RouteScanner scanner) throws QueryException {
    String text = scanner.text();
    int start = scanner.pos();
    if (scanner.peek() != '/') {
      throw scanner.expected("a source path after FROM, such as /messages/*");
    }
    List<String> segments = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    while (scanner.peek() == '/') {
      scanner.moveTo(scanner.pos() + 1);
      starts.add(scanner.pos());
      String segment = segment(scanner);
      if (segment.isEmpty()) {
        throw scanner.expected("a name or '*' after '/'");
      }
      segments.add(segment);
    }
    if (!scanner.atEnd() && !RouteScanner.isWhitespace(scanner.peek())) {
      throw QueryException.problem(
          text,
          scanner.pos(),
          "unexpected character in the source path (module names may use"
              + " letters, digits, '_', '.' and '-')");
    }
    return validate(text, start, scanner.pos(), segments, starts);
  }

  private static String segment(RouteScanner scanner) {
    if (scanner.peek() == '*') {
      scanner.moveTo(scanner.pos() + 1);
      return "*";
    }
    int start = scanner.pos();
    while (RouteScanner.isNamePart(scanner.peek())) {
      scanner.moveTo(scanner.pos() + 1);
    }
    return scanner.text().substring(start, scanner.pos());
  }

  private static SourcePath validate(
      String text, int start, int end, List<String> segments, List<Integer> starts)
      throws QueryException {
    String path = text.substring(start, end);
    String first = segments.get(0);
    if (first.equals("*") || first.equals("twinChangeNotifications")) {
      return done(text, path, segments, starts, 1, null, null);
    }
    if (!first.equals("messages")) {
      throw QueryException.problem(text, starts.get(0), "unknown source; use one of " + SHAPES);
    }
    if (segments.size() == 1) {
      return new SourcePath(path, null, null);
    }
    String second = segments.get(1);
    if (second.equals("*")) {
      return done(text, path, segments, starts, 2, null, null);
    }
    if (!second.equals("modules")) {
      throw QueryException.expected(text, starts.get(1), "'*' or 'modules' after /messages/");
    }
    if (segments.size() == 2) {
      throw QueryException.expected(text, end, "a module name or '*' after /messages/modules/");
    }
    String module = segments.get(2);
    if (module.equals("*") || segments.size() == 3) {
      return done(text, path, segments, starts, 3, star(module), null);
    }
    String fourth = segments.get(3);
    if (fourth.equals("*")) {
      return done(text, path, segments, starts, 4, module, null);
    }
    if (!fourth.equals("outputs")) {
      throw QueryException.expected(
          text, starts.get(3), "'*' or 'outputs' after /messages/modules/" + module + "/");
    }
    if (segments.size() == 4) {
      throw QueryException.expected(text, end, "an output name or '*' after 'outputs/'");
    }
    return done(text, path, segments, starts, 5, module, star(segments.get(4)));
  }

  private static String star(String name) {
    return name.equals("*") ? null : name;
  }

  private static SourcePath done(
      String text,
      String path,
      List<String> segments,
      List<Integer> starts,
      int length,
      String module,
      String output)
      throws QueryException {
    if (segments.size() > length) {
      throw QueryException.problem(
          text,
          starts.get(length) - 1,
          "the source path ends after /" + String.join("/", segments.subList(0, length)));
    }
    return new SourcePath(path, module, output);
  }
}

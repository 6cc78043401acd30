package io.edgefleet.engine.route;

/**
 * Finds the keyword INTO that ends a route's WHERE condition: the first whole word INTO (any case)
 * that is not inside a string, a {@code [[...]]} name, or a dotted path such as {@code $body.into}.
 */
final class IntoFinder {

  private IntoFinder() {}

  /** The offset of INTO at or after {@code from}, or -1. */
  static int find(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        i = afterString(text, i);
      } else if (c == '[' && i + 1 < text.length() && text.charAt(i + 1) == '[') {
        int close = text.indexOf("]]", i + 2);
        if (close < 0) {
          return -1;
        }
        i = close + 2;
      } else if (RouteScanner.isWordPart(c) || c == '$') {
        int end = i;
        while (end < text.length()
            && (RouteScanner.isWordPart(text.charAt(end)) || text.charAt(end) == '$')) {
          end++;
        }
        boolean inPath = i > 0 && text.charAt(i - 1) == '.';
        if (!inPath && end - i == 4 && text.regionMatches(true, i, "INTO", 0, 4)) {
          return i;
        }
        i = end;
      } else {
        i++;
      }
    }
    return -1;
  }

  private static int afterString(String text, int open) {
    char quote = text.charAt(open);
    int i = open + 1;
    while (i < text.length() && text.charAt(i) != quote) {
      i += text.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }
}

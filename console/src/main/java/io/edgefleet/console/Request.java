package io.edgefleet.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as the pages see it: method, path segments, and parameters from the query string and
 * a form body (the form wins).
 *
 * @param fragment whether only the page's main content is wanted (the live update asks so)
 */
public record Request(
    String method, List<String> segments, Map<String, String> params, boolean fragment) {

  /** A request with no body. */
  public static Request get(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? null : pathAndQuery.substring(q + 1);
    return of("GET", path, query, null, false);
  }

  /** Parses the parts of an HTTP request. */
  public static Request of(
      String method, String rawPath, String rawQuery, String formBody, boolean fragment) {
    List<String> segments = new ArrayList<>();
    for (String part : rawPath.split("/")) {
      if (!part.isEmpty()) {
        segments.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    parse(rawQuery, params);
    parse(formBody, params);
    return new Request(method, List.copyOf(segments), params, fragment);
  }

  /** A parameter, or "" when absent. */
  public String param(String name) {
    String value = params.get(name);
    return value == null ? "" : value;
  }

  /** A whole-number parameter, or {@code fallback} when absent or not a number. */
  public int intParam(String name, int fallback) {
    try {
      return Integer.parseInt(param(name).trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static void parse(String encoded, Map<String, String> into) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        into.put(
            URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed escape: leave the parameter out rather than fail the page
      }
    }
  }
}

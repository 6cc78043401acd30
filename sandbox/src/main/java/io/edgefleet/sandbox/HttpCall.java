package io.edgefleet.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request as the dispatcher sees it.
 *
 * @param method GET, POST, PUT, PATCH or DELETE
 * @param path the decoded path, without the query
 * @param query the query parameters (first value of each)
 * @param accept the Accept header, or empty
 * @param contentType the Content-Type header, or empty
 * @param body the request body, or empty
 * @param internal whether the sandbox itself makes the call (not counted in request counts)
 */
record HttpCall(
    String method,
    String path,
    Map<String, String> query,
    String accept,
    String contentType,
    String body,
    boolean internal) {

  HttpCall {
    query = Map.copyOf(query);
    accept = accept == null ? "" : accept;
    contentType = contentType == null ? "" : contentType;
    body = body == null ? "" : body;
  }

  /** Parses a request URI ({@code /path?query}). */
  static HttpCall of(
      String method, String uri, String accept, String contentType, String body, boolean internal) {
    int q = uri.indexOf('?');
    String rawPath = q < 0 ? uri : uri.substring(0, q);
    Map<String, String> query = new LinkedHashMap<>();
    if (q >= 0) {
      for (String pair : uri.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        query.putIfAbsent(key, value);
      }
    }
    return new HttpCall(
        method, decode(rawPath.replace("+", "%2B")), query, accept, contentType, body, internal);
  }

  String param(String name) {
    return query.getOrDefault(name, "");
  }

  /** The media type of the body, without parameters, e.g. {@code application/merge-patch+json}. */
  String mediaType() {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
  }

  /** The {@code labelSelector} parameter; a 400 when it does not parse. */
  LabelSelector labelSelector() {
    try {
      return LabelSelector.parse(param("labelSelector"));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  /** The {@code fieldSelector} parameter; a 400 when it does not parse. */
  FieldSelector fieldSelector() {
    try {
      return FieldSelector.parse(param("fieldSelector"));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}

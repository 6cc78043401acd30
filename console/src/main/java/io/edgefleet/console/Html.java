package io.edgefleet.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Escaping and small pieces of markup shared by the pages. Everything shown goes through here. */
public final class Html {

  private Html() {}

  /** Escapes text for an element's content or a quoted attribute value. */
  public static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Encodes a query parameter value. */
  public static String url(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }

  /** A path and query parameters (empty values left out), escaped for an attribute. */
  public static String href(String path, String... keysAndValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      params.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return href(path, params);
  }

  /** A path and query parameters (empty values left out), escaped for an attribute. */
  public static String href(String path, Map<String, String> params) {
    StringBuilder out = new StringBuilder(path);
    char separator = '?';
    for (Map.Entry<String, String> param : params.entrySet()) {
      if (param.getValue() == null || param.getValue().isEmpty()) {
        continue;
      }
      out.append(separator).append(url(param.getKey())).append('=').append(url(param.getValue()));
      separator = '&';
    }
    return esc(out.toString());
  }

  /** A link. */
  public static String link(String escapedHref, String text) {
    return "<a href=\"" + escapedHref + "\">" + esc(text) + "</a>";
  }

  /** The path of a deployment's page. */
  public static String deploymentPath(String namespace, String name) {
    return "/deployments/" + url(namespace) + "/" + url(name);
  }

  /** The path of a device's page. */
  public static String devicePath(String namespace, String name) {
    return "/devices/" + url(namespace) + "/" + url(name);
  }

  /** A badge: ok, bad, warn or muted. */
  public static String badge(String kind, String text) {
    return "<span class=\"badge " + kind + "\">" + esc(text) + "</span>";
  }

  /** The first 12 characters of a content hash, with the whole one as a tooltip. */
  public static String version(String hash) {
    if (hash == null || hash.isEmpty()) {
      return "<span class=\"muted\">none</span>";
    }
    String shown = hash.length() > 12 ? hash.substring(0, 12) : hash;
    return "<code title=\"" + esc(hash) + "\">" + esc(shown) + "</code>";
  }
}

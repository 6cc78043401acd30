package io.edgefleet.operator.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the credentials for a registry in a {@code .dockerconfigjson} document the way kubelet does
 * for {@code imagePullSecrets}: an {@code auths} key matches when its host (each dot-separated part
 * may be a {@code *} glob), its port and its path prefix match the registry address, with or
 * without a scheme; {@code index.docker.io} and {@code docker.io} are the same registry. The most
 * specific matching key wins. Pure; values are never logged or put in messages.
 */
final class DockerConfigCredentials {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerConfigCredentials() {}

  /** A user name and password. */
  record Credentials(String username, String password) {}

  /** The credentials for {@code address} in {@code dockerConfigJson}, or null when none match. */
  static Credentials find(String dockerConfigJson, String address) {
    JsonNode auths;
    try {
      auths = JSON.readTree(dockerConfigJson).path("auths");
    } catch (IOException e) {
      return null;
    }
    if (!auths.isObject() || address == null) {
      return null;
    }
    Location target = Location.parse(address);
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = auths.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    // kubelet's keyring tries the longest (most specific) keys first
    keys.sort(Comparator.comparing(String::length).reversed().thenComparing(k -> k));
    for (String key : keys) {
      if (Location.parse(key).matches(target)) {
        Credentials credentials = credentials(auths.get(key));
        if (credentials != null) {
          return credentials;
        }
      }
    }
    return null;
  }

  private static Credentials credentials(JsonNode entry) {
    if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
      return new Credentials(entry.get("username").asText(), entry.get("password").asText());
    }
    if (entry.hasNonNull("auth")) {
      try {
        String auth =
            new String(
                Base64.getDecoder().decode(entry.get("auth").asText()), StandardCharsets.UTF_8);
        int colon = auth.indexOf(':');
        return colon < 0
            ? null
            : new Credentials(auth.substring(0, colon), auth.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  /** A registry location: host, optional port, path. */
  private record Location(String host, String port, String path) {

    private static final Map<String, String> ALIASES =
        Map.of("index.docker.io", "docker.io", "registry-1.docker.io", "docker.io");

    static Location parse(String text) {
      String rest = text.trim();
      int scheme = rest.indexOf("://");
      if (scheme >= 0) {
        rest = rest.substring(scheme + 3);
      }
      String path = "";
      int slash = rest.indexOf('/');
      if (slash >= 0) {
        path = rest.substring(slash);
        rest = rest.substring(0, slash);
      }
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      String port = "";
      int colon = rest.lastIndexOf(':');
      if (colon >= 0) {
        port = rest.substring(colon + 1);
        rest = rest.substring(0, colon);
      }
      String host = rest.toLowerCase(Locale.ROOT);
      host = ALIASES.getOrDefault(host, host);
      if (host.equals("docker.io") && path.equals("/v1")) {
        path = ""; // https://index.docker.io/v1/ is Docker Hub itself
      }
      return new Location(host, port, path);
    }

    /** Whether this key location covers {@code target}. */
    boolean matches(Location target) {
      String[] globs = host.split("\\.", -1);
      String[] parts = target.host.split("\\.", -1);
      if (globs.length != parts.length) {
        return false;
      }
      for (int i = 0; i < globs.length; i++) {
        if (!glob(globs[i], parts[i])) {
          return false;
        }
      }
      return port.equals(target.port)
          && (path.isEmpty() || target.path.equals(path) || target.path.startsWith(path + "/"));
    }

    private static boolean glob(String pattern, String value) {
      if (!pattern.contains("*")) {
        return pattern.equals(value);
      }
      List<String> pieces = Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).toList();
      return value.matches(String.join("[^.]*", pieces));
    }
  }
}

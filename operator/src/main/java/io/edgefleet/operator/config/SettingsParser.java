package io.edgefleet.operator.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link OperatorSettings} from environment variables. Every variable is optional; a value
 * that does not parse stops the operator with a message naming the variable.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><td>EDGEFLEET_WATCH_NAMESPACES</td><td>comma-separated; empty = all</td></tr>
 *   <tr><td>EDGEFLEET_RECONCILE_THREADS</td><td>default 16</td></tr>
 *   <tr><td>EDGEFLEET_LEADER_ELECTION</td><td>true/false, default false</td></tr>
 *   <tr><td>EDGEFLEET_LEADER_ELECTION_LEASE</td><td>default edgefleet-operator</td></tr>
 *   <tr><td>EDGEFLEET_LEADER_ELECTION_NAMESPACE</td><td>default POD_NAMESPACE</td></tr>
 *   <tr><td>EDGEFLEET_LEADER_ELECTION_LEASE_DURATION</td><td>default 15s</td></tr>
 *   <tr><td>EDGEFLEET_HTTP_PORT</td><td>default 8080</td></tr>
 *   <tr><td>EDGEFLEET_STATUS_INTERVAL</td><td>default 2s</td></tr>
 *   <tr><td>EDGEFLEET_EVENTS_PER_SECOND</td><td>default 20</td></tr>
 *   <tr><td>EDGEFLEET_RESYNC_INTERVAL</td><td>default 30m</td></tr>
 *   <tr><td>EDGEFLEET_LOG_LEVEL</td><td>TRACE, DEBUG, INFO, WARN, ERROR; read by logback.xml</td></tr>
 *   <tr><td>EDGEFLEET_LOG_FORMAT</td><td>text or json; read by logback.xml</td></tr>
 *   <tr><td>EDGEFLEET_CONSOLE_PORT / EDGEFLEET_CONSOLE_ADDRESS</td><td>the web console: off
 *       unless the port is set; address 127.0.0.1 ({@link ConsoleSettings})</td></tr>
 *   <tr><td>POD_NAME / POD_NAMESPACE</td><td>identity and namespace, from the downward API</td></tr>
 * </table>
 */
public final class SettingsParser {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private SettingsParser() {}

  /** Reads settings from {@code env} (usually {@code System.getenv()}). */
  public static OperatorSettings parse(Map<String, String> env) {
    checkLogging(env);
    Set<String> namespaces = namespaces(env.getOrDefault("EDGEFLEET_WATCH_NAMESPACES", ""));
    String podNamespace = env.get("POD_NAMESPACE");
    String identity = env.getOrDefault("POD_NAME", "edgefleet-" + UUID.randomUUID());
    return new OperatorSettings(
        namespaces,
        integer(env, "EDGEFLEET_RECONCILE_THREADS", 16, 1, 1024),
        bool(env, "EDGEFLEET_LEADER_ELECTION", false),
        env.getOrDefault("EDGEFLEET_LEADER_ELECTION_LEASE", "edgefleet-operator"),
        env.getOrDefault("EDGEFLEET_LEADER_ELECTION_NAMESPACE", podNamespace),
        identity,
        integer(env, "EDGEFLEET_HTTP_PORT", 8080, 0, 65535),
        duration(env, "EDGEFLEET_STATUS_INTERVAL", Duration.ofSeconds(2)),
        decimal(env, "EDGEFLEET_EVENTS_PER_SECOND", 20),
        duration(env, "EDGEFLEET_RESYNC_INTERVAL", Duration.ofMinutes(30)),
        duration(env, "EDGEFLEET_LEADER_ELECTION_LEASE_DURATION", Duration.ofSeconds(15)));
  }

  /**
   * The log variables are read by logback ({@code logback.xml}) before anything else; a value it
   * does not know would silence the log (an unknown format) or turn it to DEBUG (an unknown level),
   * so they are checked here and stop the operator like any other bad setting.
   */
  public static void checkLogging(Map<String, String> env) {
    oneOf(env, "EDGEFLEET_LOG_LEVEL", List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"), true);
    oneOf(env, "EDGEFLEET_LOG_FORMAT", List.of("text", "json"), false);
  }

  private static void oneOf(
      Map<String, String> env, String name, List<String> allowed, boolean ignoreCase) {
    String text = env.get(name);
    if (text == null || text.isEmpty()) {
      return;
    }
    boolean known =
        allowed.stream().anyMatch(a -> ignoreCase ? a.equalsIgnoreCase(text) : a.equals(text));
    if (!known) {
      throw new IllegalArgumentException(
          name + " must be one of " + String.join(", ", allowed) + ", not '" + text + "'");
    }
  }

  private static Set<String> namespaces(String text) {
    Set<String> namespaces = new LinkedHashSet<>();
    for (String part : text.split(",")) {
      String namespace = part.trim();
      if (namespace.isEmpty()) {
        continue;
      }
      if (!NAMESPACE.matcher(namespace).matches() || namespace.length() > 63) {
        throw new IllegalArgumentException(
            "EDGEFLEET_WATCH_NAMESPACES: '" + namespace + "' is not a namespace name");
      }
      namespaces.add(namespace);
    }
    return namespaces;
  }

  private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            name + " must be " + min + " to " + max + ", not " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + text + "'", e);
    }
  }

  private static double decimal(Map<String, String> env, String name, double fallback) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (!(value > 0)) {
        throw new IllegalArgumentException(name + " must be more than 0, not " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, not '" + text + "'", e);
    }
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default ->
          throw new IllegalArgumentException(name + " must be true or false, not '" + text + "'");
    };
  }

  /** Parses durations such as {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}. */
  static Duration duration(Map<String, String> env, String name, Duration fallback) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          name + " must be a duration such as 500ms, 2s, 5m or 1h, not '" + text + "'");
    }
    long amount = Long.parseLong(m.group(1));
    Duration value =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
    if (value.isZero()) {
      throw new IllegalArgumentException(name + " must be more than zero");
    }
    return value;
  }

  /**
   * The admission webhook's settings: {@code EDGEFLEET_WEBHOOK_PORT} (unset: no webhook) and {@code
   * EDGEFLEET_WEBHOOK_CERT_DIR} (default {@code /etc/edgefleet/webhook}, holding {@code tls.crt}
   * and {@code tls.key}).
   */
  public static WebhookSettings webhook(Map<String, String> env) {
    String port = env.get("EDGEFLEET_WEBHOOK_PORT");
    if (port == null || port.isBlank()) {
      return WebhookSettings.OFF;
    }
    return new WebhookSettings(
        integer(env, "EDGEFLEET_WEBHOOK_PORT", 0, 0, 65535),
        Path.of(env.getOrDefault("EDGEFLEET_WEBHOOK_CERT_DIR", WebhookSettings.DEFAULT_CERT_DIR)));
  }
}

package io.edgefleet.operator.config;

import java.util.Map;

/**
 * Whether and where the operator serves the web console (docs/console.md).
 *
 * @param port the port; null means the console is off, 0 picks a free port
 * @param address the address to listen on; 127.0.0.1 unless told otherwise (reach it with {@code
 *     kubectl port-forward}, or put an Ingress with your own authentication in front)
 */
public record ConsoleSettings(Integer port, String address) {

  /** The default address: this machine (or pod) only. */
  public static final String LOOPBACK = "127.0.0.1";

  public ConsoleSettings {
    if (port != null && (port < 0 || port > 65535)) {
      throw new IllegalArgumentException("EDGEFLEET_CONSOLE_PORT must be 0 to 65535, not " + port);
    }
    address = address == null || address.isBlank() ? LOOPBACK : address.trim();
  }

  /** No console. */
  public static ConsoleSettings off() {
    return new ConsoleSettings(null, LOOPBACK);
  }

  /** Whether the console is served. */
  public boolean enabled() {
    return port != null;
  }

  /** Reads {@code EDGEFLEET_CONSOLE_PORT} (unset: off) and {@code EDGEFLEET_CONSOLE_ADDRESS}. */
  public static ConsoleSettings parse(Map<String, String> env) {
    String port = env.get("EDGEFLEET_CONSOLE_PORT");
    String address = env.get("EDGEFLEET_CONSOLE_ADDRESS");
    if (port == null || port.isBlank()) {
      return new ConsoleSettings(null, address);
    }
    try {
      return new ConsoleSettings(Integer.parseInt(port.trim()), address);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "EDGEFLEET_CONSOLE_PORT must be a whole number, not '" + port + "'", e);
    }
  }
}

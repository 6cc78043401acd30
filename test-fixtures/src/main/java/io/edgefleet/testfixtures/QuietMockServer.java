package io.edgefleet.testfixtures;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The mock API server logs every request at INFO through java.util.logging; tests keep it quiet.
 * The loggers are held here so that java.util.logging cannot drop the setting.
 */
public final class QuietMockServer {

  private static final Logger MOCK = Logger.getLogger("io.fabric8.mockwebserver");
  private static final Logger SERVER = Logger.getLogger("io.fabric8.kubernetes.client.server.mock");

  static {
    MOCK.setLevel(Level.WARNING);
    SERVER.setLevel(Level.WARNING);
  }

  private QuietMockServer() {}

  /** Makes sure the levels are set (call from a test class's static initializer). */
  public static void install() {
    // the static initializer did the work
  }
}

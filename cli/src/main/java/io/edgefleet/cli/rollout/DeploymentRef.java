package io.edgefleet.cli.rollout;

import java.util.Locale;
import java.util.Set;

/**
 * The deployment a rollout command names: {@code NAME} or {@code edep/NAME}, as kubectl takes it.
 */
record DeploymentRef(String name) {

  private static final Set<String> KINDS =
      Set.of(
          "edep",
          "edgedeployment",
          "edgedeployments",
          "edgedeployment.edgefleet.io",
          "edgedeployments.edgefleet.io");

  /**
   * Parses {@code NAME}, {@code edep/NAME}, {@code edgedeployment/NAME} (and plural, qualified).
   */
  static DeploymentRef parse(String text) {
    String name = text;
    int slash = text.indexOf('/');
    if (slash >= 0) {
      String kind = text.substring(0, slash).toLowerCase(Locale.ROOT);
      if (!KINDS.contains(kind)) {
        throw new IllegalArgumentException(
            "rollout commands work on EdgeDeployments: expected NAME or edep/NAME, got " + text);
      }
      name = text.substring(slash + 1);
    }
    if (name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("expected NAME or edep/NAME, got " + text);
    }
    return new DeploymentRef(name);
  }

  @Override
  public String toString() {
    return "edep/" + name;
  }
}

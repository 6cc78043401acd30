package io.edgefleet.agent.runtime;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which simulated modules fail to start: by module name, by image pattern (a glob over the whole
 * image reference: {@code *} any characters, {@code ?} one), and a rate: the probability that a
 * module created with a given image on a device is broken. A broken module fails at every start, as
 * a bad image or a missing device driver would, until a configuration gives it another image.
 *
 * @param modules module names that always fail
 * @param imagePatterns globs over image references that always fail
 * @param rate probability (0 to 1) that any other module fails
 */
public record FailureInjection(Set<String> modules, List<String> imagePatterns, double rate) {

  public FailureInjection {
    modules = Set.copyOf(modules);
    imagePatterns = List.copyOf(imagePatterns);
    if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
      throw new IllegalArgumentException("failure rate must be between 0 and 1, not " + rate);
    }
  }

  /** No failures. */
  public static FailureInjection none() {
    return new FailureInjection(Set.of(), List.of(), 0);
  }

  /** Modules whose image matches one of {@code patterns} fail. */
  public static FailureInjection images(String... patterns) {
    return new FailureInjection(Set.of(), List.of(patterns), 0);
  }

  /** A copy that also fails {@code rate} of the other modules. */
  public FailureInjection withRate(double newRate) {
    return new FailureInjection(modules, imagePatterns, newRate);
  }

  /** Why a module always fails, or null when neither its name nor its image is listed. */
  public String listed(String module, String image) {
    if (modules.contains(module)) {
      return "module " + module + " is set to fail";
    }
    for (String pattern : imagePatterns) {
      if (glob(pattern).matcher(image).matches()) {
        return "image matches failure pattern " + pattern;
      }
    }
    return null;
  }

  static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString());
  }
}

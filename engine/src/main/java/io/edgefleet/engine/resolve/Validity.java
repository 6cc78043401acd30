package io.edgefleet.engine.resolve;

import java.util.List;

/**
 * Whether a deployment's spec can take part in decisions and, if not, every problem found.
 *
 * @param problems empty when valid; otherwise every problem, the first one deciding the reason
 */
public record Validity(List<Problem> problems) {

  /** One thing wrong with a spec. */
  public record Problem(InvalidReason reason, String message) {}

  private static final Validity VALID = new Validity(List.of());

  public Validity {
    problems = List.copyOf(problems);
  }

  /** A valid spec. */
  public static Validity valid() {
    return VALID;
  }

  /** Whether the spec takes part in decisions. */
  public boolean isValid() {
    return problems.isEmpty();
  }

  /** The reason of the first problem, or null when valid. */
  public InvalidReason reason() {
    return problems.isEmpty() ? null : problems.get(0).reason();
  }

  /**
   * Every problem in one message, or null when valid: "; " between one-line problems, each on its
   * own line when one of them spans lines (an expression with a caret under the column).
   */
  public String message() {
    if (problems.isEmpty()) {
      return null;
    }
    String separator = problems.stream().anyMatch(p -> p.message().contains("\n")) ? "\n" : "; ";
    StringBuilder text = new StringBuilder();
    for (Problem problem : problems) {
      if (text.length() > 0) {
        text.append(separator);
      }
      text.append(problem.message());
    }
    return text.toString();
  }
}

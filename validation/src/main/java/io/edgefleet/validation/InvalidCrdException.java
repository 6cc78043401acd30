package io.edgefleet.validation;

import java.util.List;

/** Thrown by {@link CrdValidator#load} for a CRD the API server would not accept. */
public final class InvalidCrdException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  InvalidCrdException(String crdName, List<String> problems) {
    super(
        "CustomResourceDefinition " + crdName + " is invalid:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, one per line, as the API server words them. */
  public List<String> problems() {
    return problems;
  }
}

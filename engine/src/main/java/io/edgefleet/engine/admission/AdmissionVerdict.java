package io.edgefleet.engine.admission;

import java.util.List;

/**
 * What admission says about an EdgeDeployment write.
 *
 * @param allowed whether the write may be stored
 * @param reason when refused, the CamelCase reason (e.g. {@code InvalidTargetCondition})
 * @param message when refused, every problem, each with the column and a caret where it has one
 * @param warnings problems that do not refuse the write (shown by kubectl as {@code Warning:})
 */
public record AdmissionVerdict(
    boolean allowed, String reason, String message, List<String> warnings) {

  public AdmissionVerdict {
    warnings = List.copyOf(warnings);
  }
}

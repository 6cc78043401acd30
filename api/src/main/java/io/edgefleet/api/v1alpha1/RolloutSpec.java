package io.edgefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.Objects;

/**
 * How a change of a deployment reaches its devices: in waves, each admitted only while the earlier
 * ones are healthy (docs/rollouts.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutSpec {

  /** {@code maxConcurrency} when absent. */
  public static final String DEFAULT_MAX_CONCURRENCY = "25%";

  /**
   * Annotation on a deployment that resumes its halted rollout: its value is the halt's {@code
   * status.rollout.haltedAt}, so that it resumes that halt only ({@code edgefleet rollout resume}
   * writes it).
   */
  public static final String RESUME_ANNOTATION = "edgefleet.io/resume-halted-at";

  /** {@code maxFailures} when absent. */
  public static final int DEFAULT_MAX_FAILURES = 1;

  @ValidationRule(
      value =
          "type(self) == int ? self >= 1 && self <= 1000000 :"
              + " self.matches('^([1-9][0-9]?|100)%$')",
      message = "maxConcurrency is a count (1 or more) or a percentage from 1% to 100%")
  @JsonPropertyDescription(
      "How many admitted devices may be not yet healthy at once: a count, or a percentage of the"
          + " devices the change affects (rounded up). Default 25%.")
  private IntOrString maxConcurrency;

  @Min(0)
  @Max(86400)
  @JsonPropertyDescription(
      "Seconds a device must keep reporting success (code 200) for its new desired version"
          + " before it counts as healthy. Default 0.")
  private Integer minHealthySeconds;

  @ValidationRule(
      value =
          "type(self) == int ? self >= 1 && self <= 1000000 :"
              + " self.matches('^([1-9][0-9]?|100)%$')",
      message = "maxFailures is a count (1 or more) or a percentage from 1% to 100%")
  @JsonPropertyDescription(
      "The rollout halts when this many admitted devices report failure for their new desired"
          + " version: a count, or a percentage of the devices the change affects (rounded up,"
          + " at least 1). Default 1.")
  private IntOrString maxFailures;

  @JsonPropertyDescription(
      "Halt (default): admit no more devices. Rollback: also give the admitted devices the"
          + " previous revision of this deployment back.")
  private RolloutFailurePolicy onFailure;

  @Min(1)
  @Max(604800)
  @JsonPropertyDescription(
      "Halt the rollout when it makes no progress (no device admitted or becoming healthy) for"
          + " this many seconds. Default: no deadline.")
  private Integer progressDeadlineSeconds;

  @JsonPropertyDescription("true: admit no more devices until set back to false.")
  private Boolean paused;

  @Size(max = 10)
  @ValidationRule(
      value = "self.all(g, self.exists_one(h, h.name == g.name))",
      message = "rollout group names must be unique")
  @JsonPropertyDescription(
      "Optional ordered waves, e.g. a canary ring first: every device of the first group is"
          + " admitted before any of the second, and so on; devices in no group come last.")
  private List<RolloutGroup> groups;

  public IntOrString getMaxConcurrency() {
    return maxConcurrency;
  }

  public void setMaxConcurrency(IntOrString maxConcurrency) {
    this.maxConcurrency = maxConcurrency;
  }

  public Integer getMinHealthySeconds() {
    return minHealthySeconds;
  }

  public void setMinHealthySeconds(Integer minHealthySeconds) {
    this.minHealthySeconds = minHealthySeconds;
  }

  public IntOrString getMaxFailures() {
    return maxFailures;
  }

  public void setMaxFailures(IntOrString maxFailures) {
    this.maxFailures = maxFailures;
  }

  public RolloutFailurePolicy getOnFailure() {
    return onFailure;
  }

  public void setOnFailure(RolloutFailurePolicy onFailure) {
    this.onFailure = onFailure;
  }

  public Integer getProgressDeadlineSeconds() {
    return progressDeadlineSeconds;
  }

  public void setProgressDeadlineSeconds(Integer progressDeadlineSeconds) {
    this.progressDeadlineSeconds = progressDeadlineSeconds;
  }

  public Boolean getPaused() {
    return paused;
  }

  public void setPaused(Boolean paused) {
    this.paused = paused;
  }

  public List<RolloutGroup> getGroups() {
    return groups;
  }

  public void setGroups(List<RolloutGroup> groups) {
    this.groups = groups;
  }

  /** {@code maxConcurrency} as text ("10%" or "5"), the default when absent. */
  @JsonIgnore
  public String maxConcurrencyText() {
    return text(maxConcurrency, DEFAULT_MAX_CONCURRENCY);
  }

  /** {@code maxFailures} as text ("10%" or "5"), the default when absent. */
  @JsonIgnore
  public String maxFailuresText() {
    return text(maxFailures, Integer.toString(DEFAULT_MAX_FAILURES));
  }

  private static String text(IntOrString value, String absent) {
    if (value == null || (value.getIntVal() == null && value.getStrVal() == null)) {
      return absent;
    }
    return value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RolloutSpec r
        && Objects.equals(maxConcurrency, r.maxConcurrency)
        && Objects.equals(minHealthySeconds, r.minHealthySeconds)
        && Objects.equals(maxFailures, r.maxFailures)
        && onFailure == r.onFailure
        && Objects.equals(progressDeadlineSeconds, r.progressDeadlineSeconds)
        && Objects.equals(paused, r.paused)
        && Objects.equals(groups, r.groups);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxConcurrency,
        minHealthySeconds,
        maxFailures,
        onFailure,
        progressDeadlineSeconds,
        paused,
        groups);
  }
}

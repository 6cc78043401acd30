package io.edgefleet.operator.status;

import io.edgefleet.api.v1alpha1.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one place conditions are set. Pure: the time is passed in. The last transition time moves
 * only when the status (True / False / Unknown) of a condition changes.
 */
public final class Conditions {

  /** The condition type both kinds carry. */
  public static final String READY = "Ready";

  /**
   * A device's condition that is true only when its agent reports the desired version with status
   * 200 (Ready only says that the configuration is written).
   */
  public static final String IN_SYNC = "InSync";

  /**
   * A deployment's condition: false when its target condition matches no device, or compares a
   * property with a literal of another type than devices hold (the admission webhook's warnings).
   */
  public static final String TARGETS_DEVICES = "TargetsDevices";

  private Conditions() {}

  /**
   * {@code previous} with the condition of {@code type} set as given; other conditions are kept
   * (those of types the operator does not own included), null entries and conditions without a type
   * are dropped.
   */
  public static List<Condition> set(
      List<Condition> previous,
      String type,
      boolean status,
      String reason,
      String message,
      Long observedGeneration,
      Instant now) {
    String value = status ? Condition.TRUE : Condition.FALSE;
    List<Condition> result = new ArrayList<>();
    Condition old = null;
    if (previous != null) {
      for (Condition condition : previous) {
        if (condition == null || condition.getType() == null) {
          // garbage (the API server would not store it): dropped, so the status can be written
          continue;
        }
        if (type.equals(condition.getType())) {
          old = condition;
        } else {
          result.add(condition);
        }
      }
    }
    String since =
        old != null && value.equals(old.getStatus()) && old.getLastTransitionTime() != null
            ? old.getLastTransitionTime()
            : now.truncatedTo(ChronoUnit.SECONDS).toString();
    result.add(new Condition(type, value, reason, message, since, observedGeneration));
    result.sort(Comparator.comparing(Condition::getType));
    return result;
  }

  /** The condition of {@code type}, or null. */
  public static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream()
        .filter(c -> c != null && type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }
}

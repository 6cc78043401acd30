package io.edgefleet.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgefleet.api.v1alpha1.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final Instant T1 = Instant.parse("2026-01-01T00:00:00.123Z");
  private static final Instant T2 = Instant.parse("2026-01-02T00:00:00Z");

  @Test
  void theTransitionTimeMovesOnlyWhenTheStatusFlips() {
    List<Condition> first = Conditions.set(null, "Ready", true, "A", "a", 1L, T1);
    assertThat(first)
        .singleElement()
        .extracting(Condition::getLastTransitionTime)
        .isEqualTo("2026-01-01T00:00:00Z");

    List<Condition> sameStatus = Conditions.set(first, "Ready", true, "B", "b", 2L, T2);
    Condition kept = Conditions.find(sameStatus, "Ready");
    assertThat(kept.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(kept.getReason()).isEqualTo("B");
    assertThat(kept.getObservedGeneration()).isEqualTo(2L);

    List<Condition> flipped = Conditions.set(sameStatus, "Ready", false, "C", "c", 2L, T2);
    assertThat(Conditions.find(flipped, "Ready").getLastTransitionTime())
        .isEqualTo("2026-01-02T00:00:00Z");
  }

  @Test
  void otherConditionsAreKeptAndSortedByType() {
    List<Condition> others =
        List.of(new Condition("Synced", Condition.TRUE, "X", "x", T1.toString(), 1L));
    List<Condition> set = Conditions.set(others, "Ready", false, "R", "r", 1L, T2);
    assertThat(set).extracting(Condition::getType).containsExactly("Ready", "Synced");
  }

  @Test
  void theSameInputsGiveAnEqualListSoNothingIsWritten() {
    List<Condition> first = Conditions.set(null, "Ready", true, "A", "a", 1L, T1);
    assertThat(Conditions.set(first, "Ready", true, "A", "a", 1L, T2)).isEqualTo(first);
  }
}

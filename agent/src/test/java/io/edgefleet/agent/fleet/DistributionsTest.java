package io.edgefleet.agent.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DistributionsTest {

  @Test
  void drawsFromRangesAndChoices() {
    Distributions tags =
        Distributions.parse(
            List.of(
                "building=1..20,floor=1..5,roomtype=conference|office|lab",
                "environment=prod|test",
                "site=campus"));
    assertThat(tags.keys()).containsExactly("building", "floor", "roomtype", "environment", "site");
    Random random = new Random(42);
    Set<String> buildings = new HashSet<>();
    Set<String> rooms = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      Map<String, String> drawn = tags.draw(random);
      int building = Integer.parseInt(drawn.get("building"));
      assertThat(building).isBetween(1, 20);
      assertThat(Integer.parseInt(drawn.get("floor"))).isBetween(1, 5);
      assertThat(drawn.get("environment")).isIn("prod", "test");
      assertThat(drawn.get("site")).isEqualTo("campus");
      buildings.add(drawn.get("building"));
      rooms.add(drawn.get("roomtype"));
    }
    assertThat(buildings).hasSize(20);
    assertThat(rooms).containsExactlyInAnyOrder("conference", "office", "lab");
  }

  @Test
  void theSameSeedDrawsTheSameValues() {
    Distributions tags = Distributions.parse(List.of("building=1..20,roomtype=a|b|c"));
    Random one = new Random(7);
    Random two = new Random(7);
    for (int i = 0; i < 100; i++) {
      assertThat(tags.draw(one)).isEqualTo(tags.draw(two));
    }
  }

  @Test
  void rejectsWhatItCannotRead() {
    assertThatThrownBy(() -> Distributions.parse(List.of("building")))
        .hasMessageContaining("must be key=a..b");
    assertThatThrownBy(() -> Distributions.parse(List.of("floor=5..1")))
        .hasMessageContaining("a range goes up");
    assertThatThrownBy(() -> Distributions.parse(List.of("room=a||b")))
        .hasMessageContaining("an empty choice");
  }
}

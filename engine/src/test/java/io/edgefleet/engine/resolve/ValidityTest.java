package io.edgefleet.engine.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidityTest {

  @Test
  void oneLineProblemsShareALine() {
    Validity validity =
        new Validity(
            List.of(
                new Validity.Problem(InvalidReason.InvalidSpec, "a is wrong"),
                new Validity.Problem(InvalidReason.InvalidSpec, "b is wrong")));
    assertThat(validity.message()).isEqualTo("a is wrong; b is wrong");
    assertThat(validity.reason()).isEqualTo(InvalidReason.InvalidSpec);
  }

  @Test
  void aProblemWithACaretLineKeepsTheNextOneOffIt() {
    String condition =
        "spec.targetCondition: expected a value after '=' at column 19\n"
            + "tags.environment = \n"
            + "                  ^";
    Validity validity =
        new Validity(
            List.of(
                new Validity.Problem(InvalidReason.InvalidTargetCondition, condition),
                new Validity.Problem(InvalidReason.InvalidRoute, "spec.routes.r1.route: bad")));
    assertThat(validity.message()).isEqualTo(condition + "\nspec.routes.r1.route: bad");
    assertThat(validity.message().lines()).noneMatch(l -> l.trim().startsWith("^;"));
  }

  @Test
  void validHasNoMessage() {
    assertThat(Validity.valid().message()).isNull();
    assertThat(Validity.valid().isValid()).isTrue();
  }
}

package io.edgefleet.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportedPropertiesTest {

  @Test
  void valuesKeepTheirType() {
    ObjectNode reported =
        ReportedProperties.parse(
            List.of(
                "devicemodel=4000x",
                "floors=3",
                "ratio=0.25",
                "big=12345678901234567890",
                "gpu=true",
                "legacy=false",
                "version=1.2.3",
                "code=007",
                "empty="));
    assertThat(reported.get("devicemodel").isTextual()).isTrue();
    assertThat(reported.get("floors").isIntegralNumber()).isTrue();
    assertThat(reported.get("floors").asLong()).isEqualTo(3);
    assertThat(reported.get("ratio").isNumber()).isTrue();
    assertThat(reported.get("ratio").decimalValue()).isEqualByComparingTo("0.25");
    assertThat(reported.get("big").isBigInteger()).isTrue();
    assertThat(reported.get("gpu").booleanValue()).isTrue();
    assertThat(reported.get("legacy").isBoolean()).isTrue();
    assertThat(reported.get("version").asText()).isEqualTo("1.2.3");
    assertThat(reported.get("code").isTextual()).as("leading zero stays text").isTrue();
    assertThat(reported.get("empty").asText()).isEmpty();
  }

  @Test
  void dottedKeysNest() {
    ObjectNode reported =
        ReportedProperties.parse(List.of("location.building=20", "location.zone=north"));
    assertThat(reported.toString())
        .isEqualTo("{\"location\":{\"building\":20,\"zone\":\"north\"}}");
  }

  @Test
  void rejectsBadPairsAndTheAgentsOwnKeys() {
    assertThatThrownBy(() -> ReportedProperties.parse(List.of("devicemodel")))
        .hasMessageContaining("must be key=value");
    assertThatThrownBy(() -> ReportedProperties.parse(List.of("a..b=1")))
        .hasMessageContaining("separated by dots");
    assertThatThrownBy(() -> ReportedProperties.parse(List.of("lastDesiredVersion=x")))
        .hasMessageContaining("written by the agent itself");
    assertThatThrownBy(() -> ReportedProperties.parse(List.of("modules.a=x")))
        .hasMessageContaining("written by the agent itself");
  }
}

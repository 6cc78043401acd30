package io.edgefleet.engine.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgefleet.api.v1alpha1.EdgeDeploymentSpec;
import io.edgefleet.api.v1alpha1.RouteSpec;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What admission refuses and warns about, with the engine's own parsers. */
class DeploymentAdmissionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static DeploymentSource deployment(String condition) {
    EdgeDeploymentSpec spec = new EdgeDeploymentSpec();
    spec.setTargetCondition(condition);
    spec.setPriority(10);
    spec.setModules(Map.of());
    return new DeploymentSource("campus", "prod", null, 1, spec);
  }

  private static DeviceSource device(String name, String tagsJson) throws Exception {
    return new DeviceSource("campus", name, (ObjectNode) JSON.readTree(tagsJson), null, null, null);
  }

  @Test
  void aConditionThatDoesNotParseIsRefusedWithTheColumnAndACaret() {
    AdmissionVerdict verdict =
        DeploymentAdmission.review(
            deployment("tags.environment = 'prod' AND tags.floor == 2"), null);
    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.reason()).isEqualTo("InvalidTargetCondition");
    assertThat(verdict.message())
        .contains("'==' is not an operator; use '=' at column 42")
        .contains("tags.environment = 'prod' AND tags.floor == 2\n")
        .endsWith("^");
  }

  @Test
  void badRoutesAndMetricQueriesAreRefusedToo() {
    DeploymentSource route = deployment("*");
    route.spec().setRoutes(Map.of("up", new RouteSpec("FROM /messages/* INTO", null, null)));
    assertThat(DeploymentAdmission.review(route, null).reason()).isEqualTo("InvalidRoute");
    DeploymentSource metric = deployment("*");
    metric.spec().setMetrics(Map.of("m", "SELECT deviceId FROM devices WHERE"));
    assertThat(DeploymentAdmission.review(metric, null).reason()).isEqualTo("InvalidMetricQuery");
  }

  @Test
  void aValidDeploymentIsAllowedWithoutWarningsWhenDevicesAreUnknown() {
    AdmissionVerdict verdict = DeploymentAdmission.review(deployment("tags.floor = 2"), null);
    assertThat(verdict.allowed()).isTrue();
    assertThat(verdict.warnings()).isEmpty();
  }

  @Test
  void comparingAStringTagWithANumberIsAWarning() throws Exception {
    List<DeviceSource> devices =
        List.of(
            device("d1", "{\"floor\":\"2\"}"),
            device("d2", "{\"floor\":\"3\"}"),
            device("d3", "{\"floor\":2}"));
    AdmissionVerdict verdict = DeploymentAdmission.review(deployment("tags.floor = 2"), devices);
    assertThat(verdict.allowed()).isTrue();
    assertThat(verdict.warnings())
        .singleElement()
        .asString()
        .startsWith("tags.floor is compared with a number, but 2 devices hold it as a string")
        .contains("d1: \"2\"", "quote the number");
    assertThat(
            DeploymentAdmission.review(deployment("tags.floor IN ['2', '3']"), devices).warnings())
        .singleElement()
        .asString()
        .contains("compared with a string", "1 device holds it as a number", "d3: 2");
    assertThat(
            DeploymentAdmission.review(deployment("tags.floor = '2'"), List.of(devices.get(0)))
                .warnings())
        .isEmpty();
  }

  @Test
  void aConditionThatTargetsNoDeviceIsAWarning() throws Exception {
    List<DeviceSource> devices = List.of(device("d1", "{\"environment\":\"prod\"}"));
    assertThat(
            DeploymentAdmission.review(deployment("tags.environment = 'test'"), devices).warnings())
        .containsExactly(
            "the target condition matches none of the 1 device of namespace campus now:"
                + " tags.environment = 'test'");
    assertThat(
            DeploymentAdmission.review(deployment("tags.environment = 'prod'"), devices).warnings())
        .isEmpty();
  }
}

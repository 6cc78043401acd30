package io.edgefleet.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The preview page: the engine decides with and without the edited deployment. */
class PreviewTest {

  private final FakeFleet fleet =
      new FakeFleet()
          .deployment("base", false, 10, "tags.env = 'prod'")
          .deployment("sign", true, 5, "tags.room = 'lobby'")
          .device("lobby-1", Map.of("env", "prod", "room", "lobby"))
          .device("office-1", Map.of("env", "prod", "room", "office"));
  private final Pages pages = new Pages(fleet);

  private Pages.Response post(String yaml) {
    return pages.respond(
        Request.of("POST", "/preview", null, "ns=ns&action=preview&yaml=" + Html.url(yaml), false));
  }

  @Test
  void raisingALayerAboveItsBaseChangesExactlyTheDevicesItTargets() {
    String yaml =
        DeploymentYaml.write("ns", "sign", fleet.deployments.get(1).getSpec())
            .replace("priority: 5", "priority: 15");
    Pages.Response response = post(yaml);
    assertThat(response.body())
        .contains("<span id=\"change-count\">1</span>")
        .contains("<tr data-device=\"lobby-1\">")
        .doesNotContain("<tr data-device=\"office-1\">")
        .contains("signModule added")
        .contains("0 → 1");
  }

  @Test
  void anInvalidDeploymentShowsTheEnginesErrorsAndChangesNothing() {
    String yaml =
        DeploymentYaml.write("ns", "sign", fleet.deployments.get(1).getSpec())
            .replace("tags.room = 'lobby'", "tags.room = ");
    Pages.Response response = post(yaml);
    assertThat(response.body())
        .contains("<strong>Invalid:")
        .contains("column")
        .contains("<span id=\"change-count\">0</span>");
  }

  @Test
  void unknownFieldsAndOtherKindsAreRefusedWithTheirPath() {
    assertThat(
            post("apiVersion: edgefleet.io/v1alpha1\nkind: EdgeDeployment\nmetadata:\n  name: x\n"
                    + "spec:\n  prority: 3\n")
                .body())
        .contains("prority")
        .contains("spec");
    assertThat(post("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n").body())
        .contains("kind: EdgeDeployment");
  }

  @Test
  void theGuidedFormBuildsTheYamlItPreviews() {
    Pages.Response response =
        pages.respond(
            Request.of(
                "POST",
                "/preview",
                null,
                "ns=ns&action=build&f.name=kiosk&f.priority=50&f.layered=true"
                    + "&f.target="
                    + Html.url("tags.room='lobby'")
                    + "&f.module.0.name=Kiosk&f.module.0.image=kiosk%3A1",
                false));
    assertThat(response.body())
        .contains("name: kiosk")
        .contains("layered: true")
        .contains("<tr data-device=\"lobby-1\">")
        .contains("Kiosk added");
  }

  @Test
  void downloadGivesTheYamlAsAFile() {
    Pages.Response response =
        pages.respond(
            Request.of(
                "POST",
                "/preview",
                null,
                "ns=ns&action=download&yaml="
                    + Html.url(
                        "apiVersion: edgefleet.io/v1alpha1\nkind: EdgeDeployment\nmetadata:\n  name: kiosk\n"),
                false));
    assertThat(response.headers().get("Content-Disposition")).contains("kiosk.yaml");
    assertThat(response.body()).contains("name: kiosk");
  }
}

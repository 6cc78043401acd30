package io.edgefleet.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pages rendered directly from a read model (the browser tests cover them end to end). */
class PagesTest {

  private final FakeFleet fleet =
      new FakeFleet()
          .deployment("base", false, 10, "tags.env = 'prod'")
          .deployment("layer", true, 20, "tags.room = 'lobby'")
          .device("lobby-1", Map.of("env", "prod", "room", "lobby"))
          .device("office-<b>", Map.of("env", "prod", "room", "office"))
          .device("lab", Map.of("env", "test"));
  private final Pages pages = new Pages(fleet);

  @Test
  void theRootIsTheDeploymentsList() {
    Pages.Response response = pages.respond(Request.get("/deployments"));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body())
        .contains("<tr data-deployment=\"base\">")
        .contains("<tr data-deployment=\"layer\">")
        .contains("href=\"/devices?ns=ns&amp;deployment=base&amp;count=targeted\"");
  }

  @Test
  void aSyntaxErrorInTheTargetConditionShowsItsColumn() {
    Pages.Response response =
        pages.respond(Request.get("/devices?where=" + Html.url("tags.env = 'prod' AND")));
    assertThat(response.body())
        .contains("id=\"where-error\"")
        .contains("at column 22")
        .contains("aria-invalid=\"true\"")
        .doesNotContain("<table id=\"devices\"");
  }

  @Test
  void aTargetConditionSelectsDevicesAsTheEngineEvaluatesIt() {
    Pages.Response response =
        pages.respond(Request.get("/devices?where=" + Html.url("tags.room = 'lobby'")));
    assertThat(response.body())
        .contains("data-device=\"lobby-1\"")
        .doesNotContain("data-device=\"lab\"");
  }

  @Test
  void theDevicesBehindACountAreTheOnesItCounts() {
    Pages.Response response =
        pages.respond(Request.get("/devices?ns=ns&deployment=base&count=targeted"));
    assertThat(response.body())
        .contains("data-device=\"lobby-1\"")
        .contains("data-device=\"office-&lt;b&gt;\"")
        .doesNotContain("data-device=\"lab\"");
  }

  @Test
  void namesAreEscaped() {
    Pages.Response response = pages.respond(Request.get("/devices"));
    assertThat(response.body()).contains("office-&lt;b&gt;").doesNotContain("office-<b>");
  }

  @Test
  void aDevicePageExplainsEveryDeployment() {
    Pages.Response response = pages.respond(Request.get("/devices/ns/lobby-1"));
    assertThat(response.body())
        .contains("<tr data-deployment=\"base\">")
        .contains("<tr data-deployment=\"layer\">")
        .contains("layer");
    Pages.Response lab = pages.respond(Request.get("/devices/ns/lab"));
    assertThat(lab.body()).contains("target condition false");
  }

  @Test
  void unknownObjectsAre404AndUnsyncedCachesAre503() {
    assertThat(pages.respond(Request.get("/devices/ns/nope")).status()).isEqualTo(404);
    assertThat(pages.respond(Request.get("/deployments/ns/nope")).status()).isEqualTo(404);
    fleet.ready = false;
    assertThat(pages.respond(Request.get("/deployments")).status()).isEqualTo(503);
  }

  @Test
  void aLiveUpdateAsksForTheMainContentOnly() {
    Pages.Response response = pages.respond(Request.of("GET", "/deployments", null, null, true));
    assertThat(response.body()).startsWith("<h1>Deployments</h1>").doesNotContain("<html");
  }
}

package io.edgefleet.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgefleet.api.v1alpha1.EdgeDeployment;
import io.edgefleet.api.v1alpha1.EdgeDevice;
import io.edgefleet.engine.model.DeploymentSource;
import io.edgefleet.engine.model.DeviceSource;
import io.edgefleet.engine.query.MetricQuery;
import io.edgefleet.engine.resolve.DeploymentReport;
import io.edgefleet.engine.resolve.DeploymentSet;
import io.edgefleet.engine.resolve.DeviceDecision;
import io.edgefleet.engine.resolve.DeviceTwin;
import io.edgefleet.engine.resolve.NamespaceResolution;
import io.edgefleet.operator.config.ConsoleSettings;
import io.edgefleet.operator.fleet.DeploymentCatalog;
import io.edgefleet.operator.fleet.DeviceInputs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web console in a real browser (Debian's headless chromium through Selenium) against the
 * demo's campus: the embedded API server, the operator serving the console, a simulated agent per
 * device. Numbers are checked against the engine's own resolution of the same objects (what {@code
 * edgefleet resolve} prints). Screenshots go to target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Walkthrough campus;
  private static KubernetesClient client;
  private static HeadlessChromium browser;
  private static String url;

  @BeforeAll
  static void startCampusAndBrowser() throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    campus =
        new Walkthrough(
            Path.of("../examples"),
            quiet,
            WAIT,
            List.of(),
            null,
            new ConsoleSettings(0, ConsoleSettings.LOOPBACK));
    assertThat(campus.start(0)).as("the campus converges").isZero();
    client = campus.server().newClient();
    url = campus.operator().consoleUrl().orElseThrow();
    assertThat(url).startsWith("http://127.0.0.1:");
    browser = HeadlessChromium.start(Path.of("target/console-screenshots"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (client != null) {
      client.close();
    }
    if (campus != null) {
      campus.close();
    }
  }

  @Test
  @Order(1)
  void deploymentsPageShowsTheNumbersTheEngineResolves() {
    NamespaceResolution resolved = resolveCampus();
    browser.open(url + "deployments");
    for (DeploymentReport report : resolved.reports()) {
      WebElement row = row("deployments", "data-deployment", report.name());
      assertThat(count(row, "targeted")).as(report.name()).isEqualTo(report.targetedCount());
      assertThat(count(row, "applied")).as(report.name()).isEqualTo(report.appliedCount());
      assertThat(count(row, "succeeded"))
          .as(report.name())
          .isEqualTo(report.reportedSuccessfulCount());
      assertThat(count(row, "failed")).as(report.name()).isEqualTo(report.reportedFailedCount());
      for (Map.Entry<String, Long> metric : report.metrics().entrySet()) {
        assertThat(
                row.findElement(By.cssSelector("a.metric[data-metric='" + metric.getKey() + "']"))
                    .getText())
            .isEqualTo(metric.getValue().toString());
      }
    }
    assertThat(browser.driver().findElements(By.cssSelector("#deployments tbody tr")))
        .hasSize(resolved.reports().size());
    browser.screenshot("deployments");
  }

  @Test
  @Order(2)
  void aMetricLinkListsExactlyTheDevicesTheEngineCounts() {
    NamespaceResolution resolved = resolveCampus();
    DeploymentSet set = DeploymentSet.prepare(deploymentSources());
    for (DeploymentReport report : resolved.reports()) {
      for (Map.Entry<String, Long> metric : report.metrics().entrySet()) {
        MetricQuery query = set.get(report.name()).metrics().get(metric.getKey());
        List<String> counted =
            resolved.decisions().stream()
                .map(DeviceDecision::device)
                .filter(d -> query.matches(new DeviceTwin(d)))
                .map(DeviceSource::name)
                .sorted()
                .toList();
        browser.open(url + "deployments");
        browser.clickThrough(
            row("deployments", "data-deployment", report.name())
                .findElement(By.cssSelector("a.metric[data-metric='" + metric.getKey() + "']")));
        assertThat(listedDevices())
            .as(report.name() + " " + metric.getKey())
            .hasSize(metric.getValue().intValue())
            .containsExactlyElementsOf(counted);
      }
    }
    browser.screenshot("devices-behind-a-metric");
  }

  @Test
  @Order(3)
  void aCountOnTheDeploymentPageListsItsDevices() {
    NamespaceResolution resolved = resolveCampus();
    browser.open(url + "deployments/campus/prod-base");
    browser.screenshot("deployment");
    browser.clickThrough(
        browser.driver().findElement(By.cssSelector(".tiles a[data-count='targeted']")));
    List<String> targeted =
        resolved.decisions().stream()
            .filter(d -> d.targetedBy().contains("prod-base"))
            .map(d -> d.device().name())
            .sorted()
            .toList();
    assertThat(listedDevices()).containsExactlyElementsOf(targeted).hasSize(7);
  }

  @Test
  @Order(4)
  void aDevicePageExplainsASkippedLayer() {
    browser.open(url + "devices/campus/b20-f1-lobby");
    WebElement lobby = row("considered", "data-deployment", "lobby-signage");
    assertThat(lobby.getText()).contains("not applied");
    assertThat(lobby.findElement(By.cssSelector(".reason")).getText())
        .isEqualTo("layered at or below base priority (base prod-base has priority 10)");
    assertThat(browser.driver().findElement(By.id("runs")).getText())
        .isEqualTo("prod-base + model-4000x-vibration, b20-sensor-tuning");
    assertThat(browser.driver().findElement(By.id("provenance")).getText())
        .contains("VibrationMonitor model-4000x-vibration");
    browser.screenshot("device");
  }

  @Test
  @Order(4)
  void aDevicePageShowsEachParametersValueAndWhereItCameFrom() {
    browser.open(url + "devices/campus/b20-f2-conf-02");
    List<String> rows =
        browser.driver().findElements(By.cssSelector("#parameters tbody tr")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(rows)
        .contains(
            "spec.moduleTwins.RoomDisplay.properties.desired.displayName ${tags.room} 2.02"
                + " conference-displays",
            "spec.moduleTwins.RoomDisplay.properties.desired.room ${tags.room} 2.02"
                + " conference-displays");
    browser.screenshot("device-parameters");
  }

  @Test
  @Order(5)
  void aTargetConditionWithASyntaxErrorShowsTheColumn() {
    browser.open(url + "devices");
    WebElement where = browser.driver().findElement(By.id("where"));
    where.sendKeys("tags.building = '20' AND");
    browser.submitThrough(where);
    WebElement error = browser.driver().findElement(By.id("where-error"));
    assertThat(error.getText()).contains("at column 25").contains("^");
    assertThat(browser.driver().findElement(By.id("where")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    browser.screenshot("devices-search-error");

    browser.open(url + "devices");
    where = browser.driver().findElement(By.id("where"));
    where.sendKeys("tags.building = '20' AND properties.reported.devicemodel = '4000x'");
    browser.submitThrough(where);
    assertThat(listedDevices()).containsExactly("b20-f1-lobby", "b20-f2-conf-01");
    browser.screenshot("devices");
  }

  @Test
  @Order(6)
  void aPreviewOfRaisingLobbySignagesPriorityListsExactlyTheLobbyDevice() {
    browser.open(url + "preview?ns=campus&from=lobby-signage");
    WebElement yaml = browser.driver().findElement(By.id("yaml"));
    String text = yaml.getAttribute("value");
    assertThat(text).contains("name: lobby-signage").contains("priority: 5");
    browser
        .driver()
        .executeScript(
            "arguments[0].value = arguments[1];",
            yaml,
            text.replace("priority: 5", "priority: 15"));
    browser.clickThrough(browser.driver().findElement(By.id("preview")));
    assertThat(browser.driver().findElement(By.id("validation")).getText()).contains("valid");
    assertThat(
            browser.driver().findElements(By.cssSelector("#changes tbody tr")).stream()
                .map(r -> r.getAttribute("data-device"))
                .toList())
        .containsExactly("b20-f1-lobby");
    assertThat(browser.driver().findElement(By.cssSelector("#changes tbody tr")).getText())
        .contains("prod-base + lobby-signage, model-4000x-vibration, b20-sensor-tuning")
        .contains("LobbySign added");
    assertThat(
            browser
                .driver()
                .findElement(By.cssSelector("#counts tr[data-deployment='lobby-signage']"))
                .getText())
        .isEqualTo("lobby-signage 1 0 → 1");
    browser.screenshot("preview");
  }

  @Test
  @Order(7)
  void theGuidedFormBuildsYamlAndItsPreviewShowsErrors() {
    browser.open(url + "preview?ns=campus");
    type("f-name", "lobby-kiosk");
    type("f-priority", "50");
    browser.driver().findElement(By.name("f.layered")).click();
    type("f-target", "tags.roomtype='lobby'");
    type("f-module-0-name", "Kiosk");
    type("f-module-0-image", "contoso.azurecr.io/kiosk:1.0");
    browser.clickThrough(browser.driver().findElement(By.id("build")));
    assertThat(browser.driver().findElement(By.id("yaml")).getAttribute("value"))
        .contains("name: lobby-kiosk")
        .contains("layered: true")
        .contains("image: contoso.azurecr.io/kiosk:1.0");
    assertThat(
            browser.driver().findElements(By.cssSelector("#changes tbody tr")).stream()
                .map(r -> r.getAttribute("data-device"))
                .toList())
        .containsExactly("b20-f1-lobby");
    browser.screenshot("preview-guided-form");

    browser.driver().findElement(By.id("f-target")).clear();
    type("f-target", "tags.roomtype = ");
    browser.clickThrough(browser.driver().findElement(By.id("build")));
    assertThat(browser.driver().findElement(By.id("validation")).getText())
        .contains("Invalid")
        .contains("column");
    assertThat(browser.driver().findElement(By.id("change-count")).getText()).isEqualTo("0");
  }

  private static void type(String id, String text) {
    browser.driver().findElement(By.id(id)).sendKeys(text);
  }

  @Test
  @Order(8)
  void theDeploymentsPageFollowsAPatchWithoutAReload() {
    browser.open(url + "deployments");
    browser.driver().executeScript("window.consoleTestMarker = 'same page';");
    await()
        .atMost(WAIT)
        .until(() -> browser.driver().findElement(By.id("live")).getText().startsWith("live"));
    client
        .resources(EdgeDeployment.class)
        .inNamespace("campus")
        .withName("b20-sensor-tuning")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"priority\":41}}");
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(
                        row("deployments", "data-deployment", "b20-sensor-tuning")
                            .findElements(By.cssSelector("td.num"))
                            .get(0)
                            .getText())
                    .isEqualTo("41"));
    assertThat(browser.driver().executeScript("return window.consoleTestMarker;"))
        .as("the page was updated in place, not reloaded")
        .isEqualTo("same page");
  }

  @Test
  @Order(9)
  void noRequestLeavesThisMachine() {
    browser.size(390, 844);
    for (String page :
        List.of(
            "deployments",
            "deployments/campus/conference-displays",
            "devices",
            "devices/campus/b20-f2-conf-01",
            "preview?ns=campus&from=conference-displays")) {
      browser.open(url + page);
      browser.screenshot("narrow-" + page.replaceAll("[^a-z0-9]+", "-"));
    }
    browser.size(1280, 900);
    List<String> requested = browser.requested();
    assertThat(requested).isNotEmpty();
    assertThat(requested)
        .allSatisfy(
            r -> assertThat(r).matches("^(http://127\\.0\\.0\\.1:\\d+/.*|data:.*|about:.*)$"));
  }

  private static WebElement row(String table, String attribute, String value) {
    return browser
        .driver()
        .findElement(By.cssSelector("#" + table + " tr[" + attribute + "='" + value + "']"));
  }

  private static long count(WebElement row, String count) {
    return Long.parseLong(
        row.findElement(By.cssSelector("a.count[data-count='" + count + "']")).getText());
  }

  private static List<String> listedDevices() {
    return browser.driver().findElements(By.cssSelector("#devices tbody tr")).stream()
        .map(r -> r.getAttribute("data-device"))
        .toList();
  }

  private static List<DeploymentSource> deploymentSources() {
    return client.resources(EdgeDeployment.class).inNamespace("campus").list().getItems().stream()
        .map(DeploymentCatalog::source)
        .toList();
  }

  /** What {@code edgefleet resolve} decides for the objects the API server holds now. */
  private static NamespaceResolution resolveCampus() {
    Map<String, ConfigMap> configMaps =
        client.configMaps().inNamespace("campus").list().getItems().stream()
            .collect(Collectors.toMap(c -> c.getMetadata().getName(), Function.identity()));
    List<DeviceSource> devices =
        client.resources(EdgeDevice.class).inNamespace("campus").list().getItems().stream()
            .map(
                d ->
                    DeviceInputs.source(
                        d,
                        d.getStatus() == null || d.getStatus().getConfigMapName() == null
                            ? null
                            : configMaps.get(d.getStatus().getConfigMapName())))
            .toList();
    return NamespaceResolution.resolve("campus", deploymentSources(), devices);
  }
}

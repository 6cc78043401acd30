package io.edgefleet.cli.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium and chromedriver, driven by Selenium offline (no Selenium Manager download):
 * the paths are given explicitly. Missing browser: the tests are skipped on a developer's machine
 * and FAIL under CI=true (scripts/fetch-tools installs both).
 */
final class HeadlessChromium implements AutoCloseable {

  private static final List<Path> BROWSERS =
      List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
  private static final List<Path> DRIVERS =
      List.of(Path.of("/usr/bin/chromedriver"), Path.of("/usr/lib/chromium/chromedriver"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChromeDriver driver;
  private final Path screenshots;
  private final List<String> requested = new ArrayList<>();

  private HeadlessChromium(ChromeDriver driver, Path screenshots) {
    this.driver = driver;
    this.screenshots = screenshots;
  }

  /** Starts a headless browser with a network log, or skips (fails under CI) without one. */
  static HeadlessChromium start(Path screenshots) {
    Path browser = find("CHROME_BIN", BROWSERS);
    Path driverBinary = find("CHROMEDRIVER", DRIVERS);
    if (browser == null || driverBinary == null) {
      String why =
          "chromium and chromedriver are needed (apt-get install chromium chromium-driver;"
              + " scripts/fetch-tools does it)";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    System.setProperty("webdriver.chrome.driver", driverBinary.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--metrics-recording-only",
        "--disable-domain-reliability",
        "--window-size=1280,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.toFile()).build();
    try {
      Files.createDirectories(screenshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new HeadlessChromium(new ChromeDriver(service, options), screenshots);
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Opens a URL and records the requests the page made. */
  void open(String url) {
    driver.get(url);
    drainNetworkLog();
  }

  /**
   * Clicks a link or a form's button and waits until the page it leads to has loaded: a click can
   * return before the browser has left the page it was on, and what is looked for next would then
   * be looked for there.
   */
  void clickThrough(WebElement element) {
    leave(element::click);
  }

  /** Submits the form of {@code element} and waits until the page it leads to has loaded. */
  void submitThrough(WebElement element) {
    leave(element::submit);
  }

  private void leave(Runnable action) {
    driver.executeScript("window.edgefleetLeftBehind = true;");
    action.run();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                Boolean.TRUE.equals(
                    driver.executeScript(
                        "return window.edgefleetLeftBehind === undefined"
                            + " && document.readyState === 'complete';")));
    drainNetworkLog();
  }

  /** Every URL the browser requested so far (from its network log). */
  List<String> requested() {
    drainNetworkLog();
    return List.copyOf(requested);
  }

  /** Writes a screenshot to the artifacts folder. */
  Path screenshot(String name) {
    try {
      Path file = screenshots.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Resizes the window (narrow screens). */
  void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  private void drainNetworkLog() {
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      try {
        JsonNode message = JSON.readTree(entry.getMessage()).path("message");
        if (message.path("method").asText().equals("Network.requestWillBeSent")) {
          requested.add(message.path("params").path("request").path("url").asText());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Path find(String variable, List<Path> candidates) {
    String given = System.getenv(variable);
    if (given != null && !given.isBlank() && Files.isExecutable(Path.of(given))) {
      return Path.of(given);
    }
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Override
  public void close() {
    driver.quit();
  }
}

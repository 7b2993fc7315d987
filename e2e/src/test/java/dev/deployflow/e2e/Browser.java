package dev.deployflow.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by its chromium-driver through Selenium, with a fresh
 * profile and nothing that talks to the network on its own. {@code scripts/ensure-chromium.sh}
 * installs both.
 */
public final class Browser implements AutoCloseable {
  private final WebDriver driver;
  private final Path profile;

  private Browser(WebDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Chromium and its driver, when both are installed. */
  public static Optional<Path[]> installed() {
    Optional<Path> chromium = onPath("chromium").or(() -> onPath("chromium-browser"));
    Optional<Path> driver = onPath("chromedriver");
    return chromium.isPresent() && driver.isPresent()
        ? Optional.of(new Path[] {chromium.get(), driver.get()})
        : Optional.empty();
  }

  private static Optional<Path> onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (!dir.isBlank() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Starts a headless browser of 1600x1200 pixels. */
  public static Browser start() {
    Path[] paths = installed().orElseThrow();
    try {
      Path profile = Files.createTempDirectory(E2ePaths.targetDir("chromium"), "profile");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(paths[0].toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--window-size=1600,1200",
          "--user-data-dir=" + profile);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(paths[1].toFile())
              .usingAnyFreePort()
              .withLogFile(E2ePaths.targetDir("chromium").resolve("chromedriver.log").toFile())
              .build();
      return new Browser(new ChromeDriver(service, options), profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens {@code url}. */
  public void open(String url) {
    driver.get(url);
  }

  /** The page's visible text once it matches {@code until}, or the last text after the timeout. */
  public String awaitText(Duration timeout, Predicate<String> until) {
    return awaitText(timeout, until, false);
  }

  /**
   * Like {@link #awaitText(Duration, Predicate)}, with the text of the page's frames when
   * {@code withFrames}; reading frames is slow on pages with many of them, so only the pages
   * whose Markdown matters ask for it.
   */
  public String awaitText(Duration timeout, Predicate<String> until, boolean withFrames) {
    String[] last = {""};
    long started = System.nanoTime();
    try {
      new WebDriverWait(driver, timeout)
          .pollingEvery(Duration.ofMillis(300))
          .until(
              d -> {
                last[0] =
                    withFrames ? pageText() : d.findElement(By.tagName("body")).getText();
                return until.test(last[0]);
              });
    } catch (org.openqa.selenium.TimeoutException e) {
      // The caller's assertion says what was missing, with the text the page showed.
      System.out.printf("e2e: %s did not show the expected text within %ds; it showed:%n%s%n",
          driver.getCurrentUrl(), timeout.toSeconds(), last[0]);
      return last[0];
    }
    System.out.printf("e2e: %s showed the expected text after %d ms%n",
        driver.getCurrentUrl(), (System.nanoTime() - started) / 1_000_000);
    return last[0];
  }

  /**
   * The visible text of the page and of its frames: the Temporal UI renders the Markdown of
   * summaries and details in sandboxed iframes.
   */
  public String pageText() {
    StringBuilder text = new StringBuilder(driver.findElement(By.tagName("body")).getText());
    for (org.openqa.selenium.WebElement frame : driver.findElements(By.tagName("iframe"))) {
      try {
        driver.switchTo().frame(frame);
        text.append("\n").append(driver.findElement(By.tagName("body")).getText());
      } catch (org.openqa.selenium.WebDriverException gone) {
        // The frame was replaced while the page re-rendered; the next poll reads the new one.
      } finally {
        driver.switchTo().defaultContent();
      }
    }
    return text.toString();
  }

  /** Clicks the first visible element whose own text is {@code text}, e.g. a tab or a button. */
  public void click(String text) {
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .until(
            d ->
                d.findElements(By.xpath("//*[normalize-space(text())='" + text + "']")).stream()
                    .filter(org.openqa.selenium.WebElement::isDisplayed)
                    .findFirst()
                    .map(
                        e -> {
                          e.click();
                          return true;
                        })
                    .orElse(false));
  }

  /** The underlying driver, for clicks. */
  public WebDriver driver() {
    return driver;
  }

  /** Saves a PNG of the window under {@code e2e/target/screenshots/}. */
  public Path screenshot(String name) {
    Path file = E2ePaths.targetDir("screenshots").resolve(name + ".png");
    try {
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A leftover profile under e2e/target is harmless.
      }
    }
  }
}

package dev.deployflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.client.StartedRelease;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.RejectMessage;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Temporal UI of the dev server, in a real browser: a finished release of the bundled
 * {@code demo-shop} pipeline and one waiting at its approval gate show the release's summary,
 * its current details, and the summaries of its activities and child workflows. Screenshots go
 * to {@code e2e/target/screenshots/}.
 */
@RealTemporal
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemporalUiTest {
  private static final Duration PAGE = Duration.ofSeconds(30);

  private Browser browser;
  private StartedRelease finished;
  private StartedRelease atGate;

  /**
   * Both releases run at once on the shared worker, so that the one at its gate costs no time
   * of its own; then the demo release is approved and runs to its end.
   */
  @BeforeAll
  void releasesAndBrowser(SharedStack stack) {
    assumeTrue(
        Browser.installed().isPresent(),
        "chromium and chromium-driver are not installed: run scripts/ensure-chromium.sh");
    ReleaseClient releases = stack.devServer().releases();
    stack.target().state().seed("1.0.0");
    finished =
        releases.start(
            new ReleaseRequest("demo-shop", "1.1.0", null, null, null, "alice", List.of(), null));
    atGate =
        releases.start(
            new ReleaseRequest(
                "e2e-ui-gate", "7.0.0", "e2e-gate", null, null, "alice", List.of(), null));
    browser = Browser.start();
    Await.status(releases, "demo-shop", Duration.ofSeconds(90), Await::waitingAtGate);
    releases.approve("demo-shop", new ApproveMessage("bob", null, null));
    Await.status(releases, "e2e-ui-gate", Duration.ofSeconds(60), Await::waitingAtGate);
  }

  @AfterAll
  void close(SharedStack stack) {
    if (browser != null) {
      browser.close();
    }
    if (atGate != null) {
      stack.devServer().releases()
          .reject("e2e-ui-gate", new RejectMessage("bob", null, "the UI test is done"));
    }
  }

  @Test
  void aFinishedDemoReleaseShowsItsSummaryDetailsAndActivitySummaries(SharedStack stack)
      throws Exception {
    ReleaseClient releases = stack.devServer().releases();
    assertThat(releases.awaitResult("demo-shop", Duration.ofSeconds(120)).outcome())
        .isEqualTo(Outcome.SUCCEEDED);

    String text = pages(stack, finished, "demo-shop-succeeded", "demo-shop 1.1.0");
    assertThat(text)
        .as("the release's summary")
        .contains("release demo-shop 1.1.0 requested by alice");
    assertThat(text)
        .as("its current details")
        .contains("demo-shop 1.1.0 — phase completion, done, outcome succeeded")
        .contains("production: 1.1.0 at 100% (was 1.0.0)");
    assertThat(text)
        .as("the summaries of its activities, timers and child workflows")
        .contains("load pipeline demo-shop")
        .contains("build api 1.1.0")
        .contains("smoke test health in staging")
        .contains("rollout pause 3s at canary 10%")
        .contains("deploy api 1.1.0 to production at 100%")
        .contains("stability window 10s in production, error-rate every 2s");
  }

  /**
   * The release's page: its User Metadata tab (summary and current details), then its event
   * history in the compact view (one line per activity, timer and child, by summary). Returns
   * the text of both; saves a screenshot and the text of each.
   */
  private String pages(SharedStack stack, StartedRelease started, String name, String release)
      throws Exception {
    browser.open(stack.devServer().uiUrl(started.workflowId(), started.runId()));
    browser.awaitText(PAGE, t -> t.contains("Event ID") && t.contains("Event Type"));
    browser.click("User Metadata");
    String metadata = browser.awaitText(PAGE, t -> t.contains(release + " — phase"), true);
    browser.screenshot(name + "-metadata");
    Files.writeString(E2ePaths.targetDir("screenshots").resolve(name + "-metadata.txt"), metadata);
    browser.open(stack.devServer().uiUrl(started.workflowId(), started.runId()));
    browser.awaitText(PAGE, t -> t.contains("Event ID") && t.contains("Event Type"));
    browser.click("Compact");
    String compact = browser.awaitText(PAGE, t -> t.contains("smoke test health in staging"));
    browser.screenshot(name + "-history");
    Files.writeString(E2ePaths.targetDir("screenshots").resolve(name + "-history.txt"), compact);
    return metadata + "\n" + compact;
  }

  @Test
  void aReleaseAtItsGateShowsWhatItWaitsFor(SharedStack stack) throws Exception {
    String text = pages(stack, atGate, "e2e-ui-gate-waiting", "e2e-ui-gate 7.0.0");
    assertThat(text).contains("release e2e-ui-gate 7.0.0 requested by alice");
    assertThat(text)
        .as("the current details say what it waits for")
        .contains("e2e-ui-gate 7.0.0 — phase approval, waiting")
        .contains("waiting for approval of 7.0.0 to production");
    assertThat(text)
        .as("the activities so far, by summary")
        .contains("deploy api 7.0.0 to staging at 100%")
        .contains("smoke test health in staging");
  }
}

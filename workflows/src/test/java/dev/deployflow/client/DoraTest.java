package dev.deployflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.model.DoraReport;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseHistoryEntry;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** DORA over listed releases, and one listed execution turned into a history entry: pure functions. */
class DoraTest {
  private static final Instant SINCE = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant UNTIL = Instant.parse("2026-11-11T00:00:00Z");

  private static ReleaseHistoryEntry release(String started, Outcome outcome, String committed, String live,
      String failedAt, String restoredAt) {
    return new ReleaseHistoryEntry("shop", "1.0", outcome, "alice", List.of(), started, null, 0, "run", null,
        committed, live, failedAt, restoredAt);
  }

  @Test
  void theFourFiguresOverAWindow() {
    List<ReleaseHistoryEntry> releases = List.of(
        // Succeeded, lead time 1 h.
        release("2026-11-02T10:00:00Z", Outcome.SUCCEEDED, "2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z", null, null),
        // Succeeded, lead time 3 h.
        release("2026-11-03T10:00:00Z", Outcome.SUCCEEDED, "2026-11-03T07:00:00Z", "2026-11-03T10:00:00Z", null, null),
        // Succeeded without committedAt: counts for frequency, not for lead time.
        release("2026-11-04T10:00:00Z", Outcome.SUCCEEDED, null, "2026-11-04T10:05:00Z", null, null),
        // Rolled back, restored in 120 s.
        release("2026-11-05T10:00:00Z", Outcome.ROLLED_BACK, null, null, "2026-11-05T10:10:00Z", "2026-11-05T10:12:00Z"),
        // Rejected, aborted and running: none counts.
        release("2026-11-06T10:00:00Z", Outcome.REJECTED, null, null, null, null),
        release("2026-11-06T11:00:00Z", Outcome.ABORTED, null, null, null, null),
        release("2026-11-07T11:00:00Z", null, null, null, null, null),
        // Outside the window.
        release("2026-10-30T10:00:00Z", Outcome.FAILED, null, null, null, null));

    DoraReport report = Dora.compute("shop", releases, SINCE, UNTIL);

    assertThat(report.succeeded()).isEqualTo(3);
    assertThat(report.failed()).isEqualTo(1);
    assertThat(report.deployments()).isEqualTo(4);
    assertThat(report.deploymentsPerDay()).isEqualTo(0.3);
    assertThat(report.leadTimeSeconds()).isEqualTo(7200.0);
    assertThat(report.changeFailureRate()).isEqualTo(0.25);
    assertThat(report.timeToRestoreSeconds()).isEqualTo(120.0);
  }

  @Test
  void withoutReleasesTheRatesAreUnknownNotZero() {
    DoraReport report = Dora.compute("shop", List.of(), SINCE, UNTIL);
    assertThat(report.deployments()).isZero();
    assertThat(report.deploymentsPerDay()).isZero();
    assertThat(report.leadTimeSeconds()).isNull();
    assertThat(report.changeFailureRate()).isNull();
    assertThat(report.timeToRestoreSeconds()).isNull();
  }

  @ParameterizedTest
  @CsvSource({"30d,PT720H", "12h,PT12H", "90m,PT1H30M", "P7D,PT168H"})
  void sinceAcceptsShortAndIsoDurations(String text, String expected) {
    assertThat(Dora.parseSince(text)).isEqualTo(Duration.parse(expected));
  }

  @Test
  void sinceRefusesWhatIsNoDuration() {
    assertThatThrownBy(() -> Dora.parseSince("last week")).hasMessageContaining("since: 'last week'");
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "succeeded, WORKFLOW_EXECUTION_STATUS_COMPLETED, succeeded",
      "rolled_back, WORKFLOW_EXECUTION_STATUS_COMPLETED, rolled_back",
      "null, WORKFLOW_EXECUTION_STATUS_TERMINATED, failed",
      "null, WORKFLOW_EXECUTION_STATUS_FAILED, failed",
      "aborted, WORKFLOW_EXECUTION_STATUS_CANCELED, aborted",
      "null, WORKFLOW_EXECUTION_STATUS_RUNNING, null"})
  void theOutcomeComesFromTheReleaseOrFromHowTheRunClosed(String recorded, WorkflowExecutionStatus status, String expected) {
    Outcome outcome = ReleaseHistory.outcome(recorded, status);
    assertThat(outcome == null ? null : outcome.json()).isEqualTo(expected);
  }

  @Test
  void anExecutionBecomesAHistoryEntryWithItsUiLink() {
    ReleaseHistoryEntry entry = ReleaseHistory.entry(
        Map.of("DeployApplication", "shop", "DeployVersion", "1.2.0", "DeployOutcome", "succeeded",
            "DeployRequestedBy", "alice", "DeployApprovedBy", "bob,carol", "DeployLiveAt", "2026-11-02T10:00:30Z"),
        Instant.parse("2026-11-02T10:00:00Z"), Instant.parse("2026-11-02T10:01:05Z"),
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED, "deploy-shop", "r-1", "default",
        "http://127.0.0.1:8233/", Instant.parse("2026-11-03T00:00:00Z"));
    assertThat(entry.version()).isEqualTo("1.2.0");
    assertThat(entry.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(entry.approvedBy()).containsExactly("bob", "carol");
    assertThat(entry.durationSeconds()).isEqualTo(65);
    assertThat(entry.finishedAt()).isEqualTo("2026-11-02T10:01:05Z");
    assertThat(entry.uiLink()).isEqualTo("http://127.0.0.1:8233/namespaces/default/workflows/deploy-shop/r-1/history");
    assertThat(ReleaseHistory.uiLink(null, "default", "deploy-shop", "r-1")).isNull();
  }
}

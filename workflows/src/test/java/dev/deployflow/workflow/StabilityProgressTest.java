package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RunState;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.workflow.support.MockActivities;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A person watching a long stability window sees its progress while it runs: the monitor child
 * reports to the release every few checks (at most {@link StabilityChecks#MAX_REPORTS}
 * times per window) and at once when a metric turns unhealthy.
 */
class StabilityProgressTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void theStatusShowsTheWindowsProgressWhileItRuns() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval()
        .rollout(new RolloutStep(100, null, List.of()))
        .stability("2h", "1m", TestPipelines.ERROR_RATE).build());
    AtomicInteger reads = new AtomicInteger();
    // The seventh check has no data: inconclusive, within the template's inconclusiveLimit of 1.
    when(harness.mocks.metrics.measure(any())).thenAnswer(inv -> reads.incrementAndGet() == 7
        ? MockActivities.noData().answer(inv) : MockActivities.healthy().answer(inv));
    harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitWaiting("stability window 2h in production");

    harness.sleep(Duration.ofMinutes(7).plusSeconds(30));
    // Check 7 is not a periodic report (every 5 checks for 120), but a metric turned unhealthy.
    ReleaseStatus alerted = harness.awaitStatus("the inconclusive check reported",
        s -> s.currentStep().contains("7/120 checks"));
    assertThat(alerted.currentStep()).contains("7m of 2h, 7/120 checks, error-rate: 1 inconclusive");
    assertThat(alerted.state()).isEqualTo(RunState.WAITING);

    harness.sleep(Duration.ofMinutes(33));
    ReleaseStatus progress = harness.awaitStatus("40 checks reported", s -> s.currentStep().contains("40/120 checks"));
    assertThat(progress.currentStep())
        .startsWith("stability window 2h in production, error-rate every 1m — 40m of 2h, 40/120 checks, error-rate: 1 inconclusive");
    assertThat(progress.analysis()).filteredOn(a -> a.step().equals("stability")).singleElement().satisfies(a -> {
      assertThat(a.verdict()).hasToString("running");
      assertThat(a.measurements()).hasSize(StabilityChecks.RECENT)
          .allSatisfy(m -> assertThat(m.outcome()).hasToString("successful"));
    });

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(harness.status().analysis()).filteredOn(a -> a.step().equals("stability")).singleElement()
        .satisfies(a -> assertThat(a.verdict()).hasToString("passed"));
    // The monitor's first run (80 of the 120 checks) ends in continue-as-new: recorded for ReplayTest.
    io.temporal.common.WorkflowExecutionHistory firstRun = harness.history(MONITOR, firstMonitorRun());
    assertThat(firstRun.getLastEvent().getEventType())
        .isEqualTo(io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    dev.deployflow.workflow.support.Histories.recordIfAsked("stability-monitor", firstRun);
  }

  /** The monitor child's workflow id. */
  static final String MONITOR = "deploy-shop/production/stability";

  private String firstMonitorRun() {
    for (var event : harness.history().getEvents()) {
      if (event.getEventType() == io.temporal.api.enums.v1.EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED
          && event.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution().getWorkflowId().equals(MONITOR)) {
        return event.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution().getRunId();
      }
    }
    throw new AssertionError("the monitor was never started");
  }

  @Test
  void aProgressSignalFromAnyoneButTheReleasesOwnMonitorIsRefusedAndListed() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval()
        .rollout(new RolloutStep(100, null, List.of()))
        .stability("2h", "1m", TestPipelines.ERROR_RATE).build());
    harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitWaiting("stability window 2h in production");
    // A forged report: the right shape, claiming 99 healthy checks, but sent by a client.
    harness.stub().signal(StabilityProgressListener.SIGNAL, java.util.Map.of(
        "sender", java.util.Map.of("workflowId", "deploy-shop/production/stability", "runId", "forged"),
        "progress", java.util.Map.of("verdict", "RUNNING", "checks", 99, "runs", 1, "reason", "error-rate ok",
            "analysis", List.of())));
    // A report without a sender is refused too; the old shape does not even decode (the SDK drops
    // it); neither breaks the release.
    harness.stub().signal(StabilityProgressListener.SIGNAL, java.util.Map.of("progress", java.util.Map.of("checks", 4,
        "analysis", java.util.Arrays.asList(null, java.util.Map.of("metric", TestPipelines.ERROR_RATE)))));
    harness.stub().signal(StabilityProgressListener.SIGNAL, java.util.Map.of("checks", 3));
    ReleaseStatus status = harness.awaitStatus("the forged signals refused", s -> s.rejectedMessages().size() == 2);
    assertThat(status.currentStep()).doesNotContain("99/120 checks").doesNotContain("4/120 checks");
    assertThat(status.rejectedMessages()).allSatisfy(r -> {
      assertThat(r.name()).isEqualTo(StabilityProgressListener.SIGNAL);
      assertThat(r.reason()).contains("accepted only from the release's own stability monitor");
    });
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void stabilityChecksGetTheSameReleaseVariablesAsTheRolloutAnalysis() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval()
        .rollout(new RolloutStep(100, null, List.of()))
        .stability("10m", "5m", TestPipelines.ERROR_RATE).build());
    harness.start(ReleaseHarness.request("1.2.0"));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    org.mockito.ArgumentCaptor<dev.deployflow.activity.MetricActivities.MeasureRequest> reads =
        org.mockito.ArgumentCaptor.forClass(dev.deployflow.activity.MetricActivities.MeasureRequest.class);
    org.mockito.Mockito.verify(harness.mocks.metrics, org.mockito.Mockito.times(2)).measure(reads.capture());
    // A query may compare with the stable version (${previousVersion}), in the window as in the canary steps.
    assertThat(reads.getAllValues()).allSatisfy(r -> assertThat(r.vars()).containsExactly(
        java.util.Map.entry("application", TestPipelines.APP), java.util.Map.entry("version", "1.2.0"),
        java.util.Map.entry("environment", TestPipelines.PRODUCTION), java.util.Map.entry("previousVersion", "1.1.0")));
  }

  @Test
  void elapsedTimeReadsAsAPersonWritesIt() {
    assertThat(StabilityWatch.elapsed(40 * 60_000L)).isEqualTo("40m");
    assertThat(StabilityWatch.elapsed(100 * 60_000L)).isEqualTo("1h40m");
    assertThat(StabilityWatch.elapsed(2 * 3_600_000L)).isEqualTo("2h");
    assertThat(StabilityWatch.elapsed(51 * 3_600_000L + 59_999)).isEqualTo("2d3h");
  }
}

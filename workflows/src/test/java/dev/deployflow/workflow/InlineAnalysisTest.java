package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.MetricActivities.MeasureRequest;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.model.AnalysisState;
import dev.deployflow.model.MeasurementState;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.AnalysisStatus;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.RunState;
import dev.deployflow.pipeline.AnalysisTemplate;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.workflow.support.Histories;
import dev.deployflow.workflow.support.MockActivities;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A short analysis (at most {@link AnalysisRun#INLINE_UP_TO} measurements) runs in the release
 * itself: it starts no child workflow, yet decides, shows its progress and ends as the child did;
 * a promotion, a rollback or another metric's verdict stops it as it stops a child. A longer one
 * still runs in a child.
 */
class InlineAnalysisTest {
  private static final String LATENCY = "latency";
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aFailedShortAnalysisStartsNoChildAndRollsBackWithTheSameReason() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().build());
    when(harness.mocks.metrics.measure(any())).thenAnswer(MockActivities.value(0.05));
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).contains("analysis failed: error-rate failed at canary 10%: 1 failed (last: 0.05 is above max 0.01)");
    assertThat(analysisChildren()).isEmpty();
    // The read was the release's own local activity: a marker in its history.
    assertThat(events(EventType.EVENT_TYPE_MARKER_RECORDED)).isNotEmpty();
    assertThat(harness.status().analysis()).singleElement().satisfies(a -> {
      assertThat(a.step()).isEqualTo("canary 10%");
      assertThat(a.verdict()).isEqualTo(AnalysisState.FAILED);
      assertThat(a.measurements()).singleElement().satisfies(m -> {
        assertThat(m.outcome()).isEqualTo(MeasurementState.FAILED);
        assertThat(m.detail()).isEqualTo("0.05 is above max 0.01");
      });
    });
  }

  @Test
  void anInconclusiveShortAnalysisWaitsForAPersonWithoutAChild() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().build());
    when(harness.mocks.metrics.measure(any())).thenAnswer(MockActivities.noData());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseStatus waiting = harness.skipUntilGate("analysis");

    assertThat(waiting.state()).isEqualTo(RunState.WAITING);
    assertThat(waiting.currentStep()).startsWith("waiting for a decision: analysis of canary 10% was inconclusive: "
        + "error-rate inconclusive at canary 10%: 2 inconclusive (last: no data: empty result)");
    assertThat(waiting.analysis()).singleElement().satisfies(a -> {
      assertThat(a.verdict()).isEqualTo(AnalysisState.INCONCLUSIVE);
      assertThat(a.measurements()).extracting(ReleaseStatus.MeasurementStatus::outcome)
          .containsExactly(MeasurementState.INCONCLUSIVE, MeasurementState.INCONCLUSIVE);
    });
    workflow.rollback(new RollbackMessage("bob", "no data, no release", null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(analysisChildren()).isEmpty();
  }

  @Test
  void aPromotionDuringAShortAnalysisSkipsWhatIsLeftOfIt() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitWaiting("canary 10% — pause 10m");
    workflow.promote(new PromoteMessage("bob", false));
    // The first of three measurements is taken and shown; the release waits on the interval.
    harness.awaitWaiting("canary 10% — analysis 1/3");
    harness.awaitStatus("first measurement shown", s -> canary10(s).measurements().size() == 1);
    harness.awaitQuiet();
    workflow.promote(new PromoteMessage("carol", false));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);

    ReleaseStatus status = harness.status();
    assertThat(status.timeline()).extracting(ReleaseStatus.TimelineEvent::event).contains("analysis of canary 10% skipped by carol");
    assertThat(canary10(status).verdict()).isEqualTo(AnalysisState.SKIPPED);
    assertThat(canary10(status).measurements()).hasSize(1);
    // The promotion skipped only what was left of canary 10%: canary 50% takes all three measurements.
    assertThat(status.analysis()).filteredOn(a -> a.step().equals("canary 50%")).singleElement().satisfies(a -> {
      assertThat(a.verdict()).isEqualTo(AnalysisState.PASSED);
      assertThat(a.measurements()).hasSize(3);
    });
    assertThat(analysisChildren()).isEmpty();
    assertThat(cancelledTimers()).contains("analysis interval of error-rate at canary 10% (1/3 taken)");
  }

  @Test
  void aRollbackDuringAShortAnalysisIntervalStopsItAtOnce() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitWaiting("canary 10% — pause 10m");
    workflow.promote(new PromoteMessage("bob", false));
    harness.awaitWaiting("canary 10% — analysis 1/3");
    harness.awaitStatus("first measurement shown", s -> canary10(s).measurements().size() == 1);
    harness.awaitQuiet();
    long markers = events(EventType.EVENT_TYPE_MARKER_RECORDED).size();
    workflow.rollback(new RollbackMessage("carol", "latency spike", null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);

    // No measurement after the rollback: the interval's timer was cancelled, not waited out.
    verify(harness.mocks.metrics, times(1)).measure(any());
    assertThat(events(EventType.EVENT_TYPE_MARKER_RECORDED)).hasSize((int) markers);
    assertThat(cancelledTimers()).contains("analysis interval of error-rate at canary 10% (1/3 taken)");
    assertThat(harness.status().analysis()).singleElement().satisfies(a -> {
      assertThat(a.verdict()).isEqualTo(AnalysisState.CANCELLED);
      assertThat(a.measurements()).hasSize(1);
    });
    assertThat(analysisChildren()).isEmpty();
  }

  /** The threshold decides from the plan: ten measurements run in the release, eleven in a child. */
  @ParameterizedTest
  @CsvSource({"10, false", "11, true"})
  void theCountDecidesWhereTheAnalysisRuns(int count, boolean inChild) {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().noStability().errorRate(count, 0, 1, 2, null).build());
    harness.start(ReleaseHarness.request("1.2.0"));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);

    String first = harness.workflowId() + "/production/analysis-1/error-rate";
    String second = harness.workflowId() + "/production/analysis-2/error-rate";
    assertThat(analysisChildren()).isEqualTo(inChild ? List.of(first, second) : List.of());
    verify(harness.mocks.metrics, times(2 * count)).measure(any());
    // The status looks the same either way: the latest ten measurements and the verdict.
    assertThat(harness.status().analysis()).extracting(AnalysisStatus::step, AnalysisStatus::verdict, a -> a.measurements().size())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("canary 10%", AnalysisState.PASSED, 10),
            org.assertj.core.groups.Tuple.tuple("canary 50%", AnalysisState.PASSED, 10));
  }

  @Test
  void aShortAnalysisThatFailsStopsTheLongOneInItsChild() {
    harness = new ReleaseHarness(twoMetrics().build());
    when(harness.mocks.metrics.measure(any())).thenAnswer(inv -> {
      MeasureRequest request = inv.getArgument(0);
      return request == null ? null : Measurement.value(request.metric(),
          request.metric().equals(TestPipelines.ERROR_RATE) ? 0.05 : 0.1, Instant.EPOCH.toString());
    });
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).contains("analysis failed: error-rate failed at canary 10%: 1 failed (last: 0.05 is above max 0.01)")
        .doesNotContain("latency");
    assertThat(analysisChildren()).allMatch(id -> id.endsWith("/analysis-1/" + LATENCY));
    assertThat(harness.status().analysis()).extracting(AnalysisStatus::metric, AnalysisStatus::verdict).containsExactly(
        org.assertj.core.groups.Tuple.tuple(TestPipelines.ERROR_RATE, AnalysisState.FAILED),
        org.assertj.core.groups.Tuple.tuple(LATENCY, AnalysisState.SKIPPED));
  }

  @Test
  void aLongAnalysisThatFailsInItsChildStopsTheShortOneDuringItsInterval() {
    harness = new ReleaseHarness(twoMetrics().build());
    when(harness.mocks.metrics.measure(any())).thenAnswer(inv -> {
      MeasureRequest request = inv.getArgument(0);
      return request == null ? null : Measurement.value(request.metric(),
          request.metric().equals(LATENCY) ? 0.9 : MockActivities.HEALTHY, Instant.EPOCH.toString());
    });
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).contains("analysis failed: latency failed at canary 10%: 1 failed (last: 0.9 is above max 0.5)")
        .doesNotContain("error-rate");
    assertThat(analysisChildren()).containsExactly(harness.workflowId() + "/production/analysis-1/" + LATENCY);
    // The short analysis took its first measurement and was stopped on its interval.
    verify(harness.mocks.metrics, times(1)).measure(argThat(r -> r != null && r.metric().equals(TestPipelines.ERROR_RATE)));
    assertThat(cancelledTimers()).contains("analysis interval of error-rate at canary 10% (1/3 taken)");
    assertThat(harness.status().analysis()).extracting(AnalysisStatus::metric, AnalysisStatus::verdict, a -> a.measurements().size())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(TestPipelines.ERROR_RATE, AnalysisState.SKIPPED, 1),
            org.assertj.core.groups.Tuple.tuple(LATENCY, AnalysisState.FAILED, 1));    // Both paths of an analysis in one release, for the replay test.
    Histories.recordIfAsked("mixed-analysis", harness.history());
  }

  /** Canary 10% analysed by error-rate (count 3, in the release) and latency (count 20, in a child). */
  private static TestPipelines twoMetrics() {
    return TestPipelines.standard().noApproval().noStability()
        .analysis(LATENCY, new AnalysisTemplate(new AnalysisTemplate.PrometheusSource("http://prometheus:9090", "latency"),
            null, 0.5, null, null, "1m", 20, 0, 1, 2))
        .rollout(new RolloutStep(10, null, List.of(TestPipelines.ERROR_RATE, LATENCY)), new RolloutStep(100, null, List.of()));
  }

  private static AnalysisStatus canary10(ReleaseStatus status) {
    return status.analysis().stream().filter(a -> a.step().equals("canary 10%")).findFirst()
        .orElse(new AnalysisStatus(TestPipelines.ERROR_RATE, "canary 10%", List.of(), AnalysisState.RUNNING));
  }

  /** The workflow ids of the analysis children the release started, in order. */
  private List<String> analysisChildren() {
    return events(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED).stream()
        .map(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId())
        .filter(id -> id.contains("/analysis-"))
        .toList();
  }

  /** The summaries of the release's timers that were cancelled. */
  private List<String> cancelledTimers() {
    List<HistoryEvent> all = harness.history().getEvents();
    java.util.Map<Long, String> started = new java.util.HashMap<>();
    all.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
        .forEach(e -> started.put(e.getEventId(), dev.deployflow.workflow.support.Histories.summary(e)));
    return all.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_CANCELED)
        .map(e -> started.get(e.getTimerCanceledEventAttributes().getStartedEventId()))
        .toList();
  }

  private List<HistoryEvent> events(EventType type) {
    return harness.history().getEvents().stream().filter(e -> e.getEventType() == type).toList();
  }
}

package dev.deployflow.workflow;

import static dev.deployflow.workflow.support.Calls.deployOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.deployflow.analysis.Measurement;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.model.AnalysisState;
import dev.deployflow.model.GateKind;
import dev.deployflow.model.GateState;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.AnalysisStatus;
import dev.deployflow.model.RetryMessage;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.RunState;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.workflow.support.Histories;
import dev.deployflow.workflow.support.MockActivities;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.stubbing.Answer;

/**
 * A stability window of at most {@link StabilityWatch#INLINE_CHECKS} checks runs in the release
 * itself: no monitor child is started, the checks' reads are markers in the release's own history,
 * and the window behaves as the child's does (it passes, a breach rolls back with the same reason,
 * an inconclusive window escalates, {@code onFailure: ask} waits at the decision gate, a rollback
 * stops it at once, {@code promote} ends it early). A longer window still runs in the child.
 */
class InlineStabilityWindowTest {
  /** 10 checks every 5 minutes: the longest window that runs in the release. */
  private static final String SHORT = "50m";
  /** 11 checks every 5 minutes: the shortest window that runs in the monitor child. */
  private static final String LONGER = "55m";
  private static final String MONITOR = "deploy-shop/production/stability";

  private ReleaseHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void aShortWindowRunsInTheReleaseWithoutAChildShowsItsProgressAndPasses() {
    assertThat(StabilityWatch.INLINE_CHECKS).isEqualTo(10);
    DeploymentWorkflow workflow = start(SHORT, TestPipelines.standard().noApproval(), MockActivities.healthy());
    ReleaseStatus opened = harness.awaitWaiting("stability window 50m in production");
    assertThat(opened.currentStep()).startsWith("stability window 50m in production, error-rate every 5m until ");

    harness.sleep(Duration.ofMinutes(15).plusSeconds(30));
    ReleaseStatus progress = harness.awaitStatus("three checks shown", s -> s.currentStep().contains("3/10 checks"));
    assertThat(progress.currentStep())
        .startsWith("stability window 50m in production, error-rate every 5m — 15m of 50m, 3/10 checks, error-rate ok; ends ");
    assertThat(progress.state()).isEqualTo(RunState.WAITING);
    assertThat(stability(progress)).singleElement().satisfies(a -> {
      assertThat(a.verdict()).isEqualTo(AnalysisState.RUNNING);
      assertThat(a.measurements()).hasSize(3);
    });

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    ReleaseStatus status = harness.status();
    assertThat(events(status)).contains("stability window: no breach in 10 checks (10 checks in 1 run(s))",
        "phase stability -> completion (stable)");
    assertThat(stability(status)).singleElement().satisfies(a -> {
      assertThat(a.verdict()).isEqualTo(AnalysisState.PASSED);
      assertThat(a.measurements()).hasSize(StabilityChecks.RECENT);
    });
    assertNoMonitorChild();
    // The ten reads are local-activity markers in the release's own history, each check behind a
    // timer of the release that says which check it waits for.
    assertThat(Histories.count(harness.history(), EventType.EVENT_TYPE_MARKER_RECORDED)).isEqualTo(10);
    // (The last wait may be cut a little short by the window's fixed end: the clock moves while a check runs.)
    assertThat(Histories.summarised(harness.history())).extracting(Histories.Summarised::summary)
        .anyMatch(s -> s.startsWith("stability window ") && s.endsWith(" in production, error-rate every 5m: stability check 1 in 5m"))
        .anyMatch(s -> s.startsWith("stability window ") && s.contains(": stability check 10 in "));
    assertThat(mockingDetails(harness.mocks.metrics).getInvocations()).hasSize(10);
    assertThat(workflow.status().rejectedMessages()).isEmpty();
  }

  @Test
  void aBreachOfAShortWindowRollsBackWithTheReasonTheChildGives() {
    // Healthy twice, then the error rate jumps at the third check.
    ReleaseResult inline = breachAtThirdCheck(SHORT);
    assertNoMonitorChild();
    ReleaseStatus inlineStatus = harness.status();
    harness.close();
    ReleaseResult child = breachAtThirdCheck(LONGER);
    assertThat(harness.history().getEvents()).anyMatch(InlineStabilityWindowTest::startsMonitor);

    assertThat(inline.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(inline.summary()).contains("stability breached: stability failed at check 3: error-rate: 1 failed, "
        + "0 inconclusive, 0 errors in a row (last: ").contains("0.2 is above max 0.01");
    // Both paths decide with the same code: the same verdict, at the same check, in the same words.
    assertThat(inline.summary()).isEqualTo(child.summary());
    assertThat(stability(inlineStatus)).singleElement().satisfies(a -> {
      assertThat(a.verdict()).isEqualTo(AnalysisState.FAILED);
      assertThat(a.measurements()).usingRecursiveComparison().isEqualTo(stability(harness.status()).get(0).measurements());
    });
    assertThat(events(inlineStatus)).contains("phase stability -> rollback (gate failed)");
    assertThat(inlineStatus.compensations()).extracting(c -> c.action() + ": " + c.state())
        .contains("deploy api 1.1.0 to production (previous version): done");
  }

  @Test
  void anInconclusiveShortWindowEscalatesToAPersonLikeTheChilds() {
    AtomicInteger reads = new AtomicInteger();
    // Two checks without data: past the template's inconclusiveLimit of 1.
    start(SHORT, TestPipelines.standard().noApproval(), inv -> reads.incrementAndGet() <= 2
        ? MockActivities.noData().answer(inv) : MockActivities.healthy().answer(inv));
    ReleaseStatus waiting = harness.skipUntilGate(Gates.ANALYSIS_GATE);
    assertThat(waiting.currentStep()).startsWith(
        "waiting for a decision: the stability window was inconclusive: stability inconclusive at check 2: error-rate");
    assertThat(waiting.gates()).anySatisfy(g -> {
      assertThat(g.kind()).isEqualTo(GateKind.ANALYSIS);
      assertThat(g.state()).isEqualTo(GateState.WAITING);
    });

    harness.workflow().promote(new PromoteMessage("dave", false));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(stability(harness.status())).singleElement()
        .satisfies(a -> assertThat(a.verdict()).isEqualTo(AnalysisState.INCONCLUSIVE));
    assertNoMonitorChild();
  }

  @Test
  void underAskABreachOfAShortWindowWaitsAtTheDecisionGateAndARetryRunsAFreshWindow() {
    AtomicInteger reads = new AtomicInteger();
    start(SHORT, TestPipelines.standard().noApproval().onFailure(TestPipelines.PRODUCTION, "ask", "1h"),
        inv -> reads.incrementAndGet() == 1
            ? Measurement.value(TestPipelines.ERROR_RATE, 0.2, "2026-01-01T00:00:00Z")
            : MockActivities.healthy().answer(inv));
    ReleaseStatus waiting = harness.skipUntilGate(GuidedFailure.DECISION_GATE);
    assertThat(waiting.currentStep()).startsWith(
        "waiting for a decision: stability window of production failed: breached at check 1: error-rate: 1 failed");
    verify(harness.mocks.deploy, org.mockito.Mockito.never()).deploy(argThat(deployOf("api", "1.1.0", "production")));

    harness.workflow().retry(new RetryMessage("frank"));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    ReleaseStatus status = harness.status();
    assertThat(stability(status)).extracting(AnalysisStatus::verdict)
        .containsExactly(AnalysisState.FAILED, AnalysisState.PASSED);
    // Fresh: the second window ran all its ten checks.
    assertThat(events(status)).contains("retry of the failed stability window of production",
        "stability window: no breach in 10 checks (10 checks in 1 run(s))");
    assertNoMonitorChild();
  }

  @Test
  void aRollbackDuringAShortWindowStopsItAtOnce() {
    DeploymentWorkflow workflow = start(SHORT, TestPipelines.standard().noApproval(), MockActivities.healthy());
    harness.awaitWaiting("stability window 50m in production");
    harness.sleep(Duration.ofMinutes(10).plusSeconds(30));
    harness.awaitStatus("two checks shown", s -> s.currentStep().contains("2/10 checks"));
    harness.awaitQuiet();
    int readsBefore = mockingDetails(harness.mocks.metrics).getInvocations().size();

    workflow.rollback(new RollbackMessage("frank", "checkout conversions dropped", null));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(readsBefore).isEqualTo(2);
    assertThat(mockingDetails(harness.mocks.metrics).getInvocations()).hasSize(readsBefore);
    // Not one check more: the timer of the third check was cancelled with the rollback.
    List<HistoryEvent> history = harness.history().getEvents();
    List<String> cancelled = history.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_CANCELED)
        .map(e -> Histories.summary(history.get((int) e.getTimerCanceledEventAttributes().getStartedEventId() - 1)))
        .toList();
    assertThat(cancelled).singleElement().satisfies(s -> assertThat(s).startsWith("stability window ")
        .endsWith(": stability check 3 in 5m"));
    ReleaseStatus status = harness.status();
    assertThat(stability(status)).singleElement().satisfies(a -> assertThat(a.verdict()).isEqualTo(AnalysisState.CANCELLED));
    assertThat(events(status)).contains("phase stability -> rollback (rollback requested)");
    verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "production")));
    assertNoMonitorChild();
  }

  @Test
  void promoteEndsAShortWindowEarly() {
    DeploymentWorkflow workflow = start(SHORT, TestPipelines.standard().noApproval(), MockActivities.healthy());
    harness.awaitWaiting("stability window 50m in production");
    harness.sleep(Duration.ofMinutes(5).plusSeconds(30));
    harness.awaitStatus("one check shown", s -> s.currentStep().contains("1/10 checks"));
    harness.awaitQuiet();

    workflow.promote(new PromoteMessage("frank", false));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);

    ReleaseStatus status = harness.status();
    assertThat(events(status)).contains("stability window ended early by frank").noneMatch(e -> e.startsWith("stability window: "));
    assertThat(stability(status)).singleElement().satisfies(a -> assertThat(a.verdict()).isEqualTo(AnalysisState.SKIPPED));
    assertThat(mockingDetails(harness.mocks.metrics).getInvocations()).hasSize(1);
    assertNoMonitorChild();
  }

  @Test
  void aWindowOfMoreThanTenChecksStillRunsInTheMonitorChild() {
    start(LONGER, TestPipelines.standard().noApproval(), MockActivities.healthy());
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);

    assertThat(harness.history().getEvents()).anyMatch(InlineStabilityWindowTest::startsMonitor);
    assertThat(harness.client().newUntypedWorkflowStub(MONITOR).describe().getStaticSummary())
        .isEqualTo("stability window 55m in production, error-rate every 5m");
    // The reads are the child's: none is in the release's history.
    assertThat(Histories.count(harness.history(), EventType.EVENT_TYPE_MARKER_RECORDED)).isZero();
    assertThat(events(harness.status())).contains("stability window: no breach in 11 checks (11 checks in 1 run(s))");
  }

  /** Starts a release with one 100% production step and a stability window of that length, every 5m. */
  private DeploymentWorkflow start(String duration, TestPipelines pipeline, Answer<Measurement> reads) {
    harness = new ReleaseHarness(pipeline.rollout(new RolloutStep(100, null, List.of()))
        .stability(duration, "5m", TestPipelines.ERROR_RATE).build());
    when(harness.mocks.metrics.measure(any())).thenAnswer(reads);
    return harness.start(ReleaseHarness.request("1.2.0"));
  }

  private ReleaseResult breachAtThirdCheck(String duration) {
    AtomicInteger reads = new AtomicInteger();
    start(duration, TestPipelines.standard().noApproval(), inv -> reads.incrementAndGet() == 3
        ? Measurement.value(TestPipelines.ERROR_RATE, 0.2, "2026-01-01T00:15:00Z")
        : MockActivities.healthy().answer(inv));
    return harness.result();
  }

  private void assertNoMonitorChild() {
    assertThat(harness.history().getEvents()).noneMatch(InlineStabilityWindowTest::startsMonitor);
  }

  /** A command of the release that starts a stability monitor child (of any retry). */
  private static boolean startsMonitor(HistoryEvent event) {
    return event.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED
        && event.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId().startsWith(MONITOR);
  }

  private static List<AnalysisStatus> stability(ReleaseStatus status) {
    return status.analysis().stream().filter(a -> a.step().equals("stability")).toList();
  }

  private static List<String> events(ReleaseStatus status) {
    return status.timeline().stream().map(ReleaseStatus.TimelineEvent::event).toList();
  }
}

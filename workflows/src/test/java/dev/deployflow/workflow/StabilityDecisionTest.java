package dev.deployflow.workflow;

import static dev.deployflow.workflow.support.Calls.deployOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import dev.deployflow.activity.ReleaseLogActivities.PostMortem;
import dev.deployflow.activity.ReleaseLogActivities.ReleaseLogEntry;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.model.AnalysisState;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.GateKind;
import dev.deployflow.model.GateState;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.GateStatus;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import dev.deployflow.model.RetryMessage;
import dev.deployflow.model.SkipMessage;
import dev.deployflow.workflow.support.MockActivities;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.Refusals;
import dev.deployflow.workflow.support.TestPipelines;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Guided failure for a breached stability window ({@code onFailure: ask} in production): the
 * breach holds the release at a {@code decision} gate naming the window and the breach; retry runs
 * a fresh window from the start, skip accepts the breach (recorded) and the release succeeds, the
 * deadline rolls back, and only the production approvers and operators may decide.
 */
class StabilityDecisionTest {
  /** The canary analyses of 10% and 50% read error-rate three times each before the window starts. */
  private static final int CANARY_READS = 6;
  private static final String STEP = "stability window of production";

  private ReleaseHarness harness;
  private DeploymentWorkflow workflow;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aRetryRunsAFreshWindowFromTheStartAndTheReleaseSucceeds() {
    ReleaseStatus waiting = breachAtFirstCheck("1h");
    GateStatus gate = decisionGate(waiting);
    assertThat(gate.kind()).isEqualTo(GateKind.DECISION);
    assertThat(gate.step()).isEqualTo(STEP);
    assertThat(gate.error()).startsWith("breached at check 1: error-rate: 1 failed").contains("0.2 is above max 0.01");
    assertThat(gate.commands()).contains("deployflow retry shop --by bob", "deployflow skip shop --by bob --reason '<why>'");
    assertThat(waiting.currentStep()).startsWith("waiting for a decision: " + STEP + " failed: breached at check 1");
    assertThat(notifications()).contains("decision_needed");
    // The breach did not roll anything back while the release waits.
    verify(harness.mocks.deploy, never()).deploy(argThat(deployOf("api", "1.1.0", "production")));

    ReleaseStatus after = workflow.retry(new RetryMessage("frank"));
    assertThat(decisionGate(after).state()).isEqualTo(GateState.DECIDED);
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    ReleaseStatus status = harness.status();
    assertThat(status.analysis()).filteredOn(a -> a.step().equals("stability"))
        .extracting(ReleaseStatus.AnalysisStatus::verdict).containsExactly(AnalysisState.FAILED, AnalysisState.PASSED);
    // Fresh: the second window ran its whole two hours (24 checks every 5m), not the rest of the first.
    assertThat(events(status)).contains("retry of the failed " + STEP)
        .anyMatch(e -> e.startsWith("stability window: no breach in 24 checks"));
    verify(harness.mocks.deploy, never()).deploy(argThat(deployOf("api", "1.1.0", "production")));
  }

  @Test
  void aSkipAcceptsTheBreachRecordsItAndTheReleaseSucceeds() {
    breachAtFirstCheck("1h");
    String reason = "error-rate spike is the nightly batch job, not the release (OPS-31)";

    workflow.skip(new SkipMessage("bob", reason));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    String recorded = "skipped the failed " + STEP + ": " + reason;
    ReleaseStatus status = harness.status();
    GateStatus gate = decisionGate(status);
    assertThat(gate.state()).isEqualTo(GateState.DECIDED);
    assertThat(status.timeline()).anySatisfy(e -> {
      assertThat(e.event()).isEqualTo(recorded);
      assertThat(e.by()).isEqualTo("bob");
    });
    assertThat(events(status)).contains("phase stability -> completion (stable)");
    ArgumentCaptor<ReleaseLogEntry> log = ArgumentCaptor.forClass(ReleaseLogEntry.class);
    verify(harness.mocks.releaseLog).appendReleaseLog(log.capture());
    assertThat(log.getValue().outcome()).isEqualTo("succeeded");
    assertThat(log.getValue().timeline()).extracting(TimelineEvent::event).contains(recorded);
    ArgumentCaptor<PostMortem> postMortem = ArgumentCaptor.forClass(PostMortem.class);
    verify(harness.mocks.releaseLog).writePostMortem(postMortem.capture());
    assertThat(postMortem.getValue().decidedBy()).contains("bob: " + recorded);
    assertThat(postMortem.getValue().failures()).anySatisfy(f -> assertThat(f)
        .startsWith(STEP + " failed: breached at check 1: error-rate")
        .endsWith("(skipped by bob: " + reason + ")"));
    verify(harness.mocks.deploy, never()).deploy(argThat(deployOf("api", "1.1.0", "production")));
  }

  @Test
  void nobodyDecidingBeforeTheDeadlineRollsProductionBack() {
    breachAtFirstCheck("10m");
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).contains("stability breached").contains("0.2 is above max 0.01");
    ReleaseStatus status = harness.status();
    assertThat(decisionGate(status).state()).isEqualTo(GateState.EXPIRED);
    assertThat(events(status)).contains("phase stability -> rollback (gate failed)")
        .anyMatch(e -> e.startsWith("nobody decided on the failed " + STEP + " before "));
    assertThat(status.compensations()).extracting(c -> c.action() + ": " + c.state()).contains(
        "deploy api 1.1.0 to production (previous version): done", "deploy web 1.1.0 to production (previous version): done");
  }

  @Test
  void aRollbackAtTheGateDecidesItAndRollsProductionBack() {
    breachAtFirstCheck("1h");

    workflow.rollback(new dev.deployflow.model.RollbackMessage("carol", "error rate is real", null));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    ReleaseStatus status = harness.status();
    assertThat(decisionGate(status).state()).isEqualTo(GateState.DECIDED);
    assertThat(status.compensations()).extracting(c -> c.action() + ": " + c.state())
        .contains("deploy api 1.1.0 to production (previous version): done");
  }

  @Test
  void aSkipOrRetryByAStrangerOrTheRequesterIsRefusedAndChangesNothing() {
    breachAtFirstCheck("1h");

    assertThat(Refusals.refusal(harness, () -> workflow.skip(new SkipMessage("mallory", "looks fine to me"))))
        .isEqualTo("mallory may not skip shop 1.2.0: skip is for the production approvers and operators"
            + " (bob, carol, dave, erin, frank)");
    assertThat(Refusals.refusal(harness, () -> workflow.skip(new SkipMessage("alice", "my own release is fine"))))
        .startsWith("alice may not skip shop 1.2.0");
    assertThat(Refusals.refusal(harness, () -> workflow.retry(new RetryMessage("mallory"))))
        .startsWith("mallory may not retry shop 1.2.0");
    // The signal is refused the same way: listed, and the gate waits on.
    harness.workflow().skipSignal(new SkipMessage("mallory", "looks fine to me"));
    harness.awaitStatus("the refused skip listed", s -> !s.rejectedMessages().isEmpty());
    ReleaseStatus status = harness.status();
    assertThat(decisionGate(status).state()).isEqualTo(GateState.WAITING);
    assertThat(events(status)).noneMatch(e -> e.startsWith("skipped the failed"));
  }

  /**
   * Runs a release whose production asks on failure (with that decision timeout) up to the decision
   * gate its stability window opens: the canary analyses read healthy, the window's first check
   * reads an error rate of 0.2 (above max 0.01), and every later read is healthy again.
   */
  private ReleaseStatus breachAtFirstCheck(String decisionTimeout) {
    harness = new ReleaseHarness(TestPipelines.standard().onFailure(TestPipelines.PRODUCTION, "ask", decisionTimeout).build());
    AtomicInteger reads = new AtomicInteger();
    when(harness.mocks.metrics.measure(any())).thenAnswer(inv -> reads.incrementAndGet() == CANARY_READS + 1
        ? Measurement.value(TestPipelines.ERROR_RATE, 0.2, "2026-01-01T00:00:00Z")
        : MockActivities.healthy().answer(inv));
    workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("dave", null, null));
    return harness.skipUntilGate(GuidedFailure.DECISION_GATE);
  }

  private static GateStatus decisionGate(ReleaseStatus status) {
    return status.gates().stream().filter(g -> g.kind() == GateKind.DECISION).reduce((a, b) -> b).orElseThrow();
  }

  private static List<String> events(ReleaseStatus status) {
    return status.timeline().stream().map(TimelineEvent::event).toList();
  }

  private List<String> notifications() {
    ArgumentCaptor<NotifyRequest> notes = ArgumentCaptor.forClass(NotifyRequest.class);
    verify(harness.mocks.notifications, atLeastOnce()).sendNotification(notes.capture());
    return notes.getAllValues().stream().map(NotifyRequest::event).toList();
  }
}

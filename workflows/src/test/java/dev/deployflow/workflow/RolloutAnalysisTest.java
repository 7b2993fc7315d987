package dev.deployflow.workflow;

import dev.deployflow.api.DeploymentWorkflow;
import static dev.deployflow.workflow.support.Calls.command;
import static dev.deployflow.workflow.support.Calls.deployOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.GateStatus;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.RunState;
import dev.deployflow.workflow.support.MockActivities;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.mockito.stubbing.Answer;

/**
 * Canary analysis during the rollout: a failed analysis rolls back; an inconclusive one, or one
 * whose source cannot be read, waits for a person (promote continues, rollback or the deadline
 * rolls back); maxIncrease compares with a baseline measured once before production is touched.
 */
class RolloutAnalysisTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aFailedAnalysisRollsProductionBack() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().build());
    when(harness.mocks.metrics.measure(any())).thenAnswer(MockActivities.value(0.05));
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).contains("analysis failed: error-rate failed at canary 10%: 1 failed (last: 0.05 is above max 0.01)");
    verify(harness.mocks.metrics, times(1)).measure(any());
    verify(harness.mocks.deploy, never()).deploy(argThat(d -> d != null && d.weight() == 50));
    InOrder order = inOrder(harness.mocks.deploy, harness.mocks.commands);
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.1.0", "production")));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "production")));
    order.verify(harness.mocks.commands).runCommand(argThat(command("undo migration of api in production")));
    ReleaseStatus status = harness.status();
    assertThat(status.analysis()).singleElement().satisfies(a -> {
      assertThat(a.step()).isEqualTo("canary 10%");
      assertThat(a.verdict()).hasToString("failed");
      assertThat(a.measurements()).singleElement().satisfies(m -> assertThat(m.outcome()).hasToString("failed"));
    });
    assertThat(status.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("phase production_rollout -> rollback (gate failed)");
  }

  @Test
  void anInconclusiveAnalysisWaitsForAPersonAndContinuesWhenPromoted() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    when(harness.mocks.metrics.measure(any())).thenAnswer(firstThenHealthy(2, MockActivities.noData()));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    workflow.approve(new dev.deployflow.model.ApproveMessage("dave", null, null));

    ReleaseStatus waiting = harness.skipUntilGate("analysis");
    assertThat(waiting.state()).isEqualTo(RunState.WAITING);
    assertThat(waiting.currentStep()).startsWith("waiting for a decision: analysis of canary 10% was inconclusive");
    GateStatus gate = waiting.gates().get(1);
    assertThat(gate.name()).isEqualTo("analysis");
    assertThat(gate.approvers()).containsExactly("bob", "carol", "dave");
    assertThat(gate.commands()).contains("deployflow promote shop --by bob", "deployflow rollback shop --by bob");
    assertThat(waiting.analysis()).singleElement().satisfies(a -> {
      assertThat(a.verdict()).hasToString("inconclusive");
      assertThat(a.measurements()).extracting(m -> m.outcome().json()).containsExactly("inconclusive", "inconclusive");
    });

    ReleaseStatus promoted = workflow.promote(new PromoteMessage("carol", false));
    assertThat(promoted.timeline()).extracting(ReleaseStatus.TimelineEvent::event).contains("promoted: current wait skipped");
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    ReleaseStatus status = harness.status();
    assertThat(status.gates().get(1).state()).hasToString("decided");
    assertThat(status.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .anyMatch(e -> e.startsWith("continued after analysis of canary 10% was inconclusive"));
    assertThat(notifications()).contains("awaiting_decision");
  }

  @Test
  void anInconclusiveAnalysisRollsBackAtTheDeadline() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().build());
    when(harness.mocks.metrics.measure(any())).thenAnswer(MockActivities.noData());
    long start = harness.now();
    harness.start(ReleaseHarness.request("1.2.0"));
    harness.skipUntilGate("analysis");
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).contains("nobody decided before the deadline after analysis of canary 10% was inconclusive");
    // Without an approval gate the decision waits one hour.
    assertThat(harness.now() - start).isGreaterThanOrEqualTo(3_600_000L);
    assertThat(harness.status().gates().get(0).state()).hasToString("expired");
    verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "production")));
  }

  @Test
  void anUnreadableSourceBeyondTheErrorLimitEscalatesAndARollbackDecides() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    when(harness.mocks.metrics.measure(any())).thenAnswer(MockActivities.unreadable());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    workflow.approveSignal(new dev.deployflow.model.ApproveMessage("bob", null, null));

    ReleaseStatus waiting = harness.skipUntilGate("analysis");
    assertThat(waiting.currentStep()).contains("in error (its source could not be read)");
    assertThat(waiting.analysis()).singleElement().satisfies(a -> {
      assertThat(a.verdict()).hasToString("error");
      // consecutiveErrorLimit 2: the third error in a row decides.
      assertThat(a.measurements()).hasSize(3).allSatisfy(m -> assertThat(m.detail()).contains("connection refused"));
    });
    assertThat(waiting.gates()).filteredOn(g -> g.name().equals("analysis")).singleElement()
        .satisfies(g -> assertThat(g.deadline()).isNotNull());
    workflow.rollback(new RollbackMessage("bob", "metrics are down, not taking chances", null));
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(harness.status().gates()).filteredOn(g -> g.name().equals("analysis"))
        .singleElement().satisfies(g -> assertThat(g.state()).hasToString("decided"));
    verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.1.0", "production")));
  }

  @Test
  void maxIncreaseComparesWithABaselineMeasuredOnceBeforeTheProductionDeploy() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().errorRate(3, 0, 1, 2, "50%").build());
    AtomicInteger reads = new AtomicInteger();
    when(harness.mocks.metrics.measure(any())).thenAnswer(inv ->
        Measurement.value("error-rate", reads.incrementAndGet() == 1 ? 0.002 : 0.004, "2026-01-01T00:00:00Z"));
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).contains("0.004 is more than 50% above the baseline 0.002");
    InOrder order = inOrder(harness.mocks.metrics, harness.mocks.deploy);
    order.verify(harness.mocks.metrics).measure(any());
    order.verify(harness.mocks.deploy).deploy(argThat(d -> deployOf("api", "1.2.0", "production").matches(d) && d.weight() == 10));
    order.verify(harness.mocks.metrics).measure(any());
    verify(harness.mocks.metrics, times(2)).measure(any());
    assertThat(harness.status().timeline()).extracting(ReleaseStatus.TimelineEvent::event).contains("baseline of error-rate is 0.002");
  }

  /** The given answer for the first {@code n} reads, healthy afterwards. */
  private static Answer<Measurement> firstThenHealthy(int n, Answer<Measurement> first) {
    AtomicInteger reads = new AtomicInteger();
    return inv -> reads.incrementAndGet() <= n ? first.answer(inv) : MockActivities.healthy().answer(inv);
  }

  private java.util.List<String> notifications() {
    ArgumentCaptor<NotifyRequest> notes = ArgumentCaptor.forClass(NotifyRequest.class);
    verify(harness.mocks.notifications, atLeastOnce()).sendNotification(notes.capture());
    return notes.getAllValues().stream().map(NotifyRequest::event).toList();
  }
}

package dev.deployflow.workflow;

import dev.deployflow.api.DeploymentWorkflow;
import static dev.deployflow.workflow.support.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.deployflow.model.GateState;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.Phase;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.RejectedMessage;
import dev.deployflow.model.ResumeMessage;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.RunState;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who may send which message (CONTRACT.md "Who may do what"), each hostile case with the exact
 * message and the exact refusal, as an update (refused by its validator) and as a signal (listed
 * in {@code rejectedMessages}). The standard test pipeline: requester alice, production approvers
 * bob, carol and dave (1 of 3, no self-approval), operators erin and frank; mallory is nobody.
 */
class AuthorityTest {
  private ReleaseHarness harness;
  private DeploymentWorkflow workflow;

  @AfterEach
  void close() {
    harness.close();
  }

  private void startAtTheGate(TestPipelines pipeline) {
    harness = new ReleaseHarness(pipeline.build());
    workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
  }

  private void startAtTheCanaryPause() {
    startAtTheGate(TestPipelines.standard());
    workflow.approve(new ApproveMessage("bob", null, null));
    harness.awaitWaiting("canary 10% — pause 10m");
  }

  private ReleaseStatus awaitRefusals(int count) {
    return harness.awaitStatus(count + " refused signal(s)", s -> s.rejectedMessages().size() == count);
  }

  @Test
  void theRequesterMayNotApproveTheirOwnRelease() {
    startAtTheGate(TestPipelines.standard().approval(1, "alice", "bob"));
    String expected = "alice may not approve shop 1.2.0: alice requested it, and gate 'production' does not allow"
        + " self-approval (separation of duties); approve is for the approvers of gate 'production' other than the"
        + " requester (bob)";
    assertThat(refusal(harness, () -> workflow.approve(new ApproveMessage("alice", null, "lgtm")))).isEqualTo(expected);
    workflow.approveSignal(new ApproveMessage("alice", null, "lgtm"));
    ReleaseStatus status = awaitRefusals(1);
    assertThat(status.rejectedMessages()).singleElement()
        .satisfies(r -> assertThat(List.of(r.name(), r.by(), r.reason())).containsExactly("approve", "alice", expected));
    assertThat(status.gates().get(0).approvals()).isEmpty();
  }

  @Test
  void someoneWhoIsNoApproverMayNotApproveOrReject() {
    startAtTheGate(TestPipelines.standard());
    assertThat(refusal(harness, () -> workflow.approve(new ApproveMessage("erin", null, null))))
        .isEqualTo("erin may not approve shop 1.2.0: approve is for the approvers of gate 'production' (bob, carol, dave)");
    assertThat(refusal(harness, () -> workflow.reject(new RejectMessage("mallory", "production", "no"))))
        .isEqualTo("mallory may not reject shop 1.2.0: reject is for the approvers of gate 'production' (bob, carol, dave)");
    // The requester no longer rejects their own release; rollback withdraws it.
    assertThat(refusal(harness, () -> workflow.reject(new RejectMessage("alice", null, "withdrawn"))))
        .isEqualTo("alice may not reject shop 1.2.0: reject is for the approvers of gate 'production' (bob, carol, dave)");
    assertThat(harness.status().gates().get(0).state()).isEqualTo(GateState.WAITING);
  }

  @Test
  void someoneWhoIsNeitherApproverNorOperatorMayNotPromote() {
    startAtTheCanaryPause();
    assertThat(refusal(harness, () -> workflow.promote(new PromoteMessage("mallory", false))))
        .isEqualTo("mallory may not promote shop 1.2.0: promote is for the production approvers and operators"
            + " (bob, carol, dave, erin, frank)");
    assertThat(harness.status().currentStep()).startsWith("canary 10% — pause 10m until");
  }

  @Test
  void theRequesterMayNotPromoteFully() {
    harness = new ReleaseHarness(TestPipelines.standard().approval(1, "alice", "bob").build());
    workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("bob", null, null));
    harness.awaitWaiting("canary 10% — pause 10m");
    String expected = "alice may not promote (full) shop 1.2.0: alice requested it, and gate 'production' does not"
        + " allow self-approval (separation of duties); promote is for the production approvers and operators other"
        + " than the requester (bob, erin, frank)";
    assertThat(refusal(harness, () -> workflow.promote(new PromoteMessage("alice", true)))).isEqualTo(expected);
    workflow.promoteSignal(new PromoteMessage("alice", true));
    assertThat(awaitRefusals(1).rejectedMessages()).extracting(RejectedMessage::reason).containsExactly(expected);
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    // Every analysis ran: nothing was skipped.
    assertThat(harness.status().analysis()).extracting(ReleaseStatus.AnalysisStatus::step)
        .contains("canary 10%", "canary 50%");
  }

  @Test
  void aStrangerMayNotPause() {
    startAtTheGate(TestPipelines.standard());
    String expected = "mallory may not pause shop 1.2.0: pause is for the requester, the production approvers and"
        + " operators (alice, bob, carol, dave, erin, frank)";
    assertThat(refusal(harness, () -> workflow.pause(new PauseMessage("mallory", "because")))).isEqualTo(expected);
    workflow.pauseSignal(new PauseMessage("mallory", "because"));
    ReleaseStatus status = awaitRefusals(1);
    assertThat(status.rejectedMessages().get(0).reason()).isEqualTo(expected);
    assertThat(status.state()).isEqualTo(RunState.WAITING);
  }

  @Test
  void theRequesterMayRollBack() {
    startAtTheGate(TestPipelines.standard());
    ReleaseStatus accepted = workflow.rollback(new RollbackMessage("alice", "found a bug myself", null));
    assertThat(accepted.phase()).isIn(Phase.ROLLBACK, Phase.COMPLETION);
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).isEqualTo("rolled back (code) by alice: found a bug myself");
  }

  @Test
  void anOperatorMayPromoteAndPauseAndResume() {
    startAtTheCanaryPause();
    assertThat(workflow.pause(new PauseMessage("frank", "checking a dashboard")).state()).isEqualTo(RunState.PAUSED);
    assertThat(workflow.resume(new ResumeMessage("frank")).state()).isNotEqualTo(RunState.PAUSED);
    workflow.promote(new PromoteMessage("erin", false));
    ReleaseStatus analysing = harness.awaitStep("canary 10% — analysis 1/3");
    assertThat(analysing.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("pause at canary 10% skipped by erin");
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void withoutOperatorsTheApproversAreTheOperators() {
    harness = new ReleaseHarness(TestPipelines.standard().noOperators().build());
    workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("carol", null, null));
    harness.awaitWaiting("canary 10% — pause 10m");
    assertThat(refusal(harness, () -> workflow.promote(new PromoteMessage("erin", false))))
        .isEqualTo("erin may not promote shop 1.2.0: promote is for the production approvers and operators (bob, carol, dave)");
    workflow.promote(new PromoteMessage("dave", false));
    harness.awaitStep("canary 10% — analysis 1/3");
  }

  @Test
  void everyRefusedSignalIsListedWithItsReasonAndChangesNothing() {
    startAtTheGate(TestPipelines.standard());
    workflow.approveSignal(new ApproveMessage("mallory", null, null));
    workflow.rejectSignal(new RejectMessage("erin", null, "no"));
    workflow.pauseSignal(new PauseMessage("mallory", null));
    workflow.resumeSignal(new ResumeMessage("mallory"));
    workflow.rollbackSignal(new RollbackMessage("mallory", "chaos", null));
    workflow.promoteSignal(new PromoteMessage("mallory", true));
    ReleaseStatus status = awaitRefusals(6);
    assertThat(status.rejectedMessages()).extracting(r -> r.name() + " by " + r.by() + ": " + r.reason()).containsExactly(
        "approve by mallory: mallory may not approve shop 1.2.0: approve is for the approvers of gate 'production'"
            + " (bob, carol, dave)",
        "reject by erin: erin may not reject shop 1.2.0: reject is for the approvers of gate 'production' (bob, carol, dave)",
        "pause by mallory: mallory may not pause shop 1.2.0: pause is for the requester, the production approvers and"
            + " operators (alice, bob, carol, dave, erin, frank)",
        "resume by mallory: mallory may not resume shop 1.2.0: resume is for the requester, the production approvers and"
            + " operators (alice, bob, carol, dave, erin, frank)",
        "rollback by mallory: mallory may not roll back shop 1.2.0: rollback is for the requester, the production"
            + " approvers and operators (alice, bob, carol, dave, erin, frank)",
        "promote by mallory: mallory may not promote (full) shop 1.2.0: promote is for the production approvers and"
            + " operators (bob, carol, dave, erin, frank)");
    assertThat(status.phase()).isEqualTo(Phase.APPROVAL);
    assertThat(status.state()).isEqualTo(RunState.WAITING);
    assertThat(status.gates().get(0).state()).isEqualTo(GateState.WAITING);
    workflow.approve(new ApproveMessage("bob", null, null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    verify(harness.mocks.deploy, never()).deploy(argThat(d -> d != null && d.version().equals("1.1.0")));
  }

  @Test
  void withoutAnApprovalGateTheRequesterAndTheOperatorsActAndOnlyOperatorsPromote() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().operators("dave")
        .rollout(new RolloutStep(50, "10m", List.of()), new RolloutStep(100, null, List.of())).build());
    workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitWaiting("canary 50% — pause 10m");
    assertThat(workflow.pause(new PauseMessage("alice", null)).state()).isEqualTo(RunState.PAUSED);
    assertThat(refusal(harness, () -> workflow.promote(new PromoteMessage("alice", false))))
        .isEqualTo("alice may not promote shop 1.2.0: promote is for the production approvers and operators (dave)");
    assertThat(refusal(harness, () -> workflow.approve(new ApproveMessage("dave", null, null))))
        .isEqualTo("dave may not approve shop 1.2.0: approve is for the approvers of production's approval gate,"
            + " and production has none");
    workflow.promote(new PromoteMessage("dave", false));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void withoutAnApprovalGateOrOperatorsNobodyPromotes() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().noOperators().build());
    workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitWaiting("canary 10% — pause 10m");
    assertThat(refusal(harness, () -> workflow.promote(new PromoteMessage("bob", false))))
        .isEqualTo("bob may not promote shop 1.2.0: promote is for the production approvers and operators (nobody:"
            + " production has no approval gate and the pipeline names no operators; add operators: [names])");
    assertThat(refusal(harness, () -> workflow.rollback(new RollbackMessage("bob", null, null))))
        .isEqualTo("bob may not roll back shop 1.2.0: rollback is for the requester, the production approvers and"
            + " operators (alice)");
    workflow.rollback(new RollbackMessage("alice", "not today", null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    verify(harness.mocks.deploy).deploy(argThat(d -> d != null && d.version().equals("1.1.0")
        && d.environment().equals("production") && d.component().equals("api")));
    verify(harness.mocks.releaseLog).appendReleaseLog(any());
  }
}

package dev.deployflow.workflow;

import dev.deployflow.api.DeploymentWorkflow;
import static dev.deployflow.workflow.support.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.GateStatus;
import dev.deployflow.pipeline.ApprovalSpec;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The approval gate: N of M, separation of duties, named approvers only, one person once, no
 * approval once the gate stopped waiting, reminders and a deadline that rejects, and reject.
 */
class ApprovalGateTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void twoOfThreeApprovalsOpenTheGateAndOnePersonCountsOnce() {
    harness = new ReleaseHarness(TestPipelines.standard().approval(2, "bob", "carol", "dave").build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");

    ReleaseStatus first = workflow.approve(new ApproveMessage("bob", null, null));
    GateStatus gate = first.gates().get(0);
    assertThat(gate.state()).hasToString("waiting");
    assertThat(gate.approvals()).extracting(ReleaseStatus.Approval::by).containsExactly("bob");
    assertThat(gate.commands()).noneMatch(c -> c.contains("bob")).anyMatch(c -> c.contains("--by carol"));

    assertThat(refusal(harness, () -> workflow.approve(new ApproveMessage("bob", "production", "again"))))
        .isEqualTo("'bob' has already approved gate 'production'; one person counts once");

    workflow.approveSignal(new ApproveMessage("carol", null, "ok"));
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    GateStatus closed = harness.status().gates().get(0);
    assertThat(closed.state()).hasToString("approved");
    assertThat(closed.approvals()).extracting(ReleaseStatus.Approval::by).containsExactly("bob", "carol");
  }

  @Test
  void theRequesterMayNotApproveTheirOwnRelease() {
    harness = new ReleaseHarness(TestPipelines.standard().approval(1, "alice", "bob").build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    assertThat(refusal(harness, () -> workflow.approve(new ApproveMessage("alice", null, null))))
        .isEqualTo("alice may not approve shop 1.2.0: alice requested it, and gate 'production' does not allow self-approval"
            + " (separation of duties); approve is for the approvers of gate 'production' other than the requester (bob)");

    // The same message as a signal is recorded as refused and changes nothing.
    workflow.approveSignal(new ApproveMessage("alice", null, null));
    ReleaseStatus status = harness.awaitStatus("refused signal listed", s -> !s.rejectedMessages().isEmpty());
    assertThat(status.rejectedMessages()).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("approve");
      assertThat(r.by()).isEqualTo("alice");
      assertThat(r.reason()).contains("separation of duties");
    });
    assertThat(status.gates().get(0).state()).hasToString("waiting");
    assertThat(status.gates().get(0).commands()).noneMatch(c -> c.contains("alice"));
    workflow.approve(new ApproveMessage("bob", null, null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void selfApprovalIsAllowedWhenThePipelineSaysSo() {
    harness = new ReleaseHarness(TestPipelines.standard()
        .approval(new ApprovalSpec(List.of("alice", "bob"), 1, "24h", true, null)).build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    assertThat(workflow.approve(new ApproveMessage("alice", null, null)).gates().get(0).state()).hasToString("approved");
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void unknownApproversAndApprovalsBeforeOrAfterTheGateAreRefused() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitPhase(Phase.APPROVAL);
    harness.awaitGate("production");
    assertThat(refusal(harness, () -> workflow.approve(new ApproveMessage("mallory", null, null))))
        .isEqualTo("mallory may not approve shop 1.2.0: approve is for the approvers of gate 'production' (bob, carol, dave)");
    assertThat(refusal(harness, () -> workflow.approve(new ApproveMessage("  ", null, null))))
        .startsWith("by: is required");
    assertThat(refusal(harness, () -> workflow.approve(new ApproveMessage("bob", "qa", null))))
        .isEqualTo("gate 'qa' is not waiting now (phase approval); the gate waiting now is 'production'");

    workflow.approve(new ApproveMessage("bob", null, null));
    harness.awaitWaiting("canary 10% — pause");
    assertThat(refusal(harness, () -> workflow.approve(new ApproveMessage("carol", "production", null))))
        .isEqualTo("gate 'production' is no longer waiting (approved); approvals are not accepted any more");
    assertThat(refusal(harness, () -> workflow.approve(new ApproveMessage("carol", null, null))))
        .startsWith("no gate is waiting for a decision now (phase production_rollout)");
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void nobodyApprovingBeforeTheDeadlineRejectsAndLeavesStagingAsItIs() {
    harness = new ReleaseHarness(TestPipelines.standard()
        .approval(new ApprovalSpec(List.of("bob", "carol"), 1, "4h", false, List.of("2h", "30m"))).build());
    long start = harness.now();
    harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(result.summary()).startsWith("approval of production timed out: nobody decided before")
        .endsWith("0 of 1 approvals arrived");
    assertThat(harness.now() - start).isGreaterThanOrEqualTo(4 * 3_600_000L);
    ArgumentCaptor<NotifyRequest> notes = ArgumentCaptor.forClass(NotifyRequest.class);
    verify(harness.mocks.notifications, atLeastOnce()).sendNotification(notes.capture());
    assertThat(notes.getAllValues()).extracting(NotifyRequest::event)
        .containsExactly("started", "awaiting_approval", "approval_reminder", "approval_reminder", "rejected");
    assertThat(notes.getAllValues().get(2).approveCommand()).isEqualTo("deployflow approve shop --by <your-name>");
    ReleaseStatus status = harness.status();
    assertThat(status.gates().get(0).state()).hasToString("expired");
    assertThat(status.environments()).extracting(e -> e.name() + "=" + e.version()).containsExactly("staging=1.2.0", "production=null");
    verify(harness.mocks.deploy, never()).deploy(argThat(d -> d != null && d.version().equals("1.1.0")));
    verify(harness.mocks.releaseLog, never()).writePostMortem(any());
    assertThat(status.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("phase approval -> completion (rejected)")
        .filteredOn(e -> e.startsWith("reminder sent")).hasSize(2);
  }

  @Test
  void aRejectionEndsTheReleaseRejected() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    assertThat(refusal(harness, () -> workflow.reject(new RejectMessage("mallory", null, "no"))))
        .isEqualTo("mallory may not reject shop 1.2.0: reject is for the approvers of gate 'production' (bob, carol, dave)");
    ReleaseStatus rejected = workflow.reject(new RejectMessage("carol", "production", "release notes missing"));
    assertThat(rejected.gates().get(0).state()).hasToString("rejected");
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(result.summary()).isEqualTo("rejected by carol: release notes missing");
    verify(harness.mocks.deploy, never()).deploy(argThat(d -> d != null && d.environment().equals("production")));
    assertThat(harness.status().environments()).extracting(e -> e.name() + "=" + e.version()).contains("staging=1.2.0");
  }

  @Test
  void rejectWorksAsASignalToo() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    workflow.rejectSignal(new RejectMessage("bob", null, null));
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(result.summary()).isEqualTo("rejected by bob: no reason given");
  }
}

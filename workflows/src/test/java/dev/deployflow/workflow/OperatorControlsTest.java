package dev.deployflow.workflow;

import dev.deployflow.api.DeploymentWorkflow;
import static dev.deployflow.workflow.support.Calls.deployOf;
import static dev.deployflow.workflow.support.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.deployflow.activity.DeployActivities.DeployRequest;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.Phase;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ResumeMessage;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.RunState;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.workflow.support.Refusals;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * pause, resume and promote (and promote full), as updates and as signals; what the validators
 * refuse and how refused signals are reported.
 */
class OperatorControlsTest {
  private ReleaseHarness harness;
  private DeploymentWorkflow workflow;

  @AfterEach
  void close() {
    harness.close();
  }

  private void startAndApprove(TestPipelines pipeline) {
    harness = new ReleaseHarness(pipeline.build());
    workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("bob", null, null));
  }

  @Test
  void pauseHoldsBeforeTheNextStepAndResumeContinues() {
    startAndApprove(TestPipelines.standard());
    harness.awaitWaiting("canary 10% — pause 10m");
    ReleaseStatus paused = workflow.pause(new PauseMessage("carol", "investigating a ticket"));
    assertThat(paused.state()).isEqualTo(RunState.PAUSED);
    assertThat(refusal(harness, () -> workflow.pause(new PauseMessage("dave", null))))
        .isEqualTo("the release is already paused (by carol); send resume to continue");

    // The pause timer and the analysis keep their deadlines; the next step does not start.
    harness.sleep(Duration.ofMinutes(40));
    ReleaseStatus held = harness.status();
    assertThat(held.state()).isEqualTo(RunState.PAUSED);
    assertThat(held.analysis()).singleElement().satisfies(a -> assertThat(a.verdict()).hasToString("passed"));
    verify(harness.mocks.deploy, never()).deploy(argThat(d -> d != null && d.weight() == 50));

    ReleaseStatus resumed = workflow.resume(new ResumeMessage("carol"));
    assertThat(resumed.state()).isNotEqualTo(RunState.PAUSED);
    assertThat(refusal(harness, () -> workflow.resume(new ResumeMessage("carol")))).isEqualTo("the release is not paused");
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    verify(harness.mocks.deploy).deploy(argThat(d -> deployOf("api", "1.2.0", "production").matches(d) && d.weight() == 50));
  }

  @Test
  void pauseAndResumeWorkAsSignals() {
    startAndApprove(TestPipelines.standard());
    harness.awaitWaiting("canary 10% — pause 10m");
    workflow.pauseSignal(new PauseMessage("carol", null));
    harness.awaitStatus("paused", s -> s.state() == RunState.PAUSED);
    workflow.resumeSignal(new ResumeMessage("carol"));
    harness.awaitStatus("resumed", s -> s.state() != RunState.PAUSED);
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(harness.status().timeline()).extracting(ReleaseStatus.TimelineEvent::event).contains("paused", "resumed");
  }

  @Test
  void promoteSkipsTheCurrentPause() {
    startAndApprove(TestPipelines.standard());
    harness.awaitWaiting("canary 10% — pause 10m");
    long before = harness.now();
    workflow.promote(new PromoteMessage("bob", false));
    ReleaseStatus analysing = harness.awaitStep("canary 10% — analysis 1/3");
    assertThat(analysing.timeline()).extracting(ReleaseStatus.TimelineEvent::event).contains("pause at canary 10% skipped by bob");
    assertThat(harness.now() - before).isLessThan(Duration.ofMinutes(10).toMillis());
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    // The next step's pause is not skipped by the same promotion.
    assertThat(harness.status().timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .noneMatch(e -> e.equals("pause at canary 50% skipped by bob"));
  }

  @Test
  void promoteResumesAPausedReleaseAsInArgoRollouts() {
    startAndApprove(TestPipelines.standard());
    harness.awaitWaiting("canary 10% — pause 10m");
    workflow.pause(new PauseMessage("carol", "looking at a graph"));
    long before = harness.now();
    ReleaseStatus promoted = workflow.promote(new PromoteMessage("bob", false));
    assertThat(promoted.state()).isNotEqualTo(RunState.PAUSED);
    assertThat(promoted.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("promoted: current wait skipped; the paused release resumes");
    harness.awaitStep("canary 10% — analysis 1/3");
    assertThat(harness.now() - before).isLessThan(Duration.ofMinutes(10).toMillis());
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void promoteFullSkipsEveryRemainingStep() {
    startAndApprove(TestPipelines.standard());
    harness.awaitWaiting("canary 10% — pause 10m");
    workflow.promoteSignal(new PromoteMessage("bob", true));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    ArgumentCaptor<DeployRequest> deploys = ArgumentCaptor.forClass(DeployRequest.class);
    verify(harness.mocks.deploy, atLeastOnce()).deploy(deploys.capture());
    assertThat(deploys.getAllValues()).extracting(d -> d.environment() + "/" + d.component() + "@" + d.weight())
        .containsExactly("staging/api@100", "staging/web@100", "production/api@10", "production/web@10",
            "production/api@100", "production/web@100");
    assertThat(harness.status().analysis()).filteredOn(a -> !a.step().equals("stability")).isEmpty();
    assertThat(harness.status().timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("promoted fully: remaining rollout steps skipped", "remaining rollout steps skipped (promoted fully by bob)");
  }

  @Test
  void promoteEndsTheStabilityWindowEarly() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().rollout(new RolloutStep(100, null, List.of())).build());
    workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitWaiting("stability window 2h");
    workflow.promote(new PromoteMessage("frank", false));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(harness.status().timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("stability window ended early by frank");
  }

  @Test
  void promoteIsRefusedWhereItHasNothingToSkip() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    assertThat(refusal(harness, () -> workflow.promote(new PromoteMessage("bob", false))))
        .isEqualTo("nothing to promote in phase approval: promote skips a rollout pause or analysis, "
            + "an analysis decision or the stability window");
    workflow.promoteSignal(new PromoteMessage("bob", true));
    ReleaseStatus status = harness.awaitStatus("refused promote listed", s -> !s.rejectedMessages().isEmpty());
    assertThat(status.rejectedMessages()).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("promote");
      assertThat(r.reason()).startsWith("nothing to promote in phase approval");
    });
    assertThat(status.phase()).isEqualTo(Phase.APPROVAL);
  }

  @Test
  void signalsWithBadArgumentsAreListedAndNeverFailTheRelease() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    workflow.pauseSignal(new PauseMessage(null, "no name"));
    workflow.resumeSignal(new ResumeMessage("bob"));
    workflow.rollbackSignal(new RollbackMessage("", "no name", null));
    workflow.approveSignal(new ApproveMessage("mallory", null, null));
    // Arguments that do not even decode (an unknown rollback level) are listed too, not dropped.
    harness.stub().signal("rollback", Map.of("by", "bob", "level", "sideways"));
    ReleaseStatus status = harness.awaitStatus("five refusals", s -> s.rejectedMessages().size() == 5);
    assertThat(status.rejectedMessages()).extracting(r -> r.name() + ": " + r.reason()).containsExactly(
        "pause: by: is required; say who sends this message, e.g. {\"by\":\"bob\"}",
        "resume: the release is not paused",
        "rollback: by: is required; say who sends this message, e.g. {\"by\":\"bob\"}",
        "approve: mallory may not approve shop 1.2.0: approve is for the approvers of gate 'production' (bob, carol, dave)",
        "rollback: field 'level': 'sideways' is not one of config, code, full");
    assertThat(refusal(harness, () -> workflow.rollback(null))).startsWith("a message is required");

    workflow.approve(new ApproveMessage("bob", null, null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    verify(harness.mocks.deploy, never()).deploy(argThat(d -> d != null && d.version().equals("1.1.0")));
  }

  @Test
  void aSecondRollbackOfALowerOrEqualLevelIsRefusedWhileTheFirstRuns() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    org.mockito.Mockito.when(harness.mocks.deploy.deploy(argThat(d -> d != null && d.version().equals("1.1.0"))))
        .thenAnswer(harness.mocks.blocking(new dev.deployflow.activity.DeployActivities.DeployResult("restored")));
    workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    workflow.rollback(new RollbackMessage("bob", "changed my mind", null));
    harness.awaitStatus("rolling back", s -> s.phase() == Phase.ROLLBACK);
    assertThat(Refusals.refusalWhileBusy(() -> workflow.rollback(new RollbackMessage("carol", "me too", RollbackLevel.CODE))))
        .isEqualTo("a rollback at level code is already under way (requested by bob); only a higher level can be asked for now");
    assertThat(Refusals.refusalWhileBusy(() -> workflow.rollback(new RollbackMessage("carol", "less", RollbackLevel.CONFIG))))
        .startsWith("a rollback at level code is already under way");
    assertThat(Refusals.refusalWhileBusy(() -> workflow.pause(new PauseMessage("carol", null))))
        .isEqualTo("the release is rolling back and cannot be paused");
    harness.mocks.releaseBlocked();
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
  }

  @Test
  void aRollbackIsRefusedWhileTheReleaseCompletes() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().noStability()
        .rollout(new RolloutStep(100, null, List.of())).build());
    org.mockito.Mockito.when(harness.mocks.releaseLog.appendReleaseLog(any()))
        .thenAnswer(harness.mocks.blocking("var/release-log.jsonl"));
    workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitStep("completing");
    assertThat(Refusals.refusalWhileBusy(() -> workflow.rollback(new RollbackMessage("bob", "too late", null))))
        .isEqualTo("the release is completing or complete (outcome succeeded); a rollback is no longer possible");
    harness.mocks.releaseBlocked();
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }
}

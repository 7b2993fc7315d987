package dev.deployflow.workflow;

import dev.deployflow.api.DeploymentWorkflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.NotificationActivities.NotifyResult;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.Phase;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ResumeMessage;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.RunState;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.workflow.support.Histories;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.api.enums.v1.EventType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an accepted update returns (CONTRACT.md: "the new status"): the status once the release has
 * acted on the message, not the one from before. An approval that completes the gate answers with
 * the release past the gate; a rollback with the rollback under way; a promote with the step after
 * the wait it skipped; a resume with the release moving again. While the release waits for the
 * message it acts in the same workflow task, and the answer's bounded wait leaves no timer in
 * history; while it is busy in an activity, the answer comes once the message is recorded.
 */
class UpdateAnswersTest {
  private static final String ANSWER_TIMER = "answer to the ";

  private ReleaseHarness harness;
  private DeploymentWorkflow workflow;

  @AfterEach
  void close() {
    harness.close();
  }

  private void start(TestPipelines pipeline) {
    harness = new ReleaseHarness(pipeline.build());
    workflow = harness.start(ReleaseHarness.request("1.2.0"));
  }

  @Test
  void anApprovalThatCompletesTheGateAnswersWithTheReleasePastIt() {
    start(TestPipelines.standard());
    harness.awaitGate("production");

    ReleaseStatus answer = workflow.approve(new ApproveMessage("bob", null, null));

    assertThat(answer.gates()).singleElement().satisfies(g -> assertThat(g.state()).hasToString("approved"));
    assertThat(answer.phase()).isEqualTo(Phase.PRODUCTION_ROLLOUT);
    assertThat(answer.state()).isEqualTo(RunState.RUNNING);
    assertThat(answer.currentStep()).doesNotStartWith("waiting for approval");
    assertThat(answer.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("approved gate 'production' (1 of 1 approvals)", "phase approval -> production_rollout (approved)");
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(answerTimers()).as("the release acted in the same task: no timer of the answer reached history").isEmpty();
  }

  @Test
  void anApprovalThatLeavesTheGateWaitingAnswersAtOnceWithTheNewCount() {
    start(TestPipelines.standard().approval(2, "bob", "carol", "dave"));
    ReleaseStatus waiting = harness.awaitGate("production");
    assertThat(waiting.currentStep())
        .isEqualTo("waiting for approval of 1.2.0 to production: 0 of 2 approvals (approvers: bob, carol, dave)");

    ReleaseStatus first = workflow.approve(new ApproveMessage("bob", null, null));
    assertThat(first.phase()).isEqualTo(Phase.APPROVAL);
    assertThat(first.state()).isEqualTo(RunState.WAITING);
    assertThat(first.currentStep())
        .isEqualTo("waiting for approval of 1.2.0 to production: 1 of 2 approvals (approvers: bob, carol, dave)");
    assertThat(first.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("approved gate 'production' (1 of 2 approvals)")
        .anyMatch(e -> e.startsWith("opened approval gate 'production' (0 of 2 approvals; approvers: bob, carol, dave; deadline "));

    ReleaseStatus second = workflow.approve(new ApproveMessage("carol", null, null));
    assertThat(second.gates().get(0).state()).hasToString("approved");
    assertThat(second.phase()).isEqualTo(Phase.PRODUCTION_ROLLOUT);
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void aRollbackAtTheGateAnswersWithTheRollbackUnderWay() {
    start(TestPipelines.standard());
    harness.awaitGate("production");

    ReleaseStatus answer = workflow.rollback(new RollbackMessage("bob", "wrong build", RollbackLevel.CODE));

    assertThat(answer.phase()).isIn(Phase.ROLLBACK, Phase.COMPLETION);
    assertThat(answer.gates().get(0).state()).hasToString("decided");
    assertThat(answer.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("phase approval -> rollback (rollback requested)");
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(answerTimers()).isEmpty();
  }

  @Test
  void aPromoteAnswersWithTheStepAfterTheSkippedPause() {
    start(TestPipelines.standard());
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("bob", null, null));
    harness.awaitWaiting("canary 10% — pause 10m");

    ReleaseStatus answer = workflow.promote(new PromoteMessage("carol", false));

    assertThat(answer.currentStep()).isEqualTo("canary 10% — analysis 1/3");
    assertThat(answer.state()).isEqualTo(RunState.RUNNING);
    assertThat(answer.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .containsSubsequence("promoted: current wait skipped", "pause at canary 10% skipped by carol");
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(answerTimers()).isEmpty();
  }

  @Test
  void aPromoteDuringTheStabilityWindowAnswersWithTheWindowEnding() {
    start(TestPipelines.standard().noApproval().rollout(new RolloutStep(100, null, List.of())));
    harness.awaitWaiting("stability window 2h");

    ReleaseStatus answer = workflow.promote(new PromoteMessage("frank", false));

    assertThat(answer.currentStep()).isEqualTo("ending the stability window early (promoted by frank)");
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void aResumeAnswersWithTheReleaseMovingAgain() {
    start(TestPipelines.standard());
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("bob", null, null));
    harness.awaitWaiting("canary 10% — pause 10m");
    workflow.pause(new PauseMessage("carol", "looking at a graph"));
    // The pause and the analysis of canary 10% end; the release holds before canary 50%.
    harness.sleep(Duration.ofMinutes(40));
    harness.awaitQuiet();

    ReleaseStatus answer = workflow.resume(new ResumeMessage("carol"));

    assertThat(answer.state()).isEqualTo(RunState.RUNNING);
    // Its next step begins by asking the freeze calendar whether production may be deployed to.
    assertThat(answer.currentStep()).isEqualTo("check the deploy window of production before canary 50%");
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(answerTimers()).isEmpty();
  }

  @Test
  void anApprovalWhileTheReleaseIsBusyAnswersOnceRecordedWithoutWaitingForTheActivity() {
    start(TestPipelines.standard());
    // The release opens the gate, then sends the awaiting_approval notification: it is busy there.
    when(harness.mocks.notifications.sendNotification(argThat(n -> n != null && n.event().equals("awaiting_approval"))))
        .thenAnswer(harness.mocks.blocking(new NotifyResult(1, List.of())));
    harness.awaitStatus("gate waiting", s -> s.gates().stream().anyMatch(g -> String.valueOf(g.state()).equals("waiting")));
    long realStart = System.nanoTime();

    ReleaseStatus answer = workflow.approve(new ApproveMessage("bob", null, null));

    System.out.println("approve answered while the release was busy after "
        + Duration.ofNanos(System.nanoTime() - realStart).toMillis() + " ms real time");
    assertThat(answer.gates().get(0).state()).hasToString("approved");
    assertThat(answer.phase()).isEqualTo(Phase.APPROVAL);
    assertThat(answerTimers()).containsExactly("answer to the approve update: wait up to 5s for the release to act on it");
    harness.mocks.releaseBlocked();
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(harness.status().timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("phase approval -> production_rollout (approved)");
    // Its history, with the answer's timer, is replayed by ReplayTest.
    Histories.recordIfAsked("busy-approve", harness.history());
  }

  private List<String> answerTimers() {
    return Histories.summarised(harness.history()).stream()
        .filter(s -> s.type() == EventType.EVENT_TYPE_TIMER_STARTED && s.summary().startsWith(ANSWER_TIMER))
        .map(Histories.Summarised::summary).toList();
  }
}

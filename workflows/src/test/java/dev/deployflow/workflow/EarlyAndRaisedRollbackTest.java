package dev.deployflow.workflow;

import dev.deployflow.api.DeploymentWorkflow;
import static dev.deployflow.workflow.support.Calls.command;
import static dev.deployflow.workflow.support.Calls.deployOf;
import static dev.deployflow.workflow.support.Calls.smokeIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.CommandActivities.CommandResult;
import dev.deployflow.activity.DeployActivities.DeployResult;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.workflow.support.Refusals;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rollbacks at the edges of a release's life: one that arrives with the start (handled before the
 * main method runs) and ones that raise the level of a rollback in progress.
 */
class EarlyAndRaisedRollbackTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aRollbackSentWithTheStartRollsBackAndNothingReachesProduction() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().build());
    harness.signalWithStart(ReleaseHarness.request("1.2.0"), "rollback",
        new RollbackMessage("erin", "started by mistake", RollbackLevel.CODE));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).isEqualTo("rolled back (code) by erin: started by mistake");
    verify(harness.mocks.deploy, never()).deploy(argThat(d -> d != null && d.environment().equals("production")));
    assertThat(harness.status().timeline()).extracting(e -> e.event())
        .contains("phase preparation -> rollback (rollback requested)");
    assertThat(harness.status().rejectedMessages()).isEmpty();
  }

  @Test
  void aFullRollbackDuringAnAutomaticCodeRollbackIsAcceptedAndCarriedOutAfterIt() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().rollout(new RolloutStep(100, null, List.of())).build());
    when(harness.mocks.smokeTests.runSmokeTest(argThat(smokeIn("production")))).thenThrow(
        ApplicationFailure.newNonRetryableFailure("checkout: expected status 200, got 500", "SmokeTestFailed"));
    when(harness.mocks.deploy.deploy(argThat(deployOf("web", "1.1.0", "production"))))
        .thenAnswer(harness.mocks.blocking(new DeployResult("restored")));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitStatus("rolling back automatically", s -> s.phase() == Phase.ROLLBACK);
    harness.awaitStep("compensating: deploy web 1.1.0 to production");

    assertThat(Refusals.refusalWhileBusy(
        () -> workflow.rollback(new RollbackMessage("carol", "again", RollbackLevel.CODE))))
        .startsWith("a rollback at level code is already under way (automatic: verification (gate 3) failed");
    ReleaseStatus answered = workflow.rollback(new RollbackMessage("bob", "undo everything", RollbackLevel.FULL));
    assertThat(answered.timeline()).extracting(e -> e.event())
        .contains("rollback raised from code to full: undo everything");
    assertThat(Refusals.refusalWhileBusy(
        () -> workflow.rollback(new RollbackMessage("carol", "me too", RollbackLevel.FULL))))
        .isEqualTo("a rollback at level full is already under way (raised by bob)");
    // Nothing of the higher level runs before the running level's compensations have finished.
    verify(harness.mocks.commands, never()).runCommand(argThat(command("configuration rollback")));
    verify(harness.mocks.deploy, never()).deploy(argThat(deployOf("api", "1.1.0", "staging")));
    harness.mocks.releaseBlocked();
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).startsWith("rolled back automatically: verification (gate 3) failed")
        .endsWith("; raised to full by bob: undo everything");
    verify(harness.mocks.commands).runCommand(argThat(command("configuration rollback")));
    verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "staging")));
    verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.1.0", "staging")));
    // Production's compensations ran once, in the code level; the full level did not repeat them.
    verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.1.0", "production")));
    verify(harness.mocks.notifications).sendNotification(argThat(n -> n != null && n.event().equals("announcement")));
    verify(harness.mocks.releaseLog).writePostMortem(argThat(p -> p != null && p.summary().endsWith("raised to full by bob: undo everything")));
    List<String> events = harness.status().timeline().stream().map(e -> e.event()).toList();
    assertThat(events).containsSubsequence(
        "rollback (code) started: verification (gate 3) failed: smoke test health failed in production: checkout: expected status 200, got 500",
        "rollback (code) finished",
        "rollback raised from code to full started: undo everything",
        "rollback (full) finished");
    assertThat(harness.status().rejectedMessages()).isEmpty();
  }

  @Test
  void aCodeRollbackSignalRaisesARequestedConfigRollbackAndALowerOneIsRefused() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    when(harness.mocks.commands.runCommand(argThat(command("configuration rollback"))))
        .thenAnswer(harness.mocks.blocking(new CommandResult(0, "config restored", 1)));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    workflow.rollback(new RollbackMessage("erin", "bad flag", RollbackLevel.CONFIG));
    harness.awaitStep("compensating: configuration rollback");

    workflow.rollbackSignal(new RollbackMessage("frank", "the code too", RollbackLevel.CODE));
    workflow.rollbackSignal(new RollbackMessage("bob", "only config", RollbackLevel.CONFIG));
    harness.awaitStatus("refused signal listed", s -> !s.rejectedMessages().isEmpty());
    harness.mocks.releaseBlocked();
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).isEqualTo("rolled back (config) by erin: bad flag; raised to code by frank: the code too");
    verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "staging")));
    verify(harness.mocks.commands).runCommand(argThat(command("configuration rollback")));
    verify(harness.mocks.notifications, never()).sendNotification(argThat(n -> n != null && n.event().equals("announcement")));
    assertThat(harness.status().rejectedMessages()).singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo("a rollback at level code is already under way (raised by frank)"
            + "; only a higher level can be asked for now"));
  }
}

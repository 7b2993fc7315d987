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

import dev.deployflow.activity.DeployActivities.DeployResult;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseResult;
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
 * main method runs) and one that tries to raise the level of an automatic rollback in progress.
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
  void aFullRollbackDuringAnAutomaticCodeRollbackIsRefusedAndOnlyCodeIsRolledBack() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().rollout(new RolloutStep(100, null, List.of())).build());
    when(harness.mocks.smokeTests.runSmokeTest(argThat(smokeIn("production")))).thenThrow(
        ApplicationFailure.newNonRetryableFailure("checkout: expected status 200, got 500", "SmokeTestFailed"));
    when(harness.mocks.deploy.deploy(argThat(deployOf("web", "1.1.0", "production"))))
        .thenAnswer(harness.mocks.blocking(new DeployResult("restored")));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitStatus("rolling back automatically", s -> s.phase() == Phase.ROLLBACK);
    harness.awaitStep("compensating: deploy web 1.1.0 to production");

    assertThat(Refusals.refusalWhileBusy(
        () -> workflow.rollback(new RollbackMessage("bob", "undo everything", RollbackLevel.FULL))))
        .startsWith("a rollback is already under way (automatic: verification (gate 3) failed");
    workflow.rollbackSignal(new RollbackMessage("bob", "undo everything", RollbackLevel.FULL));
    harness.awaitStatus("refused signal listed", s -> !s.rejectedMessages().isEmpty());
    harness.mocks.releaseBlocked();
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).startsWith("rolled back automatically: verification (gate 3) failed");
    verify(harness.mocks.commands, never()).runCommand(argThat(command("configuration rollback")));
    verify(harness.mocks.deploy, never()).deploy(argThat(deployOf("api", "1.1.0", "staging")));
    verify(harness.mocks.notifications, never()).sendNotification(argThat(n -> n != null && n.event().equals("announcement")));
    assertThat(harness.status().timeline()).extracting(e -> e.event())
        .noneMatch(e -> e.startsWith("rollback (full)"));
    assertThat(harness.status().rejectedMessages()).singleElement()
        .satisfies(r -> assertThat(r.reason()).startsWith("a rollback is already under way (automatic"));
  }
}

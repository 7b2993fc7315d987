package dev.deployflow.workflow;

import static dev.deployflow.workflow.support.Calls.deployOf;
import static dev.deployflow.workflow.support.Calls.smokeIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.DeployActivities.DeployResult;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Temporal cancellation that arrives after the release's forward work ended (during an automatic
 * rollback, or during completion) still ends the release {@code aborted}: the run closes as
 * cancelled (the Java SDK closes a cancel-requested workflow so), and its status, notification and
 * release log must say the same, not {@code rolled_back} or {@code succeeded}.
 */
class CancelWhileEndingTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aCancellationDuringAnAutomaticRollbackFinishesTheRollbackAndEndsAborted() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().rollout(new RolloutStep(100, null, List.of())).build());
    when(harness.mocks.smokeTests.runSmokeTest(argThat(smokeIn("production")))).thenThrow(
        ApplicationFailure.newNonRetryableFailure("checkout: expected status 200, got 500", "SmokeTestFailed"));
    when(harness.mocks.deploy.deploy(argThat(deployOf("web", "1.1.0", "production"))))
        .thenAnswer(harness.mocks.blocking(new DeployResult("restored")));
    harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitStatus("rolling back automatically", s -> s.phase() == Phase.ROLLBACK);
    harness.awaitStep("compensating: deploy web 1.1.0 to production");
    harness.stub().cancel();
    harness.mocks.releaseBlocked();

    assertThat(harness.awaitClosed()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    assertThat(harness.status().outcome()).isEqualTo(Outcome.ABORTED);
    verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "production")));
    verify(harness.mocks.releaseLog).appendReleaseLog(argThat(e -> e != null && e.outcome().equals("aborted")));
  }

  @Test
  void aCancellationDuringCompletionEndsAbortedNotSucceeded() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().rollout(new RolloutStep(100, null, List.of()))
        .noStability().build());
    when(harness.mocks.releaseLog.appendReleaseLog(any())).thenAnswer(harness.mocks.blocking("var/release-log.jsonl"));
    harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitStep("completing: succeeded");
    harness.awaitStatus("writing the release log", s -> s.phase() == Phase.COMPLETION);
    harness.stub().cancel();
    harness.mocks.releaseBlocked();

    assertThat(harness.awaitClosed()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    assertThat(harness.status().outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(harness.status().currentStep()).contains("cancelled");
  }
}

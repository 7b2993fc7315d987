package dev.deployflow.workflow;

import dev.deployflow.api.DeploymentWorkflow;
import static dev.deployflow.workflow.support.Calls.command;
import static dev.deployflow.workflow.support.Calls.deployOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.ReleaseLogActivities.PostMortem;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.pipeline.Component;
import dev.deployflow.pipeline.DeploySpec;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The compensations of one component depend on each other: undoing api's migration while api
 * still runs the candidate would leave the candidate on the old schema. When one fails after its
 * retries, the later ones of the same component are skipped and reported, the run fails with
 * {@code CompensationFailed} naming what is left in which state, and the post-mortem says what a
 * person must do. A component whose previous version is unknown is not called rolled back.
 */
class CompensationDependencyTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aFailedRestoreOfApiSkipsTheUndoOfItsMigrationAndFailsTheRun() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    when(harness.mocks.deploy.deploy(argThat(deployOf("api", "1.1.0", "production"))))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("HTTP 400 from deploy hook", "DeployRefused"));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("bob", null, null));
    harness.awaitWaiting("canary 10% — pause 10m");
    workflow.rollback(new RollbackMessage("carol", "latency spike", null));

    WorkflowFailedException failed = org.assertj.core.api.Assertions.catchThrowableOfType(
        WorkflowFailedException.class, () -> harness.stub().getResult(ReleaseResult.class));
    assertThat(failed).isNotNull();
    ApplicationFailure cause = (ApplicationFailure) failed.getCause();
    assertThat(cause.getType()).isEqualTo(DeploymentWorkflowImpl.COMPENSATION_FAILED);
    assertThat(cause.getOriginalMessage())
        .contains("deploy api 1.1.0 to production (previous version): HTTP 400 from deploy hook")
        .contains("undo migration of api in production: skipped")
        .contains("api runs 1.2.0 at 10% in production");
    verify(harness.mocks.commands, never()).runCommand(argThat(command("undo migration of api in production")));
    verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.1.0", "production")));

    ReleaseStatus status = harness.status();
    assertThat(status.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(status.compensations()).filteredOn(c -> c.action().equals("undo migration of api in production"))
        .singleElement().satisfies(c -> {
          assertThat(c.state().toString()).isEqualTo("skipped");
          assertThat(c.detail()).contains("'deploy api 1.1.0 to production (previous version)' failed");
        });
    ArgumentCaptor<PostMortem> postMortem = ArgumentCaptor.forClass(PostMortem.class);
    verify(harness.mocks.releaseLog).writePostMortem(postMortem.capture());
    assertThat(postMortem.getValue().failures()).anySatisfy(f -> assertThat(f)
        .startsWith("action needed: ").contains("api").contains("undo migration of api in production"));
  }

  @Test
  void aComponentWithoutAVersionProbeIsNotCalledRolledBack() {
    TestPipelines pipelines = TestPipelines.standard().noApproval();
    Component web = pipelines.component("web");
    DeploySpec deploy = web.deploy();
    Component unprobed = new Component(web.name(), web.kind(), web.build(), web.migrate(),
        new DeploySpec(deploy.command(), deploy.timeout(), deploy.workingDir(), deploy.http(), null));
    Component api = pipelines.component("api");
    harness = new ReleaseHarness(pipelines.components(api, unprobed).build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitWaiting("canary 10% — pause 10m");
    workflow.rollback(new RollbackMessage("carol", "latency spike", null));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).contains("web was not restored in production: it has no version probe");
    assertThat(harness.status().compensations()).filteredOn(c -> c.action().startsWith("restore web in production"))
        .singleElement().satisfies(c -> assertThat(c.detail()).contains("still runs 1.2.0"));
  }
}

package dev.deployflow.workflow;

import dev.deployflow.api.DeploymentWorkflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.ArtifactActivities.ArtifactCheck;
import dev.deployflow.activity.ArtifactActivities.ArtifactReport;
import dev.deployflow.activity.ConfigActivities.ConfigCheckResult;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Gate 1 and the input checks: a request or pipeline that cannot run fails the run (non-retryable,
 * naming the field), every other readiness failure completes the release as failed, with a reason a
 * person can act on, and nothing deployed.
 */
class PreparationGateTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void invalidInputFailsTheRunNamingTheField() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    harness.start(new ReleaseRequest("shop", "1.2 beta", null, null, null, null, null, null), "deploy-shop");
    ApplicationFailure failure = runFailure();
    assertThat(failure.getType()).isEqualTo("InvalidInput");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("version: '1.2 beta' must match [0-9A-Za-z][0-9A-Za-z._+-]{0,127}");
    verify(harness.mocks.pipeline, never()).planRelease(any());
  }

  @Test
  void anUnknownEnumValueFailsTheRunNamingIt() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    io.temporal.client.WorkflowStub untyped = harness.client().newUntypedWorkflowStub(DeploymentWorkflow.TYPE,
        io.temporal.client.WorkflowOptions.newBuilder().setTaskQueue(DeploymentWorkflow.TASK_QUEUE).setWorkflowId("deploy-shop").build());
    untyped.start(java.util.Map.of("application", "shop", "version", "1.2.0", "kind", "weird"));
    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class,
        () -> untyped.getResult(10, java.util.concurrent.TimeUnit.SECONDS, ReleaseResult.class));
    assertThat(failed).as("the run fails instead of retrying its first task").isNotNull();
    assertThat(failed.getCause()).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo("InvalidInput");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).isEqualTo("invalid release request: kind: 'weird' is not one of standard, hotfix");
  }

  @Test
  void aRunUnderAnotherIdFailsAtOnceNamingTheIdToUse() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    harness.start(ReleaseHarness.request("1.2.0"), "release-of-shop");
    ApplicationFailure failure = runFailure();
    assertThat(failure.getType()).isEqualTo("InvalidInput");
    assertThat(failure.getOriginalMessage()).contains("must run with workflow id 'deploy-shop'");
  }

  @Test
  void aPipelineThatDoesNotLoadFailsTheRun() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    when(harness.mocks.pipeline.planRelease(any())).thenThrow(ApplicationFailure.newNonRetryableFailure(
        "pipelines/shop.yaml: environments[1].rollout[0].weight: must be between 1 and 100, was 0", "InvalidPipeline"));
    harness.start(ReleaseHarness.request("1.2.0"));
    ApplicationFailure failure = runFailure();
    assertThat(failure.getType()).isEqualTo("InvalidPipeline");
    assertThat(failure.getOriginalMessage()).contains("environments[1].rollout[0].weight");
    verify(harness.mocks.pipeline, times(1)).planRelease(any());
    ReleaseStatus status = harness.status();
    assertThat(status.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(status.phase()).isEqualTo(Phase.PREPARATION);
  }

  @Test
  void aPipelineTheValidatorRefusesFailsTheRunNamingThePath() {
    Pipeline broken = TestPipelines.standard().rollout(new RolloutStep(0, null, List.of())).build();
    harness = new ReleaseHarness(broken);
    harness.start(ReleaseHarness.request("1.2.0"));
    ApplicationFailure failure = runFailure();
    assertThat(failure.getType()).isEqualTo("InvalidPipeline");
    assertThat(failure.getOriginalMessage()).contains("environments[1].rollout[0].weight");
    verify(harness.mocks.deploy, never()).deploy(any());
  }

  /**
   * Validation and planning are the activity's: the release runs by the plan recorded in history,
   * even one the current rules would compute differently or refuse (a worker with stricter rules
   * or other time-zone data replays a release in flight as it ran).
   */
  @Test
  void theReleaseRunsByThePlanTheActivityRecordedAndDoesNotValidateOrPlanItself() {
    // A rollout step at 0%: today's validator refuses it, yet the plan the activity recorded stands.
    Pipeline recorded = TestPipelines.standard().noApproval().noStability()
        .rollout(new RolloutStep(0, null, List.of()), new RolloutStep(100, null, List.of())).build();
    harness = new ReleaseHarness(recorded);
    dev.deployflow.plan.ReleasePlan plan = dev.deployflow.plan.ReleasePlan.of(recorded, ReleaseHarness.request("1.2.0"));
    // The activity planned a single step at 100% (by the rules of its version).
    dev.deployflow.plan.ReleasePlan onePass = new dev.deployflow.plan.ReleasePlan(plan.components(), plan.stages(),
        plan.production(), List.of(new RolloutStep(100, null, List.of())), plan.approval(), plan.requiresRollbackPlan());
    when(harness.mocks.pipeline.planRelease(any())).thenReturn(
        new dev.deployflow.activity.PipelineActivities.PlannedRelease(recorded, onePass));
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    verify(harness.mocks.deploy, never()).deploy(org.mockito.ArgumentMatchers.argThat(d -> d != null && d.weight() < 100));
    verify(harness.mocks.pipeline, never()).loadPipeline(any());
  }

  @Test
  void aMissingRollbackPlanIsRefusedWhenThePipelineRequiresOne() {
    harness = new ReleaseHarness(TestPipelines.standard().requireRollbackPlan().build());
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.summary()).contains("requires a rollback plan").contains("rollbackPlan");
    verify(harness.mocks.commands, never()).runCommand(any());
    assertNothingDeployed();
  }

  @Test
  void aFailedBuildEndsTheReleaseFailedWithItsOutput() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    when(harness.mocks.commands.runCommand(any())).thenThrow(
        ApplicationFailure.newFailure("./ci/build.sh exited with 2: compilation error in Api.java", "CommandFailed"));
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.summary()).contains("build of api failed").contains("compilation error in Api.java");
    // A build that failed is tried twice, then a person must look.
    verify(harness.mocks.commands, times(2)).runCommand(any());
    assertNothingDeployed();
    verify(harness.mocks.releaseLog).writePostMortem(any());
    assertThat(harness.status().compensations()).isEmpty();
  }

  @Test
  void aFailedArtifactCheckEndsTheReleaseFailed() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    when(harness.mocks.artifacts.verifyArtifacts(any())).thenReturn(new ArtifactReport("api", List.of(
        new ArtifactCheck("build/api-1.2.0.jar", false, 10, "ff00", "SHA-256 ff00 does not match ab12 in build/api-1.2.0.jar.sha256"))));
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.summary()).contains("artifact check of api failed: build/api-1.2.0.jar: SHA-256 ff00 does not match");
    assertNothingDeployed();
  }

  @Test
  void missingConfigurationEndsTheReleaseFailedNamingIt() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    when(harness.mocks.config.checkConfig(argThat(r -> r != null && r.environment().equals("production"))))
        .thenReturn(new ConfigCheckResult("production", List.of("PAYMENT_API_KEY")));
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.summary()).contains("production is missing required configuration PAYMENT_API_KEY");
    assertThat(harness.status().timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("phase preparation -> completion (gate failed)");
    assertNothingDeployed();
  }

  private void assertNothingDeployed() {
    verify(harness.mocks.deploy, never()).deploy(any());
    assertThat(harness.status().environments()).allSatisfy(e -> assertThat(e.version()).isNull());
  }

  private ApplicationFailure runFailure() {
    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class,
        () -> harness.stub().getResult(ReleaseResult.class));
    assertThat(failed).as("the run should fail").isNotNull();
    assertThat(failed.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failed.getCause();
  }
}

package dev.deployflow.workflow;

import dev.deployflow.api.DeploymentWorkflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.workflow.support.Refusals;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.deployflow.activity.PipelineActivities.PlanReleaseRequest;
import dev.deployflow.activity.PipelineActivities.PlannedRelease;
import dev.deployflow.plan.ReleasePlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Messages that arrive before the release has loaded its pipeline, when nobody's authority can be
 * checked yet: an update is refused with a reason saying so; a signal is kept and judged by the
 * same rules as soon as the pipeline is known, so a rollback signalled with the start is never
 * lost, and a stranger's is still refused.
 */
class EarlyMessagesTest {
  private final Pipeline pipeline = TestPipelines.standard().build();
  private final CountDownLatch loaded = new CountDownLatch(1);
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    loaded.countDown();
    harness.close();
  }

  /** A harness whose pipeline load waits until the test lets it finish. */
  private void holdThePipelineLoad() {
    harness = new ReleaseHarness(pipeline);
    when(harness.mocks.pipeline.planRelease(any())).thenAnswer(inv -> {
      PlanReleaseRequest request = inv.getArgument(0);
      loaded.await(20, TimeUnit.SECONDS);
      return request == null ? null : new PlannedRelease(pipeline, ReleasePlan.of(pipeline, request.release()));
    });
  }

  @Test
  void whileThePipelineLoadsUpdatesAreRefusedAndSignalsAreKeptThenJudged() {
    holdThePipelineLoad();
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitStep("load pipeline");

    assertThat(Refusals.refusalWhileBusy(() -> workflow.pause(new PauseMessage("alice", null))))
        .isEqualTo("the release shop 1.2.0 has not loaded its pipeline yet, so who may pause it is not known;"
            + " send it again in a moment");
    // Input problems need no pipeline: refused at once.
    workflow.rollbackSignal(new RollbackMessage("bob smith", null, null));
    workflow.pauseSignal(new PauseMessage("mallory", "kept, then refused"));
    workflow.rollbackSignal(new RollbackMessage("alice", "wrong build", null));
    ReleaseStatus waiting = harness.awaitStatus("the malformed signal refused",
        s -> s.rejectedMessages().size() == 1);
    assertThat(waiting.rejectedMessages().get(0).reason())
        .isEqualTo("by: 'bob smith' must match [A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    assertThat(waiting.rejectedMessages().get(0).by()).isEqualTo("'bob smith'");
    assertThat(waiting.phase()).isEqualTo(Phase.PREPARATION);

    loaded.countDown();
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).isEqualTo("rolled back (code) by alice: wrong build");
    ReleaseStatus done = harness.status();
    assertThat(done.rejectedMessages()).extracting(r -> r.name() + " by " + r.by() + ": " + r.reason()).containsExactly(
        "rollback by 'bob smith': by: 'bob smith' must match [A-Za-z0-9][A-Za-z0-9._@-]{0,63}",
        "pause by mallory: mallory may not pause shop 1.2.0: pause is for the requester, the production approvers and"
            + " operators (alice, bob, carol, dave, erin, frank)");
    assertThat(done.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("phase preparation -> rollback (rollback requested)");
  }

  @Test
  void aRollbackSignalledWithTheStartCountsForTheRequester() {
    harness = new ReleaseHarness(pipeline);
    DeploymentWorkflow workflow = signalWithStart(new RollbackMessage("alice", "started the wrong version", null));
    ReleaseResult result = WorkflowStub.fromTyped(workflow).getResult(ReleaseResult.class);
    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).isEqualTo("rolled back (code) by alice: started the wrong version");
    assertThat(workflow.status().rejectedMessages()).isEmpty();
  }

  @Test
  void aStrangersRollbackSignalledWithTheStartIsRefusedOnceThePipelineIsKnown() {
    harness = new ReleaseHarness(pipeline);
    DeploymentWorkflow workflow = signalWithStart(new RollbackMessage("mallory", "chaos", null));
    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    ReleaseStatus status = null;
    for (int i = 0; i < 1_000 && (status == null || status.phase() != Phase.APPROVAL); i++) {
      status = workflow.status();
      sleep();
    }
    assertThat(status.phase()).isEqualTo(Phase.APPROVAL);
    assertThat(status.rejectedMessages()).extracting(r -> r.name() + " by " + r.by() + ": " + r.reason()).containsExactly(
        "rollback by mallory: mallory may not roll back shop 1.2.0: rollback is for the requester, the production"
            + " approvers and operators (alice, bob, carol, dave, erin, frank)");
    workflow.approve(new ApproveMessage("bob", null, null));
    assertThat(stub.getResult(ReleaseResult.class).outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  private DeploymentWorkflow signalWithStart(RollbackMessage rollback) {
    DeploymentWorkflow workflow = harness.client().newWorkflowStub(DeploymentWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(DeploymentWorkflow.TASK_QUEUE).setWorkflowId("deploy-shop").build());
    BatchRequest batch = harness.client().newSignalWithStartRequest();
    batch.add(workflow::run, ReleaseHarness.request("1.2.0"));
    batch.add(workflow::rollbackSignal, rollback);
    harness.client().signalWithStart(batch);
    return workflow;
  }

  private static void sleep() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

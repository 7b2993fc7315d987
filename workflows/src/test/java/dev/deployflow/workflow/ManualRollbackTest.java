package dev.deployflow.workflow;

import dev.deployflow.api.DeploymentWorkflow;
import static dev.deployflow.workflow.support.Calls.command;
import static dev.deployflow.workflow.support.Calls.deployOf;
import static dev.deployflow.workflow.support.Calls.smokeIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.CommandActivities.CommandResult;
import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import dev.deployflow.activity.ReleaseLogActivities.PostMortem;
import dev.deployflow.activity.ReleaseLogActivities.ReleaseLogEntry;
import dev.deployflow.activity.SmokeTestActivities.SmokeTestResult;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import dev.deployflow.pipeline.RolloutStep;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * The rollback message in every phase until completion, at each level: config runs the pipeline's
 * configuration rollback only; code restores the current environment's components in reverse
 * order and undoes its migrations; full does that everywhere, rolls the configuration back,
 * announces it and writes a post-mortem. A Temporal cancellation rolls back like code and ends
 * aborted.
 */
class ManualRollbackTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void rollbackDuringPreparationInterruptsTheBuild() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    when(harness.mocks.commands.runCommand(any())).thenAnswer(harness.mocks.blocking(new CommandResult(0, "", 1)));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitStep("build api");
    workflow.rollback(new RollbackMessage("erin", "wrong branch", RollbackLevel.CODE));
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).isEqualTo("rolled back (code) by erin: wrong branch");
    verify(harness.mocks.deploy, never()).deploy(any());
    assertThat(events()).contains("phase preparation -> rollback (rollback requested)",
        "nothing was deployed yet: no code to roll back");
  }

  @Test
  void fullRollbackDuringStagingUndoesStagingAndConfigurationAndAnnounces() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    when(harness.mocks.smokeTests.runSmokeTest(any())).thenAnswer(harness.mocks.blocking(new SmokeTestResult("health", 200, 1)));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitStep("smoke test health in staging");
    workflow.rollbackSignal(new RollbackMessage("erin", "customer report", RollbackLevel.FULL));
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);

    InOrder order = inOrder(harness.mocks.deploy, harness.mocks.commands, harness.mocks.notifications, harness.mocks.releaseLog);
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.2.0", "staging")));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.1.0", "staging")));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "staging")));
    order.verify(harness.mocks.commands).runCommand(argThat(command("undo migration of api in staging")));
    order.verify(harness.mocks.commands).runCommand(argThat(command("configuration rollback")));
    order.verify(harness.mocks.notifications).sendNotification(argThat(n -> n != null && n.event().equals("announcement")));
    order.verify(harness.mocks.notifications).sendNotification(argThat(n -> n != null && n.event().equals("rolled_back")));
    order.verify(harness.mocks.releaseLog).appendReleaseLog(any());
    order.verify(harness.mocks.releaseLog).writePostMortem(any());
    assertThat(events()).contains("phase staging -> rollback (rollback requested)");
    assertThat(harness.status().compensations()).extracting(c -> c.action() + ": " + c.state()).containsExactly(
        "undo migration of api in staging: done",
        "deploy api 1.1.0 to staging (previous version): done",
        "deploy web 1.1.0 to staging (previous version): done",
        "configuration rollback: done");
  }

  @Test
  void configRollbackDuringApprovalRunsOnlyTheConfigurationRollback() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    ReleaseStatus accepted = workflow.rollback(new RollbackMessage("bob", "feature flag misconfigured", RollbackLevel.CONFIG));
    assertThat(accepted.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("rollback (config) requested in phase approval: feature flag misconfigured");
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);

    verify(harness.mocks.commands).runCommand(argThat(command("configuration rollback")));
    verify(harness.mocks.deploy, never()).deploy(argThat(deployOf("api", "1.1.0", "staging")));
    ReleaseStatus status = harness.status();
    assertThat(status.gates()).singleElement().satisfies(g -> assertThat(g.state()).hasToString("decided"));
    assertThat(status.environments()).extracting(e -> e.name() + "=" + e.version()).contains("staging=1.2.0");
    assertThat(events()).contains("phase approval -> rollback (rollback requested)");
  }

  @Test
  void codeRollbackDuringTheRolloutRestoresProductionInReverseOrder() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("bob", null, null));
    harness.awaitWaiting("canary 10% — pause 10m");
    workflow.rollback(new RollbackMessage("carol", "latency spike", null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);

    InOrder order = inOrder(harness.mocks.deploy, harness.mocks.commands);
    order.verify(harness.mocks.commands).runCommand(argThat(command("migrate api in production")));
    order.verify(harness.mocks.deploy).deploy(argThat(d -> deployOf("api", "1.2.0", "production").matches(d) && d.weight() == 10));
    order.verify(harness.mocks.deploy).deploy(argThat(d -> deployOf("web", "1.2.0", "production").matches(d) && d.weight() == 10));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.1.0", "production")));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "production")));
    order.verify(harness.mocks.commands).runCommand(argThat(command("undo migration of api in production")));
    order.verifyNoMoreInteractions();
    assertThat(harness.status().environments()).extracting(e -> e.name() + "=" + e.version() + "@" + e.weight())
        .containsExactly("staging=1.2.0@100", "production=1.1.0@100");
    assertThat(events()).contains("phase production_rollout -> rollback (rollback requested)");
  }

  @Test
  void aRollbackDuringAnAnalysisMarksItsVerdictCancelledNotRunning() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("bob", null, null));
    harness.awaitWaiting("canary 10% — pause 10m");
    workflow.promote(new dev.deployflow.model.PromoteMessage("bob", false));
    harness.awaitWaiting("canary 10% — analysis 1/3");
    // The analysis shows its first measurement (taken in the release: the count is short).
    harness.awaitStatus("first measurement shown", s -> s.analysis().size() == 1 && s.analysis().get(0).measurements().size() == 1);
    harness.awaitQuiet();
    workflow.rollback(new RollbackMessage("carol", "latency spike", null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);

    assertThat(harness.status().analysis()).singleElement().satisfies(a -> {
      assertThat(a.step()).isEqualTo("canary 10%");
      assertThat(a.measurements()).hasSize(1);
      assertThat(a.verdict()).hasToString("cancelled");
    });
  }

  @Test
  void codeRollbackDuringVerification() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().rollout(new RolloutStep(100, null, List.of())).build());
    when(harness.mocks.smokeTests.runSmokeTest(argThat(smokeIn("production"))))
        .thenAnswer(harness.mocks.blocking(new SmokeTestResult("health", 200, 1)));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitStep("smoke test health in production");
    workflow.rollback(new RollbackMessage("carol", "alerts firing", RollbackLevel.CODE));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    InOrder order = inOrder(harness.mocks.deploy, harness.mocks.commands);
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.1.0", "production")));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "production")));
    order.verify(harness.mocks.commands).runCommand(argThat(command("undo migration of api in production")));
    order.verifyNoMoreInteractions();
    assertThat(events()).contains("phase verification -> rollback (rollback requested)");
  }

  @Test
  void fullRollbackDuringTheStabilityWindowAfter100PercentUndoesEverything() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().rollout(new RolloutStep(100, null, List.of())).build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitPhase(Phase.STABILITY);
    harness.awaitWaiting("stability window 2h");
    workflow.rollback(new RollbackMessage("frank", "checkout conversions dropped", RollbackLevel.FULL));
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);

    InOrder order = inOrder(harness.mocks.deploy, harness.mocks.commands, harness.mocks.notifications);
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.1.0", "production")));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "production")));
    order.verify(harness.mocks.commands).runCommand(argThat(command("undo migration of api in production")));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.1.0", "staging")));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "staging")));
    order.verify(harness.mocks.commands).runCommand(argThat(command("undo migration of api in staging")));
    order.verify(harness.mocks.commands).runCommand(argThat(command("configuration rollback")));
    order.verify(harness.mocks.notifications).sendNotification(argThat(n -> n != null && n.event().equals("announcement")));
    verify(harness.mocks.releaseLog).writePostMortem(argThat(p -> p != null && p.decidedBy().stream()
        .anyMatch(d -> d.startsWith("frank: rollback (full)"))));
    // What was undone reads in the order it ran: production's components in reverse, its migration
    // last, then staging the same way, then the configuration.
    List<String> ranInOrder = List.of(
        "deploy web 1.1.0 to production (previous version): done",
        "deploy api 1.1.0 to production (previous version): done",
        "undo migration of api in production: done",
        "deploy web 1.1.0 to staging (previous version): done",
        "deploy api 1.1.0 to staging (previous version): done",
        "undo migration of api in staging: done",
        "configuration rollback: done");
    ArgumentCaptor<PostMortem> postMortem = ArgumentCaptor.forClass(PostMortem.class);
    verify(harness.mocks.releaseLog).writePostMortem(postMortem.capture());
    assertThat(postMortem.getValue().undone()).extracting(c -> c.action() + ": " + c.state()).containsExactlyElementsOf(ranInOrder);
    ArgumentCaptor<ReleaseLogEntry> log = ArgumentCaptor.forClass(ReleaseLogEntry.class);
    verify(harness.mocks.releaseLog).appendReleaseLog(log.capture());
    assertThat(log.getValue().compensations()).extracting(c -> c.action() + ": " + c.state()).containsExactlyElementsOf(ranInOrder);
    // The status keeps the order of registration, as ReleaseStatus documents.
    assertThat(harness.status().compensations()).extracting(c -> c.action()).containsExactly(
        "undo migration of api in staging", "deploy api 1.1.0 to staging (previous version)",
        "deploy web 1.1.0 to staging (previous version)", "undo migration of api in production",
        "deploy api 1.1.0 to production (previous version)", "deploy web 1.1.0 to production (previous version)",
        "configuration rollback");
    assertThat(harness.status().environments()).extracting(e -> e.name() + "=" + e.version())
        .containsExactly("staging=1.1.0", "production=1.1.0");
    assertThat(events()).contains("phase stability -> rollback (rollback requested)");
    // The monitor child was cancelled, not left running.
    assertThat(harness.client().newUntypedWorkflowStub("deploy-shop/production/stability").describe().getStatus())
        .isEqualTo(io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
  }

  @Test
  void aTemporalCancellationRollsBackLikeCodeAndEndsAborted() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    harness.stub().cancel();
    // The Java SDK closes a workflow whose cancellation was requested as cancelled, even when it
    // returns normally (sdk-java#896); the release's own outcome is in its status and log.
    assertThat(harness.awaitClosed()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    InOrder order = inOrder(harness.mocks.deploy, harness.mocks.commands);
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.1.0", "staging")));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "staging")));
    order.verify(harness.mocks.commands).runCommand(argThat(command("undo migration of api in staging")));
    ArgumentCaptor<NotifyRequest> notes = ArgumentCaptor.forClass(NotifyRequest.class);
    verify(harness.mocks.notifications, atLeastOnce()).sendNotification(notes.capture());
    assertThat(notes.getAllValues()).extracting(NotifyRequest::event).endsWith("aborted");
    assertThat(harness.status().outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(harness.status().currentStep()).startsWith("aborted: the workflow was cancelled");
    verify(harness.mocks.releaseLog).appendReleaseLog(argThat(e -> e != null && e.outcome().equals("aborted")));
    verify(harness.mocks.releaseLog).writePostMortem(any());
  }

  private List<String> events() {
    return harness.status().timeline().stream().map(ReleaseStatus.TimelineEvent::event).toList();
  }
}

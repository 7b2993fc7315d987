package dev.deployflow.workflow;

import dev.deployflow.api.DeploymentWorkflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.activity.DeployActivities.DeployRequest;
import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import dev.deployflow.activity.ReleaseLogActivities.ReleaseLogEntry;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.GateStatus;
import dev.deployflow.model.RunState;
import dev.deployflow.pipeline.NotificationTarget;
import dev.deployflow.workflow.support.Histories;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowExecutionDescription;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** A release that goes well, from preparation to completion, and what it shows on the way. */
class HappyPathTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void releaseWalksEveryPhaseAndSucceeds() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));

    ReleaseStatus waiting = harness.awaitGate("production");
    assertThat(waiting.phase()).isEqualTo(Phase.APPROVAL);
    assertThat(waiting.state()).isEqualTo(RunState.WAITING);
    GateStatus gate = waiting.gates().get(0);
    assertThat(gate.required()).isEqualTo(1);
    assertThat(gate.approvers()).containsExactly("bob", "carol", "dave");
    assertThat(gate.commands()).contains(
        "deployflow approve shop --by bob",
        "temporal workflow update execute --workflow-id deploy-shop --name approve --input '{\"by\":\"bob\"}'");
    assertThat(waiting.environments()).extracting(e -> e.name() + "=" + e.version() + "@" + e.weight() + " was " + e.previousVersion())
        .containsExactly("staging=1.2.0@100 was 1.1.0", "production=null@0 was 1.1.0");
    assertThat(attribute("DeployPhase")).isEqualTo("approval");

    ReleaseStatus afterApproval = workflow.approve(new ApproveMessage("bob", null, "looks good"));
    assertThat(afterApproval.gates().get(0).state()).hasToString("approved");
    assertThat(afterApproval.gates().get(0).approvals()).extracting(a -> a.by() + ": " + a.comment()).containsExactly("bob: looks good");

    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(result.previousVersion()).isEqualTo("1.1.0");
    assertThat(result.summary()).isEqualTo("shop 1.2.0 is live in production (was 1.1.0)");

    ReleaseStatus status = harness.status();
    assertThat(status.phase()).isEqualTo(Phase.COMPLETION);
    assertThat(status.state()).isEqualTo(RunState.DONE);
    assertThat(status.environments()).extracting(e -> e.name() + "=" + e.version() + "@" + e.weight())
        .containsExactly("staging=1.2.0@100", "production=1.2.0@100");
    assertThat(status.timeline()).extracting(ReleaseStatus.TimelineEvent::event).filteredOn(e -> e.startsWith("phase "))
        .containsExactly(
            "phase preparation -> staging (prepared)",
            "phase staging -> approval (staged)",
            "phase approval -> production_rollout (approved)",
            "phase production_rollout -> verification (rolled out)",
            "phase verification -> stability (verified)",
            "phase stability -> completion (stable)");
    assertThat(status.analysis()).extracting(a -> a.metric() + " " + a.step() + " " + a.verdict() + " " + a.measurements().size())
        .containsExactly("error-rate canary 10% passed 3", "error-rate canary 50% passed 3",
            "error-rate stability passed 5");
    assertThat(status.compensations()).extracting(c -> c.state()).containsOnly(dev.deployflow.model.CompensationState.NOT_RUN);
    assertThat(status.rejectedMessages()).isEmpty();

    // Deploys in pipeline order, each step's key stable and distinct.
    ArgumentCaptor<DeployRequest> deploys = ArgumentCaptor.forClass(DeployRequest.class);
    verify(harness.mocks.deploy, atLeastOnce()).deploy(deploys.capture());
    assertThat(deploys.getAllValues()).extracting(d -> d.environment() + "/" + d.component() + "@" + d.weight())
        .containsExactly("staging/api@100", "staging/web@100", "production/api@10", "production/web@10",
            "production/api@50", "production/web@50", "production/api@100", "production/web@100");
    String runId = harness.stub().getExecution().getRunId();
    assertThat(deploys.getAllValues().get(2).idempotencyKey()).isEqualTo("deploy-shop/" + runId + "/production/api@10/deploy");
    assertThat(deploys.getAllValues()).extracting(DeployRequest::idempotencyKey).doesNotHaveDuplicates();
    assertThat(deploys.getAllValues().get(0).vars())
        .containsEntry("version", "1.2.0").containsEntry("previousVersion", "1.1.0").containsEntry("environment", "staging");

    // Migrations run once per environment, before the first deploy there.
    ArgumentCaptor<CommandRequest> commands = ArgumentCaptor.forClass(CommandRequest.class);
    verify(harness.mocks.commands, atLeastOnce()).runCommand(commands.capture());
    assertThat(commands.getAllValues()).extracting(CommandRequest::summary)
        .containsExactly("build api 1.2.0", "migrate api in staging", "migrate api in production");

    verify(harness.mocks.releaseLog, never()).writePostMortem(any());
    ArgumentCaptor<ReleaseLogEntry> log = ArgumentCaptor.forClass(ReleaseLogEntry.class);
    verify(harness.mocks.releaseLog).appendReleaseLog(log.capture());
    assertThat(log.getValue().approvedBy()).containsExactly("bob");
    assertThat(log.getValue().outcome()).hasToString("succeeded");
    assertThat(log.getValue().previousVersion()).isEqualTo("1.1.0");
    assertThat(log.getValue().changes()).containsExactly("New 'Job Matching' feature");

    ArgumentCaptor<NotifyRequest> notes = ArgumentCaptor.forClass(NotifyRequest.class);
    verify(harness.mocks.notifications, atLeastOnce()).sendNotification(notes.capture());
    assertThat(notes.getAllValues()).extracting(NotifyRequest::event).containsExactly("started", "awaiting_approval", "succeeded");
    NotifyRequest approval = notes.getAllValues().get(1);
    assertThat(approval.approveCommand()).isEqualTo("deployflow approve shop --by <your-name>");
    assertThat(approval.chatCommand()).isEqualTo("/deploy approve shop");

    assertThat(attribute("DeployPhase")).isEqualTo("completion");
    assertThat(attribute("DeployOutcome")).isEqualTo("succeeded");
    assertThat(attribute("DeployApplication")).isEqualTo("shop");
    assertThat(attribute("DeployVersion")).isEqualTo("1.2.0");
    assertThat(attribute("DeployRequestedBy")).isEqualTo("alice");

    var history = harness.history();
    var summarised = Histories.summarised(history);
    // The test server keeps a child's summary on the child itself (its description), not on the
    // parent's initiated event; activities and timers carry theirs in the parent's history.
    assertThat(summarised).filteredOn(s -> s.type() != EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)
        .isNotEmpty().allSatisfy(s -> assertThat(s.summary()).as(s.type().name()).isNotBlank());
    // Each component's deploy is an activity of the release, named for what it changes.
    assertThat(summarised).filteredOn(s -> s.type() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .extracting(Histories.Summarised::summary)
        .contains("deploy api 1.2.0 to production at 10%", "deploy api 1.2.0 to production at 100%",
            "deploy web 1.2.0 to production at 100%", "read current version of api in production");
    assertThat(harness.client().newUntypedWorkflowStub("deploy-shop/production/stability").describe().getStaticSummary())
        .isEqualTo("stability window 2h in production, error-rate every 5m");
    // A short analysis (count 3) runs in the release itself: its intervals are the release's timers.
    assertThat(summarised).extracting(Histories.Summarised::summary).contains(
        "rollout pause 10m at canary 10%", "analysis interval of error-rate at canary 10% (1/3 taken)",
        "build api 1.2.0", "approval reminder for gate production");
    // Builds heartbeat: their activity has a heartbeat timeout of 15 s (the activities beat every few seconds).
    assertThat(history.getEvents()).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .filteredOn(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("RunCommand"))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.getActivityTaskScheduledEventAttributes().getHeartbeatTimeout().getSeconds()).isEqualTo(15));
    // The workflow's current details, as the Temporal UI shows them.
    io.temporal.api.sdk.v1.WorkflowMetadata metadata =
        harness.stub().query("__temporal_workflow_metadata", io.temporal.api.sdk.v1.WorkflowMetadata.class);
    assertThat(metadata.getCurrentDetails()).startsWith("**shop 1.2.0** — phase `completion`, done, outcome `succeeded`")
        .contains("- production: 1.2.0 at 100% (was 1.1.0)");
    System.out.println("happy path: parent history has " + history.getEvents().size() + " events");
  }

  @Test
  void hotfixSkipsStagingAndGoesStraightTo100() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    ReleaseRequest hotfix = new ReleaseRequest(TestPipelines.APP, "1.2.1", null, ReleaseKind.HOTFIX, null, "alice", null, null);
    DeploymentWorkflow workflow = harness.start(hotfix);
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("carol", "production", null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);

    ArgumentCaptor<DeployRequest> deploys = ArgumentCaptor.forClass(DeployRequest.class);
    verify(harness.mocks.deploy, atLeastOnce()).deploy(deploys.capture());
    assertThat(deploys.getAllValues()).extracting(d -> d.environment() + "/" + d.component() + "@" + d.weight())
        .containsExactly("production/api@100", "production/web@100");
    assertThat(harness.status().timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("no pre-production stage to deploy (hotfix skips staging)");
  }

  @Test
  void notificationsGoOnlyToTargetsThatWantTheEvent() {
    NotificationTarget onlySuccess = new NotificationTarget(new NotificationTarget.Webhook("https://hooks/success", "json"),
        List.of("succeeded"));
    NotificationTarget approvals = new NotificationTarget(new NotificationTarget.Webhook("https://hooks/approvals", "slack"),
        List.of("awaiting_approval"));
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().notifications(onlySuccess, approvals).build());
    harness.start(ReleaseHarness.request("1.2.0"));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);

    ArgumentCaptor<NotifyRequest> notes = ArgumentCaptor.forClass(NotifyRequest.class);
    verify(harness.mocks.notifications).sendNotification(notes.capture());
    assertThat(notes.getValue().event()).isEqualTo("succeeded");
    assertThat(notes.getValue().targets()).containsExactly(onlySuccess);
    assertThat(harness.status().timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("no approval required for production");
  }

  @Test
  void remindersAndAnnouncementsReachTargetsSubscribedUnderTheContractsEventNames() {
    NotificationTarget approvals = new NotificationTarget(new NotificationTarget.Webhook("https://hooks/approvals", "slack"),
        List.of("awaiting_approval"));
    NotificationTarget rollbacks = new NotificationTarget(new NotificationTarget.Webhook("https://hooks/rollbacks", "json"),
        List.of("rolled_back"));
    harness = new ReleaseHarness(TestPipelines.standard().notifications(approvals, rollbacks).build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    harness.sleep(java.time.Duration.ofHours(13));
    harness.awaitStatus("reminder sent", s -> s.timeline().stream().anyMatch(e -> e.event().startsWith("reminder sent")));
    harness.awaitQuiet();
    workflow.rollback(new dev.deployflow.model.RollbackMessage("bob", "wrong build", dev.deployflow.model.RollbackLevel.FULL));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);

    ArgumentCaptor<NotifyRequest> notes = ArgumentCaptor.forClass(NotifyRequest.class);
    verify(harness.mocks.notifications, atLeastOnce()).sendNotification(notes.capture());
    assertThat(notes.getAllValues()).extracting(n -> n.event() + " -> "
            + n.targets().stream().map(t -> t.webhook().url()).toList())
        .containsExactly(
            "awaiting_approval -> [https://hooks/approvals]",
            "approval_reminder -> [https://hooks/approvals]",
            "announcement -> [https://hooks/rollbacks]",
            "rolled_back -> [https://hooks/rollbacks]");
    // The activity filters by `on` as well: an aliased target names the event it is sent.
    assertThat(notes.getAllValues()).filteredOn(n -> n.event().equals("approval_reminder")).singleElement()
        .satisfies(n -> assertThat(n.targets().get(0).on()).containsExactly("approval_reminder"));
  }

  @Test
  void aStabilityWindowWithoutMetricsIsADurableWait() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval()
        .rollout(new dev.deployflow.pipeline.RolloutStep(100, null, List.of())).stability("1h", "10m").build());
    long start = harness.now();
    harness.start(ReleaseHarness.request("1.2.0"));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(harness.now() - start).isGreaterThanOrEqualTo(3_600_000L);
    assertThat(harness.status().timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("stability window: no breach in 6 checks (6 checks in 1 run(s))");
  }

  @Test
  void aFailingNotifierNeverFailsTheRelease() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().build());
    org.mockito.Mockito.when(harness.mocks.notifications.sendNotification(any()))
        .thenThrow(io.temporal.failure.ApplicationFailure.newFailure("webhook unreachable", "IOException"));
    harness.start(ReleaseHarness.request("1.2.0"));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(harness.status().timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("notification 'started' could not be sent: webhook unreachable",
            "notification 'succeeded' could not be sent: webhook unreachable");
  }

  @Test
  void aRetriedDeployKeepsItsIdempotencyKey() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().build());
    org.mockito.Mockito.when(harness.mocks.deploy.deploy(any()))
        .thenThrow(io.temporal.failure.ApplicationFailure.newFailure("HTTP 503 from deploy hook", "DeployUnavailable"))
        .thenReturn(new dev.deployflow.activity.DeployActivities.DeployResult("deployed"));
    harness.start(ReleaseHarness.request("1.2.0"));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    ArgumentCaptor<DeployRequest> deploys = ArgumentCaptor.forClass(DeployRequest.class);
    verify(harness.mocks.deploy, atLeastOnce()).deploy(deploys.capture());
    List<DeployRequest> all = deploys.getAllValues();
    assertThat(all.get(0).idempotencyKey()).endsWith("/staging/api@100/deploy").isEqualTo(all.get(1).idempotencyKey());
    assertThat(all.get(1).component()).isEqualTo("api");
    assertThat(all.get(2).component()).isEqualTo("web");
  }

  private String attribute(String name) {
    WorkflowExecutionDescription description = harness.stub().describe();
    return description.getTypedSearchAttributes().get(io.temporal.common.SearchAttributeKey.forKeyword(name));
  }
}

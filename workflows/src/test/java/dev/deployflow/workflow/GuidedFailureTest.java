package dev.deployflow.workflow;

import static dev.deployflow.workflow.support.Calls.deployOf;
import static dev.deployflow.workflow.support.Calls.smokeIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.DeployActivities.DeployRequest;
import dev.deployflow.activity.DeployActivities.DeployResult;
import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import dev.deployflow.activity.ReleaseLogActivities.PostMortem;
import dev.deployflow.activity.ReleaseLogActivities.ReleaseLogEntry;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.GateKind;
import dev.deployflow.model.GateState;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.GateStatus;
import dev.deployflow.model.RetryMessage;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.SkipMessage;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.Refusals;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Guided failure ({@code onFailure: ask}): a failed step holds the release at a {@code decision}
 * gate that names the step and its error; retry runs the step again with a fresh idempotency key,
 * skip (smoke tests and analyses only) goes on and is recorded, rollback and the deadline roll back.
 */
class GuidedFailureTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aRetryAfterATransientDeployFailureRunsTheDeployAgainWithAFreshKeyAndTheReleaseSucceeds() {
    harness = new ReleaseHarness(TestPipelines.standard().onFailure(TestPipelines.STAGING, "ask", null).build());
    AtomicInteger attempts = new AtomicInteger();
    when(harness.mocks.deploy.deploy(argThat(deployOf("web", "1.2.0", "staging")))).thenAnswer(inv -> {
      if (attempts.incrementAndGet() == 1) {
        throw ApplicationFailure.newNonRetryableFailure("HTTP 409 from deploy hook: a deploy is already running",
            "DeployConflict");
      }
      return new DeployResult("deployed");
    });
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));

    ReleaseStatus waiting = harness.awaitGate(GuidedFailure.DECISION_GATE);
    GateStatus gate = decisionGate(waiting);
    assertThat(gate.kind()).isEqualTo(GateKind.DECISION);
    assertThat(gate.step()).isEqualTo("deploy of web 1.2.0 to staging at 100%");
    assertThat(gate.error()).isEqualTo("HTTP 409 from deploy hook: a deploy is already running");
    assertThat(waiting.currentStep()).startsWith("waiting for a decision: deploy of web 1.2.0 to staging at 100% failed");
    // A deploy may not be skipped: the choices offered are retry and rollback.
    assertThat(gate.commands()).contains("deployflow retry shop --by bob", "deployflow rollback shop --by bob")
        .noneMatch(c -> c.contains("skip"));
    assertThat(notifications()).contains("decision_needed");

    ReleaseStatus after = workflow.retry(new RetryMessage("erin"));
    assertThat(decisionGate(after).state()).isEqualTo(GateState.DECIDED);
    harness.awaitGate("production");
    assertThat(Refusals.refusal(harness, () -> workflow.retry(new RetryMessage("bob"))))
        .isEqualTo("no decision gate is waiting now (phase approval); retry applies only after a failed step"
            + " in an environment with onFailure: ask");
    workflow.approve(new ApproveMessage("bob", null, null));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    ArgumentCaptor<DeployRequest> deploys = ArgumentCaptor.forClass(DeployRequest.class);
    verify(harness.mocks.deploy, times(2)).deploy(argThat(deployOf("web", "1.2.0", "staging")));
    verify(harness.mocks.deploy, atLeastOnce()).deploy(deploys.capture());
    List<String> keys = deploys.getAllValues().stream()
        .filter(d -> deployOf("web", "1.2.0", "staging").matches(d)).map(DeployRequest::idempotencyKey).toList();
    assertThat(keys).hasSize(2).doesNotHaveDuplicates();
    assertThat(keys.get(1)).isEqualTo(keys.get(0).replace("/deploy", "/retry-1/deploy"));
    assertThat(harness.status().compensations()).extracting(c -> c.action())
        .containsOnlyOnce("deploy web 1.1.0 to staging (previous version)");
    assertThat(harness.status().timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("retry of the failed deploy of web 1.2.0 to staging at 100%");
  }

  @Test
  void aSkippedProductionSmokeTestIsRecordedAndTheReleaseGoesOn() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().onFailure(TestPipelines.PRODUCTION, "ask", "1h").build());
    when(harness.mocks.smokeTests.runSmokeTest(argThat(r -> r != null && r.environment().equals("production")
        && r.test().name().equals("checkout")))).thenThrow(
            ApplicationFailure.newNonRetryableFailure("checkout: expected status 200, got 500", "SmokeTestFailed"));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseStatus waiting = harness.skipUntilGate(GuidedFailure.DECISION_GATE);
    assertThat(decisionGate(waiting).step()).isEqualTo("smoke test checkout in production");
    assertThat(decisionGate(waiting).commands()).contains("deployflow skip shop --by bob --reason '<why>'");

    workflow.skip(new SkipMessage("erin", "checkout depends on the payment sandbox, down since 09:00 (OPS-12)"));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    String recorded = "skipped the failed smoke test checkout in production: "
        + "checkout depends on the payment sandbox, down since 09:00 (OPS-12)";
    ReleaseStatus status = harness.status();
    assertThat(decisionGate(status).state()).isEqualTo(GateState.DECIDED);
    assertThat(status.timeline()).anySatisfy(e -> {
      assertThat(e.event()).isEqualTo(recorded);
      assertThat(e.by()).isEqualTo("erin");
    });
    ArgumentCaptor<ReleaseLogEntry> log = ArgumentCaptor.forClass(ReleaseLogEntry.class);
    verify(harness.mocks.releaseLog).appendReleaseLog(log.capture());
    assertThat(log.getValue().timeline()).extracting(ReleaseStatus.TimelineEvent::event).contains(recorded);
    ArgumentCaptor<PostMortem> postMortem = ArgumentCaptor.forClass(PostMortem.class);
    verify(harness.mocks.releaseLog).writePostMortem(postMortem.capture());
    assertThat(postMortem.getValue().decidedBy()).contains("erin: " + recorded);
    assertThat(postMortem.getValue().failures()).anySatisfy(f -> assertThat(f)
        .contains("smoke test checkout in production failed: checkout: expected status 200, got 500")
        .contains("skipped by erin"));
    // The stability window ran after the skip: the release went on.
    assertThat(status.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("phase verification -> stability (verified)");
  }

  @Test
  void theDecisionDeadlineRollsBack() {
    harness = new ReleaseHarness(TestPipelines.standard().onFailure(TestPipelines.STAGING, "ask", "10m").build());
    when(harness.mocks.smokeTests.runSmokeTest(argThat(smokeIn("staging")))).thenThrow(
        ApplicationFailure.newNonRetryableFailure("health: expected status 200, got 503", "SmokeTestFailed"));
    harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate(GuidedFailure.DECISION_GATE);
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).contains("rolled back automatically")
        .contains("smoke test health failed in staging: health: expected status 200, got 503");
    ReleaseStatus status = harness.status();
    assertThat(decisionGate(status).state()).isEqualTo(GateState.EXPIRED);
    assertThat(status.compensations()).extracting(c -> c.action() + ": " + c.state()).contains(
        "deploy api 1.1.0 to staging (previous version): done", "deploy web 1.1.0 to staging (previous version): done");
    verify(harness.mocks.deploy, never()).deploy(argThat(deployOf("api", "1.2.0", "production")));
  }

  @Test
  void aSkipOfADeployAndARetryByAStrangerAreRefusedAndARollbackDecides() {
    harness = new ReleaseHarness(TestPipelines.standard().onFailure(TestPipelines.STAGING, "ask", null).build());
    when(harness.mocks.deploy.deploy(argThat(deployOf("api", "1.2.0", "staging")))).thenThrow(
        ApplicationFailure.newNonRetryableFailure("deploy.sh exited with 2", "CommandFailed"));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate(GuidedFailure.DECISION_GATE);

    assertThat(Refusals.refusal(harness, () -> workflow.skip(new SkipMessage("bob", "it works on my machine"))))
        .isEqualTo("the failed deploy of api 1.2.0 to staging at 100% cannot be skipped: only a failed smoke test or"
            + " analysis may be skipped, because a deploy or migration that did not run leaves the environment"
            + " without the candidate; send retry or rollback");
    assertThat(Refusals.refusal(harness, () -> workflow.retry(new RetryMessage("mallory"))))
        .isEqualTo("mallory may not retry shop 1.2.0: retry is for the production approvers and operators"
            + " (bob, carol, dave, erin, frank)");
    assertThat(Refusals.refusal(harness, () -> workflow.skip(new SkipMessage("bob", null))))
        .startsWith("reason: is required");
    // The refused signal is listed, and changes nothing.
    harness.workflow().retrySignal(new RetryMessage("mallory"));
    harness.awaitStatus("the refused retry listed", s -> !s.rejectedMessages().isEmpty());
    assertThat(decisionGate(harness.status()).state()).isEqualTo(GateState.WAITING);

    workflow.rollback(new RollbackMessage("carol", "not today", null));
    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    GateStatus gate = decisionGate(harness.status());
    assertThat(gate.state()).isEqualTo(GateState.DECIDED);
    verify(harness.mocks.deploy, times(1)).deploy(argThat(deployOf("api", "1.2.0", "staging")));
    verify(harness.mocks.smokeTests, never()).runSmokeTest(argThat(smokeIn("staging")));
  }

  @Test
  void aRetriedMigrationRunsTheMigrationAgainWithAFreshKeyThenDeploys() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().onFailure(TestPipelines.STAGING, "ask", null).build());
    AtomicInteger attempts = new AtomicInteger();
    when(harness.mocks.commands.runCommand(argThat(dev.deployflow.workflow.support.Calls.command("migrate api in staging"))))
        .thenAnswer(inv -> {
          if (attempts.incrementAndGet() == 1) {
            throw ApplicationFailure.newNonRetryableFailure("migrate.sh: lock timeout", "CommandFailed");
          }
          return new dev.deployflow.activity.CommandActivities.CommandResult(0, "migrated", 5);
        });
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseStatus waiting = harness.awaitGate(GuidedFailure.DECISION_GATE);
    assertThat(decisionGate(waiting).step()).isEqualTo("migration of api in staging");
    assertThat(decisionGate(waiting).error()).isEqualTo("migrate.sh: lock timeout");
    verify(harness.mocks.deploy, never()).deploy(argThat(deployOf("api", "1.2.0", "staging")));

    workflow.retry(new RetryMessage("bob"));

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    ArgumentCaptor<dev.deployflow.activity.CommandActivities.CommandRequest> commands =
        ArgumentCaptor.forClass(dev.deployflow.activity.CommandActivities.CommandRequest.class);
    verify(harness.mocks.commands, atLeastOnce()).runCommand(commands.capture());
    List<String> keys = commands.getAllValues().stream().filter(c -> "migrate api in staging".equals(c.summary()))
        .map(c -> c.idempotencyKey()).toList();
    assertThat(keys).hasSize(2).doesNotHaveDuplicates();
    verify(harness.mocks.deploy, times(1)).deploy(argThat(deployOf("api", "1.2.0", "staging")));
    assertThat(harness.status().compensations()).extracting(c -> c.action())
        .containsOnlyOnce("undo migration of api in staging");
  }

  @Test
  void aRetriedAnalysisRunsAgainWithNewChildrenAndTheReleaseSucceeds() {
    harness = new ReleaseHarness(TestPipelines.standard().onFailure(TestPipelines.PRODUCTION, "ask", null).build());
    AtomicInteger reads = new AtomicInteger();
    // The first read of the canary analysis is far above max; every later read is healthy.
    when(harness.mocks.metrics.measure(org.mockito.ArgumentMatchers.any())).thenAnswer(inv -> reads.incrementAndGet() == 1
        ? dev.deployflow.analysis.Measurement.value("error-rate", 0.2, "2026-01-01T00:00:00Z")
        : dev.deployflow.workflow.support.MockActivities.healthy().answer(inv));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("bob", null, null));
    ReleaseStatus waiting = harness.skipUntilGate(GuidedFailure.DECISION_GATE);
    assertThat(decisionGate(waiting).step()).isEqualTo("analysis of canary 10%");
    assertThat(decisionGate(waiting).error()).contains("0.2 is above max 0.01");

    assertThat(Refusals.refusal(harness, () -> workflow.promote(new dev.deployflow.model.PromoteMessage("bob", false))))
        .isEqualTo("promote does not answer a failed step: the failed analysis of canary 10% waits for retry, skip"
            + " or rollback");

    workflow.retry(new RetryMessage("frank"));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(harness.status().analysis()).filteredOn(a -> a.step().equals("canary 10%"))
        .extracting(a -> a.verdict().toString()).containsExactly("failed", "passed");
  }

  @Test
  void withoutOnFailureAskAFailedSmokeTestStillRollsBackAtOnce() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    when(harness.mocks.smokeTests.runSmokeTest(argThat(smokeIn("staging")))).thenThrow(
        ApplicationFailure.newNonRetryableFailure("health: expected status 200, got 503", "SmokeTestFailed"));
    harness.start(ReleaseHarness.request("1.2.0"));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(harness.status().gates()).noneMatch(g -> g.kind() == GateKind.DECISION);
    assertThat(notifications()).doesNotContain("decision_needed");
  }

  private static GateStatus decisionGate(ReleaseStatus status) {
    return status.gates().stream().filter(g -> g.kind() == GateKind.DECISION).reduce((a, b) -> b).orElseThrow();
  }

  private List<String> notifications() {
    ArgumentCaptor<NotifyRequest> notes = ArgumentCaptor.forClass(NotifyRequest.class);
    verify(harness.mocks.notifications, atLeastOnce()).sendNotification(notes.capture());
    return notes.getAllValues().stream().map(NotifyRequest::event).toList();
  }
}

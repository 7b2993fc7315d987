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

import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import dev.deployflow.activity.ReleaseLogActivities.PostMortem;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.workflow.support.MockActivities;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.failure.ApplicationFailure;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * Gates 2, 3 and 4 failing: the release rolls back the environment it is in (level code), runs the
 * compensations in exactly the reverse order of the actions, and completes rolled_back with a
 * post-mortem.
 */
class AutomaticRollbackTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aFailedStagingSmokeTestRollsStagingBack() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    when(harness.mocks.smokeTests.runSmokeTest(argThat(smokeIn("staging")))).thenThrow(
        ApplicationFailure.newNonRetryableFailure("health: expected status 200, got 503", "SmokeTestFailed"));
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).contains("smoke test health failed in staging: health: expected status 200, got 503");
    InOrder order = inOrder(harness.mocks.deploy, harness.mocks.commands);
    order.verify(harness.mocks.commands).runCommand(argThat(command("migrate api in staging")));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.2.0", "staging")));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.2.0", "staging")));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.1.0", "staging")));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "staging")));
    order.verify(harness.mocks.commands).runCommand(argThat(command("undo migration of api in staging")));
    order.verifyNoMoreInteractions();

    ReleaseStatus status = harness.status();
    assertThat(status.compensations()).extracting(c -> c.action() + ": " + c.state()).containsExactly(
        "undo migration of api in staging: done",
        "deploy api 1.1.0 to staging (previous version): done",
        "deploy web 1.1.0 to staging (previous version): done");
    assertThat(status.environments()).extracting(e -> e.name() + "=" + e.version())
        .containsExactly("staging=1.1.0", "production=null");
    assertThat(status.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("phase staging -> rollback (gate failed)", "phase rollback -> completion (rolled back)");
    verify(harness.mocks.smokeTests, never()).runSmokeTest(argThat(smokeIn("production")));
    ArgumentCaptor<PostMortem> postMortem = ArgumentCaptor.forClass(PostMortem.class);
    verify(harness.mocks.releaseLog).writePostMortem(postMortem.capture());
    assertThat(postMortem.getValue().failures()).anySatisfy(f -> assertThat(f).contains("expected status 200, got 503"));
    assertThat(postMortem.getValue().undone()).hasSize(3);
    verify(harness.mocks.releaseLog).appendReleaseLog(argThat(e -> e != null && e.compensations().size() == 3
        && e.compensations().stream().allMatch(c -> String.valueOf(c.state()).equals("done"))));
    assertThat(notifications()).containsExactly("started", "rolled_back");
  }

  @Test
  void aFailedProductionSmokeTestRollsProductionBackAndKeepsStaging() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().build());
    when(harness.mocks.smokeTests.runSmokeTest(argThat(smokeIn("production")))).thenThrow(
        ApplicationFailure.newNonRetryableFailure("checkout: body does not contain 'UP'", "SmokeTestFailed"));
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).contains("verification (gate 3) failed");
    InOrder order = inOrder(harness.mocks.deploy, harness.mocks.commands);
    order.verify(harness.mocks.deploy).deploy(argThat(d -> deployOf("web", "1.2.0", "production").matches(d) && d.weight() == 100));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.1.0", "production")));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "production")));
    order.verify(harness.mocks.commands).runCommand(argThat(command("undo migration of api in production")));
    order.verifyNoMoreInteractions();
    verify(harness.mocks.deploy, never()).deploy(argThat(deployOf("api", "1.1.0", "staging")));
    assertThat(harness.status().environments()).extracting(e -> e.name() + "=" + e.version())
        .containsExactly("staging=1.2.0", "production=1.1.0");
    assertThat(harness.status().compensations()).extracting(c -> c.action() + ": " + c.state()).containsExactly(
        "undo migration of api in staging: not_run",
        "deploy api 1.1.0 to staging (previous version): not_run",
        "deploy web 1.1.0 to staging (previous version): not_run",
        "undo migration of api in production: done",
        "deploy api 1.1.0 to production (previous version): done",
        "deploy web 1.1.0 to production (previous version): done");
  }

  @Test
  void aStabilityBreachRollsProductionBack() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    AtomicInteger reads = new AtomicInteger();
    // Six healthy reads for the two canary analyses, then the error rate jumps.
    when(harness.mocks.metrics.measure(any())).thenAnswer(inv -> reads.incrementAndGet() <= 6
        ? MockActivities.healthy().answer(inv)
        : Measurement.value("error-rate", 0.2, "2026-01-01T00:00:00Z"));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("dave", null, null));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).contains("stability breached").contains("0.2 is above max 0.01");
    InOrder order = inOrder(harness.mocks.deploy, harness.mocks.commands);
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.1.0", "production")));
    order.verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "production")));
    order.verify(harness.mocks.commands).runCommand(argThat(command("undo migration of api in production")));
    order.verifyNoMoreInteractions();
    ReleaseStatus status = harness.status();
    assertThat(status.analysis()).filteredOn(a -> a.step().equals("stability"))
        .singleElement().satisfies(a -> assertThat(a.verdict()).hasToString("failed"));
    assertThat(status.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("phase stability -> rollback (gate failed)");
  }

  @Test
  void aCompensationThatFailsEveryRetryFailsTheRunAfterUndoingTheRest() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    when(harness.mocks.smokeTests.runSmokeTest(argThat(smokeIn("staging")))).thenThrow(
        ApplicationFailure.newNonRetryableFailure("health: expected status 200, got 503", "SmokeTestFailed"));
    when(harness.mocks.deploy.deploy(argThat(deployOf("web", "1.1.0", "staging"))))
        .thenThrow(ApplicationFailure.newFailure("HTTP 503 from deploy hook", "DeployUnavailable"));
    harness.start(ReleaseHarness.request("1.2.0"));
    io.temporal.client.WorkflowFailedException failed = org.assertj.core.api.Assertions.catchThrowableOfType(
        io.temporal.client.WorkflowFailedException.class, () -> harness.stub().getResult(ReleaseResult.class));
    assertThat(failed).isNotNull();
    ApplicationFailure cause = (ApplicationFailure) failed.getCause();
    assertThat(cause.getType()).isEqualTo("CompensationFailed");
    assertThat(cause.getOriginalMessage()).contains("deploy web 1.1.0 to staging (previous version): HTTP 503 from deploy hook");
    // Every retry was spent on the failing one, and the others still ran.
    verify(harness.mocks.deploy, org.mockito.Mockito.times(6)).deploy(argThat(deployOf("web", "1.1.0", "staging")));
    verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "staging")));
    verify(harness.mocks.commands).runCommand(argThat(command("undo migration of api in staging")));
    ReleaseStatus status = harness.status();
    assertThat(status.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(status.compensations()).extracting(c -> c.action() + ": " + c.state()).containsExactly(
        "undo migration of api in staging: done",
        "deploy api 1.1.0 to staging (previous version): done",
        "deploy web 1.1.0 to staging (previous version): failed");
    verify(harness.mocks.releaseLog).appendReleaseLog(argThat(e -> e != null && e.outcome().equals("failed")
        && e.compensations().stream().anyMatch(c -> String.valueOf(c.state()).equals("failed"))));
    assertThat(notifications()).endsWith("failed");
  }

  @Test
  void aCodeRollbackMessageDuringAnAutomaticRollbackIsRefusedAndTheRollbackFinishes() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    when(harness.mocks.smokeTests.runSmokeTest(argThat(smokeIn("staging")))).thenThrow(
        ApplicationFailure.newNonRetryableFailure("health: expected status 200, got 503", "SmokeTestFailed"));
    when(harness.mocks.deploy.deploy(argThat(deployOf("web", "1.1.0", "staging"))))
        .thenAnswer(harness.mocks.blocking(new dev.deployflow.activity.DeployActivities.DeployResult("restored")));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitStatus("rolling back automatically", s -> s.phase() == dev.deployflow.model.Phase.ROLLBACK);
    assertThat(dev.deployflow.workflow.support.Refusals.refusalWhileBusy(
        () -> workflow.rollback(new dev.deployflow.model.RollbackMessage("bob", "make it full", null))))
        .startsWith("a rollback at level code is already under way (automatic: staging verification (gate 2) failed");
    // As a signal it must be listed, not break the workflow task.
    workflow.rollbackSignal(new dev.deployflow.model.RollbackMessage("bob", "make it full", null));
    harness.awaitStatus("refused signal listed", s -> !s.rejectedMessages().isEmpty());
    harness.mocks.releaseBlocked();
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(harness.status().rejectedMessages()).singleElement()
        .satisfies(r -> assertThat(r.reason()).startsWith("a rollback at level code is already under way (automatic"));
  }

  private java.util.List<String> notifications() {
    ArgumentCaptor<NotifyRequest> notes = ArgumentCaptor.forClass(NotifyRequest.class);
    verify(harness.mocks.notifications, atLeastOnce()).sendNotification(notes.capture());
    return notes.getAllValues().stream().map(NotifyRequest::event).toList();
  }
}

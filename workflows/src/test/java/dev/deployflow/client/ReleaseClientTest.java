package dev.deployflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.Phase;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ResumeMessage;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.RunState;
import dev.deployflow.api.DeploySearchAttributes;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ReleaseClient} against the Temporal test server and a fake release workflow. */
class ReleaseClientTest {
  private static final String QUEUE = "deployments-test";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private TestWorkflowEnvironment env;
  private ReleaseClient client;

  @BeforeEach
  void startServer() {
    // Real time: with time skipping, a client waiting on a release blocked on a person would
    // skip to the end of time and see the run time out, which a real server never does.
    env = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    // As the worker does at start-up: the release workflow keeps these current.
    DeploySearchAttributes.ALL.forEach(
        key -> env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(FakeDeploymentWorkflow.class);
    env.start();
    client = new ReleaseClient(env.getWorkflowClient(), QUEUE);
  }

  @AfterEach
  void stopServer() {
    env.close();
  }

  @Test
  void startsUnderTheApplicationsWorkflowIdWithDefaultsApplied() {
    StartedRelease started = client.start(request("shop-api", "1.2.0"));

    assertThat(started.workflowId()).isEqualTo("deploy-shop-api");
    assertThat(started.runId()).isNotBlank();
    assertThat(started.request().pipeline()).isEqualTo("shop-api");
    assertThat(started.request().requestedBy()).isEqualTo("alice");
    assertThat(client.isRunning("shop-api")).isTrue();
    ReleaseStatus status = awaitStatus("shop-api", s -> s.phase() == Phase.APPROVAL);
    assertThat(status.version()).isEqualTo("1.2.0");
    assertThat(status.gates()).singleElement().satisfies(g -> assertThat(g.state()).hasToString("waiting"));
  }

  @Test
  void refusesAnInvalidRequestListingEveryProblemAndStartsNothing() {
    ReleaseRequest bad = new ReleaseRequest("Shop API", "1 2", null, null, null, null, null, null);

    assertThatThrownBy(() -> client.start(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("application: 'Shop API' must match")
        .hasMessageContaining("version: '1 2' must match [0-9A-Za-z][0-9A-Za-z._+-]{0,127}");
  }

  @Test
  void aSecondStartWhileOneRunsNamesTheRunningVersionAndPhase() {
    client.start(request("shop-api", "1.1.0"));
    awaitStatus("shop-api", s -> s.phase() == Phase.APPROVAL);

    assertThatThrownBy(() -> client.start(request("shop-api", "1.2.0")))
        .isInstanceOf(ReleaseConflictException.class)
        .hasMessage("shop-api already has a release in flight: 1.1.0 in phase approval"
            + " (deploy-shop-api). Wait for it, or roll it back: deployflow rollback shop-api");
    assertThat(client.status("shop-api").version()).isEqualTo("1.1.0");
  }

  @Test
  void aNewReleaseMayStartOnceThePreviousOneClosed() {
    client.start(request("shop-api", "1.1.0"));
    awaitStatus("shop-api", s -> s.phase() == Phase.APPROVAL);
    client.reject("shop-api", new RejectMessage("bob", null, "not today"));
    assertThat(client.awaitResult("shop-api", WAIT).outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(client.isRunning("shop-api")).isFalse();

    StartedRelease second = client.start(request("shop-api", "1.2.0"));

    assertThat(second.workflowId()).isEqualTo("deploy-shop-api");
    assertThat(client.status("shop-api").version()).isEqualTo("1.2.0");
  }

  @Test
  void anApprovalGoesThroughTheUpdateAndReturnsTheNewStatus() {
    client.start(request("shop-api", "1.2.0"));
    awaitStatus("shop-api", s -> s.phase() == Phase.APPROVAL);

    ReleaseStatus after = client.approve("shop-api", new ApproveMessage("bob", null, "lgtm"));

    assertThat(after.gates().get(0).state()).hasToString("approved");
    assertThat(after.gates().get(0).approvals()).extracting(ReleaseStatus.Approval::by)
        .containsExactly("bob");
    ReleaseResult result = client.awaitResult("shop-api", WAIT);
    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(result.version()).isEqualTo("1.2.0");
  }

  @Test
  void aRefusedApprovalCarriesTheValidatorsTextAndLeavesNoTrace() {
    client.start(request("shop-api", "1.2.0"));
    awaitStatus("shop-api", s -> s.phase() == Phase.APPROVAL);

    assertThatThrownBy(() -> client.approve("shop-api", new ApproveMessage("mallory", null, null)))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessage("mallory may not approve the production gate: its approvers are bob, carol")
        .satisfies(e -> assertThat(((MessageRefusedException) e).messageName()).isEqualTo("approve"));
    assertThatThrownBy(() -> client.approve("shop-api", new ApproveMessage("alice", null, null)))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessage("alice may not approve the production gate: its approvers are bob, carol");

    assertThat(updateEventsInHistory()).isZero();
    assertThat(client.status("shop-api").gates().get(0).approvals()).isEmpty();
  }

  @Test
  void rejectEndsTheReleaseRejected() {
    client.start(request("shop-api", "1.2.0"));
    awaitStatus("shop-api", s -> s.phase() == Phase.APPROVAL);

    client.reject("shop-api", new RejectMessage("carol", "production", "error budget spent"));

    assertThat(client.awaitResult("shop-api", WAIT).outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(client.status("shop-api").state()).isEqualTo(RunState.DONE);
  }

  @Test
  void rollbackEndsTheReleaseRolledBack() {
    client.start(request("shop-api", "1.2.0"));
    awaitStatus("shop-api", s -> s.phase() == Phase.APPROVAL);

    ReleaseStatus after =
        client.rollback("shop-api", new RollbackMessage("bob", "bad idea", RollbackLevel.FULL));

    assertThat(after.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("rollback (full) requested");
    assertThat(client.awaitResult("shop-api", WAIT).outcome()).isEqualTo(Outcome.ROLLED_BACK);
  }

  @Test
  void pauseHoldsTheReleaseUntilResumeAndEachIsRefusedTwice() {
    client.start(request("shop-api", "1.2.0"));
    awaitStatus("shop-api", s -> s.phase() == Phase.APPROVAL);

    assertThat(client.pause("shop-api", new PauseMessage("bob", "incident")).state())
        .isEqualTo(RunState.PAUSED);
    assertThatThrownBy(() -> client.pause("shop-api", new PauseMessage("bob", null)))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessage("the release is already paused");
    client.approve("shop-api", new ApproveMessage("carol", null, null));
    assertThatThrownBy(() -> client.awaitResult("shop-api", Duration.ofMillis(300)))
        .isInstanceOf(ReleaseWaitTimeoutException.class);
    assertThat(client.status("shop-api").phase()).isEqualTo(Phase.APPROVAL);

    client.resume("shop-api", new ResumeMessage("bob"));

    assertThat(client.awaitResult("shop-api", WAIT).outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThatThrownBy(() -> client.resume("shop-api", new ResumeMessage("bob")))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessageContaining("has already finished");
  }

  @Test
  void promoteIsRefusedOutsideTheRolloutWithTheValidatorsText() {
    client.start(request("shop-api", "1.2.0"));
    awaitStatus("shop-api", s -> s.phase() == Phase.APPROVAL);

    assertThatThrownBy(() -> client.promote("shop-api", new PromoteMessage("bob", false)))
        .isInstanceOf(MessageRefusedException.class)
        .hasMessage("nothing to promote in phase approval");
  }

  @Test
  void anUnknownApplicationIsNotFoundEverywhere() {
    assertThatThrownBy(() -> client.status("nope"))
        .isInstanceOf(ReleaseNotFoundException.class)
        .hasMessage("no release of nope found (workflow id deploy-nope)");
    assertThatThrownBy(() -> client.approve("nope", new ApproveMessage("bob", null, null)))
        .isInstanceOf(ReleaseNotFoundException.class);
    assertThatThrownBy(() -> client.awaitResult("nope", WAIT))
        .isInstanceOf(ReleaseNotFoundException.class);
    assertThat(client.isRunning("nope")).isFalse();
  }

  @Test
  void aFailedRunSurfacesTheWorkflowsReason() {
    client.start(request("shop-api", "broken-1"));

    assertThatThrownBy(() -> client.awaitResult("shop-api", WAIT))
        .isInstanceOf(ReleaseRunFailedException.class)
        .hasMessage("the release workflow deploy-shop-api failed: "
            + FakeDeploymentWorkflow.BROKEN_PIPELINE);
  }

  /** Accepted or completed updates in the history; a refused update records neither. */
  private long updateEventsInHistory() {
    return env.getWorkflowClient().fetchHistory("deploy-shop-api").getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED
            || e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED)
        .count();
  }

  private ReleaseStatus awaitStatus(String app, Predicate<ReleaseStatus> condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    ReleaseStatus status = client.status(app);
    while (!condition.test(status) && System.nanoTime() < deadline) {
      sleep(50);
      status = client.status(app);
    }
    assertThat(condition).as("status reached: %s", status).accepts(status);
    return status;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static ReleaseRequest request(String app, String version) {
    return new ReleaseRequest(app, version, null, null, null, "alice", List.of("a change"), null);
  }
}
